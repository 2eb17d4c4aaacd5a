import { useEffect, useRef, type RefObject } from 'react';

interface ListKeyboard {
  searchInput: RefObject<HTMLInputElement | null>;
  count: number;
  focusIndex: number;
  focusRow: (index: number) => void;
  /** Esc from the list while a conversation is open: back to the list alone. */
  onBack: (() => void) | null;
}

const typingTarget = (el: Element | null) =>
  el instanceof HTMLInputElement ||
  el instanceof HTMLTextAreaElement ||
  el instanceof HTMLSelectElement ||
  (el instanceof HTMLElement && el.isContentEditable);

/**
 * j/k or ↓/↑ move between rows, / jumps to the search, Enter opens (the rows are links), Esc from
 * the list closes the open conversation. Keys pressed inside the conversation screen or its dialogs are
 * theirs (Esc there is the conversation screen's own), and so are keys typed into a field.
 */
export function useListKeyboard(opts: ListKeyboard): void {
  const ref = useRef(opts);
  ref.current = opts;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const o = ref.current;
      const active = document.activeElement;
      // The open conversation, its dialogs and the menus keep their keys; so does any field being typed in.
      if (active?.closest('.conversation-pane, dialog, [role="dialog"], .bell-panel')) return;
      if (typingTarget(active)) return;
      switch (e.key) {
        case '/':
          e.preventDefault();
          o.searchInput.current?.focus();
          return;
        case 'j':
        case 'ArrowDown':
          if (o.count === 0) return;
          e.preventDefault();
          o.focusRow(Math.min(o.count - 1, o.focusIndex + 1));
          return;
        case 'k':
        case 'ArrowUp':
          if (o.count === 0) return;
          e.preventDefault();
          o.focusRow(Math.max(0, o.focusIndex - 1));
          return;
        case 'Escape':
          if (o.onBack) {
            e.preventDefault();
            o.onBack();
          }
          return;
        default:
          return;
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
