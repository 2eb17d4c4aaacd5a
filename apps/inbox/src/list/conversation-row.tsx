import type { Ref } from 'react';
import type { InboxConversation } from '@fio/contracts';
import { ChannelLabel } from '../common/channel-label.tsx';
import { commonMessages } from '../common/messages.ts';
import { SlaBadge } from '../common/sla-badge.tsx';
import { formatWait } from '../common/use-now.ts';
import { formatRelative, useLocale, useT } from '../i18n/i18n.ts';
import { Link } from '../router.ts';
import { listMessages } from './messages.ts';

interface RowProps {
  conversation: InboxConversation;
  href: string;
  selected: boolean;
  now: number;
  onFocus: () => void;
  ref?: Ref<HTMLAnchorElement>;
}

/** One conversation in the list: who, what they said last, where, how urgent, how long they wait. */
export function ConversationRow({ conversation: c, href, selected, now, onFocus, ref }: RowProps) {
  const t = useT(listMessages);
  const tc = useT(commonMessages);
  const { locale } = useLocale();
  const author = c.lastMessage?.author;
  const prefix = author === 'agent' ? t('you') : author === 'bot' ? t('bot') : author === 'system' ? t('system') : null;
  return (
    <Link
      ref={ref}
      to={href}
      className={`row${selected ? ' row-selected' : ''}${c.unread > 0 ? ' row-unread' : ''}`}
      data-testid="conversation-row"
      data-conversation-id={c.id}
      data-status={c.status}
      data-sla-state={c.sla.state}
      data-unread={c.unread}
      data-priority={c.priority}
      aria-current={selected ? 'true' : undefined}
      onFocus={onFocus}
    >
      <span className="row-line">
        <span className="row-name" data-testid="row-contact-name">
          {c.contactName ?? t('unknownContact')}
        </span>
        {c.lastMessageAt ? (
          <time className="row-time" dateTime={c.lastMessageAt}>
            {formatRelative(locale, c.lastMessageAt, Math.max(now, Date.parse(c.lastMessageAt)))}
          </time>
        ) : null}
      </span>
      <span className="row-line">
        <span className="row-last" data-testid="row-last-message">
          {prefix ? <span className="row-author">{prefix}: </span> : null}
          {c.lastMessage?.text ?? t('noMessages')}
        </span>
        {c.unread > 0 ? (
          <>
            <span className="row-unread-badge" aria-hidden="true">
              {c.unread}
            </span>
            <span className="visually-hidden">{t('unread', { count: c.unread })}</span>
          </>
        ) : null}
      </span>
      <span className="row-meta">
        <ChannelLabel type={c.channelType} testId="row-channel" />
        <span className={`row-status status-${c.status}`}>{tc(`status_${c.status}`)}</span>
        {c.priority !== 'normal' ? <span className={`row-priority priority-${c.priority}`}>{tc(`priority_${c.priority}`)}</span> : null}
        <SlaBadge sla={c.sla} now={now} />
        {c.waitingSince && c.status !== 'resolved' ? (
          <span className="row-waiting">{t('waiting', { time: formatWait((now - Date.parse(c.waitingSince)) / 1000) })}</span>
        ) : null}
        <span className="row-assignee">
          {c.assigneeName ? t('assignedTo', { name: c.assigneeName }) : c.status === 'queued' ? t('unassigned') : null}
          {c.teamName ? ` · ${c.teamName}` : ''}
        </span>
      </span>
    </Link>
  );
}
