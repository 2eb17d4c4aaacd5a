import { useCallback, useEffect, useMemo, useState, type JSX } from 'react';
import type { MeView } from '@fio/contracts';
import { useT } from '../i18n/i18n.ts';
import { ActionsBar } from './actions-bar.tsx';
import { Composer } from './composer.tsx';
import { ContactPanel } from './contact-panel.tsx';
import { ConversationHeader } from './conversation-header.tsx';
import { listPermissions } from './conversation-permissions.ts';
import { HandoffCard } from './handoff-card.tsx';
import { conversationMessages } from './messages.ts';
import { Thread } from './thread.tsx';
import { useConversation } from './use-conversation.ts';
import { usePeople } from './use-people.ts';
import { useReadMark } from './use-read-mark.ts';
import './conversation.css';

/** Wide screens show the contact panel beside the thread; narrower ones start with it folded away. */
const panelOpenQuery = '(min-width: 1280px)';

/**
 * One conversation as an agent works it: header and actions, the handoff context card, the whole
 * thread across channels with private notes, the composer, and the contact panel beside it.
 */
export function ConversationScreen({
  conversationId,
  me,
  onClose,
}: {
  conversationId: string;
  me: MeView;
  onClose: () => void;
}): JSX.Element {
  const t = useT(conversationMessages);
  const { state, reload, loadEarlier, addSent, addNote } = useConversation(conversationId);
  const people = usePeople(me.user.role);
  const markRead = useReadMark(conversationId);
  const [panelOpen, setPanelOpen] = useState(() => window.matchMedia(panelOpenQuery).matches);
  const { detail } = state;

  // Escape goes back to the list, unless a dialog or a menu took it first (they stop it).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]')) return;
      onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const can = useMemo(
    () => (detail ? listPermissions(detail.conversation, { userId: me.user.id, role: me.user.role }) : null),
    [detail, me.user.id, me.user.role],
  );
  const onSeen = useCallback((seq: number) => markRead(seq), [markRead]);

  if (!detail || !can) {
    return (
      <div className="cv-screen cv-screen-empty" data-testid="conversation-screen" data-conversation-id={conversationId}>
        <button type="button" className="cv-back" onClick={onClose}>
          <span aria-hidden="true">←</span> {t('screen.backShort')}
        </button>
        {state.error ? (
          <div role="alert" className="cv-error-box">
            <p>{state.error.code === 'conversation_not_found' ? t('screen.notFound') : state.error.message}</p>
            <button type="button" onClick={() => void reload()}>
              {t('screen.retry')}
            </button>
          </div>
        ) : (
          <p className="cv-muted" role="status">
            {t('loading')}
          </p>
        )}
      </div>
    );
  }

  const c = detail.conversation;
  const contactName = c.contactName ?? t('contact.customer');
  return (
    <div
      className={panelOpen ? 'cv-screen cv-with-panel' : 'cv-screen'}
      data-testid="conversation-screen"
      data-conversation-id={c.id}
      data-status={c.status}
    >
      <div className="cv-main">
        <ConversationHeader detail={detail} panelOpen={panelOpen} onTogglePanel={() => setPanelOpen((o) => !o)} onClose={onClose} />
        {state.removed && (
          <p className="cv-warning" role="alert">
            {t('screen.removed')}
          </p>
        )}
        {state.error && (
          <p className="cv-error-text" role="alert">
            {state.error.message}
          </p>
        )}
        <ActionsBar detail={detail} me={me} can={can} teams={people.teams} users={people.users} onChanged={reload} />
        {detail.handoff && <HandoffCard handoff={detail.handoff} />}
        <Thread
          messages={detail.messages}
          notes={detail.notes}
          hasEarlier={detail.hasEarlier}
          onLoadEarlier={loadEarlier}
          contactName={contactName}
          contactTyping={state.contactTyping}
          onSeen={onSeen}
        />
        <Composer detail={detail} me={me} users={people.users} can={can} onSent={addSent} onNote={addNote} />
      </div>
      {panelOpen && (
        <ContactPanel
          key={c.contactId}
          contactId={c.contactId}
          conversationId={c.id}
          canDecideMerges={me.user.role !== 'bot_editor'}
          onMerged={() => void reload()}
        />
      )}
    </div>
  );
}
