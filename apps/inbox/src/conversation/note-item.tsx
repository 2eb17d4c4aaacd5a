import type { NoteView } from '@fio/contracts';
import { formatDateTime, useLocale, useT } from '../i18n/i18n.ts';
import { LinkedText } from './linked-text.tsx';
import { conversationMessages } from './messages.ts';

/** A private note among the messages: looks apart and says the customer never sees it. */
export function NoteItem({ note }: { note: NoteView }) {
  const t = useT(conversationMessages);
  const { locale } = useLocale();
  return (
    <li className="cv-note" data-testid="note" data-note-id={note.id}>
      <div className="cv-message-meta">
        <span className="cv-author">{note.authorName}</span>
        <span className="cv-note-badge">{t('note.badge')}</span>
        <time dateTime={note.createdAt}>{formatDateTime(locale, note.createdAt, { timeStyle: 'short' })}</time>
      </div>
      <p className="cv-note-text">
        <LinkedText text={note.text} />
      </p>
    </li>
  );
}
