import { ApiFailure } from '../api/client.ts';
import { useT } from '../i18n/i18n.ts';
import { commonMessages } from './messages.ts';
import './common.css';

/** A failed load in words: what went wrong and a way to try again; never a blank screen. */
export function ErrorState({ error, onRetry, path }: { error: unknown; onRetry?: () => void; path?: string }) {
  const t = useT(commonMessages);
  return (
    <div className="error-state" role="alert" data-testid="error-state">
      <p className="error-state-title">{t('errorTitle')}</p>
      <p>{useErrorText(error, path)}</p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('retry')}
        </button>
      ) : null}
    </div>
  );
}

/** The server's own message for a coded refusal; a missing route or the network said plainly. */
export function useErrorText(error: unknown, path?: string): string {
  const t = useT(commonMessages);
  if (error instanceof ApiFailure) {
    if (error.status === 404 && error.code === 'not_found' && path) return t('notAvailable', { path });
    if (error.status === 403 && error.code === 'forbidden') return t('forbidden');
    if (error.status >= 500) return t('serverError', { code: error.code, id: error.correlationId ?? '—' });
    return error.message;
  }
  if (error instanceof TypeError) return t('networkError');
  return error instanceof Error ? error.message : String(error);
}
