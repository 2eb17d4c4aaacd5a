import { useEffect, useRef, type RefObject } from 'react';

interface ListKeyboard {
  pane: RefObject<HTMLElement | null>;
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
 * j/k or ↓/↑ move between rows, / jumps to the search, Enter opens (the rows are links). Keys count
 * only when nothing else has the focus or the focus is in the list: the conversation screen and its
 * dialogs keep theirs (Esc there is the conversation screen's own).
 */
export function useListKeyboard(opts: ListKeyboard): void {
  const ref = useRef(opts);
  ref.current = opts;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const o = ref.current;
      const active = document.activeElement;
      const inPane = !!active && !!o.pane.current?.contains(active);
      const idle = !active || active === document.body || active.id === 'main';
      if (!inPane && !idle) return;
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
