import { useState, type KeyboardEvent } from 'react';
import { useT } from '../i18n/i18n.ts';
import { conversationMessages } from './messages.ts';

const maxTags = 20;
const maxTagLength = 64;

/** The conversation's tags: remove with ×, add by typing and Enter (or a comma). */
export function TagsEditor({ tags, disabled, onChange }: { tags: string[]; disabled: boolean; onChange: (tags: string[]) => void }) {
  const t = useT(conversationMessages);
  const [draft, setDraft] = useState('');
  const add = () => {
    const tag = draft.trim().replace(/,+$/, '').slice(0, maxTagLength);
    setDraft('');
    if (!tag || tags.includes(tag) || tags.length >= maxTags) return;
    onChange([...tags, tag]);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && draft === '' && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  };
  return (
    <div className="cv-tags" data-testid="tags" role="group" aria-label={t('tags.label')}>
      <ul className="cv-chips">
        {tags.map((tag) => (
          <li key={tag} className="cv-chip" data-testid="tag">
            {tag}
            {!disabled && (
              <button
                type="button"
                className="cv-chip-remove"
                aria-label={t('tags.remove', { tag })}
                onClick={() => onChange(tags.filter((x) => x !== tag))}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {!disabled && tags.length < maxTags && (
        <input
          type="text"
          name="tag"
          className="cv-tag-input"
          value={draft}
          maxLength={maxTagLength}
          placeholder={t('tags.add')}
          aria-label={t('tags.add')}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => draft.trim() && add()}
        />
      )}
    </div>
  );
}
