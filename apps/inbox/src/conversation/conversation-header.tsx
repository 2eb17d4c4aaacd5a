import { useEffect, useState } from 'react';
import type { InboxConversationDetail } from '@fio/contracts';
import { formatDateTime, formatRelative, useLocale, useT } from '../i18n/i18n.ts';
import { ChannelLabel } from './channel-label.tsx';
import { conversationMessages } from './messages.ts';

export function ConversationHeader({
  detail,
  panelOpen,
  onTogglePanel,
  onClose,
}: {
  detail: InboxConversationDetail;
  panelOpen: boolean;
  onTogglePanel: () => void;
  onClose: () => void;
}) {
  const t = useT(conversationMessages);
  const { locale } = useLocale();
  const c = detail.conversation;
  // "due in 12 min" must keep counting down while nothing else changes on screen.
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  const name = c.contactName ?? t('contact.unnamed');
  return (
    <header className="cv-header">
      <button type="button" className="cv-back" onClick={onClose} data-testid="conversation-close" aria-label={t('screen.back')}>
        <span aria-hidden="true">←</span>
        <span className="cv-back-text"> {t('screen.backShort')}</span>
      </button>
      <div className="cv-header-main">
        <h2 className="cv-title">{name}</h2>
        <p className="cv-header-facts">
          <span className={`cv-status-badge cv-status-badge-${c.status}`} data-testid="conversation-status">
            {t(`convStatus.${c.status}`)}
          </span>
          <ChannelLabel channel={c.channelType} />
          <span>{c.assigneeName ? t('header.assignedTo', { name: c.assigneeName }) : t('header.unassigned')}</span>
          {c.teamName && <span>{t('header.team', { team: c.teamName })}</span>}
          {c.sla.state !== 'none' && (
            <span className={`cv-sla cv-sla-${c.sla.state}`} data-testid="conversation-sla" data-sla-state={c.sla.state}>
              {t(`sla.${c.sla.state}`)}
              {c.sla.kind ? ` · ${t(`slaKind.${c.sla.kind}`)}` : ''}
              {c.sla.dueAt ? ` · ${formatRelative(locale, c.sla.dueAt)}` : ''}
            </span>
          )}
          {c.snoozedUntil && (
            <span className="cv-snoozed">{t('header.snoozedUntil', { when: formatDateTime(locale, c.snoozedUntil) })}</span>
          )}
          {!c.snoozedUntil && c.snoozedForReply && <span className="cv-snoozed">{t('header.snoozedForReply')}</span>}
        </p>
      </div>
      <button
        type="button"
        className="cv-panel-toggle"
        aria-expanded={panelOpen}
        onClick={onTogglePanel}
        data-testid="contact-panel-toggle"
      >
        {panelOpen ? t('screen.hidePanel') : t('screen.showPanel')}
      </button>
    </header>
  );
}
