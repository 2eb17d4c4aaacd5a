import type { Content } from '@fio/contracts';
import { useT } from '../i18n/i18n.ts';
import { conversationMessages } from './messages.ts';

export interface Attachment {
  key: string;
  name: string;
  uploading: boolean;
  content?: Content;
  error?: string;
}

/** Files waiting to go with the next reply: uploading, ready, or refused (with the server's reason). */
export function AttachmentList({ attachments, onRemove }: { attachments: Attachment[]; onRemove: (key: string) => void }) {
  const t = useT(conversationMessages);
  if (attachments.length === 0) return null;
  return (
    <ul className="cv-chips cv-attachments" aria-label={t('composer.attachments')}>
      {attachments.map((a) => (
        <li key={a.key} className={a.error ? 'cv-chip cv-chip-error' : 'cv-chip'} data-testid="attachment">
          <span>{a.name}</span>
          <span className="cv-small">
            {' · '}
            {a.uploading ? t('attachment.uploading') : a.error ? t('attachment.failed', { reason: a.error }) : t('attachment.ready')}
          </span>
          <button
            type="button"
            className="cv-chip-remove"
            aria-label={t('attachment.remove', { name: a.name })}
            onClick={() => onRemove(a.key)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
