import type { InboxMessage } from '@fio/contracts';
import { formatDateTime, useLocale, useT } from '../i18n/i18n.ts';
import { ChannelLabel } from './channel-label.tsx';
import { MessageContent } from './message-content.tsx';
import { conversationMessages } from './messages.ts';

export function MessageItem({ message, contactName }: { message: InboxMessage; contactName: string }) {
  const t = useT(conversationMessages);
  const { locale } = useLocale();
  const author =
    message.author === 'contact'
      ? contactName
      : message.author === 'bot'
        ? t('author.bot')
        : message.author === 'agent'
          ? (message.authorName ?? t('author.agent'))
          : t('author.system');
  const outbound = message.direction === 'outbound';
  return (
    <li
      className={`cv-message cv-message-${message.author} ${outbound ? 'cv-out' : 'cv-in'}`}
      data-testid="message"
      data-message-id={message.id}
      data-seq={message.seq}
      data-author={message.author}
      data-channel={message.channelType ?? ''}
      data-status={message.status}
    >
      <div className="cv-message-meta">
        <span className="cv-author">{author}</span>
        <ChannelLabel channel={message.channelType} />
        <time dateTime={message.createdAt} title={formatDateTime(locale, message.createdAt, { dateStyle: 'full', timeStyle: 'medium' })}>
          {formatDateTime(locale, message.createdAt, { timeStyle: 'short' })}
        </time>
      </div>
      <div className="cv-bubble">
        <MessageContent message={message} />
      </div>
      {outbound && (
        <p className={`cv-status cv-status-${message.status}`} data-testid="message-status">
          {t(`status.${message.status}`)}
          {message.status === 'failed' && message.error ? `: ${message.error.message}` : ''}
        </p>
      )}
    </li>
  );
}
