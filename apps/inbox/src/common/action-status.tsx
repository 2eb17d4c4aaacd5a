import { useErrorText } from './error-state.tsx';
import type { Action } from './use-action.ts';

/** How the last action went, read out politely: its error in words, else its note. */
export function ActionStatus({ action, small = false, inline = false }: { action: Action; small?: boolean; inline?: boolean }) {
  const errorText = useErrorText(action.error);
  const className = action.error ? 'form-error' : small ? 'muted small' : 'muted';
  const text = action.error ? errorText : action.note;
  return inline ? (
    <span role="status" className={className}>
      {text}
    </span>
  ) : (
    <p role="status" className={className}>
      {text}
    </p>
  );
}
