import type { ReactNode } from 'react';

/**
 * A listbox under the composer driven from the textarea (aria-activedescendant): arrows move, Enter
 * picks, Escape closes — the textarea keeps focus so typing goes on filtering.
 */
export function SuggestionMenu<T>({
  id,
  label,
  items,
  active,
  testId,
  optionTestId,
  itemKey,
  render,
  onPick,
}: {
  id: string;
  label: string;
  items: T[];
  active: number;
  testId: string;
  optionTestId: string;
  itemKey: (item: T) => string;
  render: (item: T) => ReactNode;
  onPick: (item: T) => void;
}) {
  return (
    <ul id={id} role="listbox" aria-label={label} className="cv-menu" data-testid={testId}>
      {items.map((item, i) => (
        <li
          key={itemKey(item)}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'cv-menu-option cv-active' : 'cv-menu-option'}
          data-testid={optionTestId}
          // mousedown, not click: the textarea must not lose focus before the pick.
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(item);
          }}
        >
          {render(item)}
        </li>
      ))}
    </ul>
  );
}
