import type { MeView } from '@fio/contracts';
import { ConversationScreen } from '../conversation/conversation-screen.tsx';
import { useT } from '../i18n/i18n.ts';
import { navigate, useRoute } from '../router.ts';
import { ConversationList } from './conversation-list.tsx';
import { listMessages } from './messages.ts';

/**
 * The list beside the open conversation on wide screens; on narrow ones (< 900 px) one of the two
 * at a time (CSS), the list's query kept in the URL so closing returns to the same filtered view.
 */
export function InboxScreen({ me, conversationId }: { me: MeView; conversationId: string | null }) {
  const t = useT(listMessages);
  const { search } = useRoute();
  const query = search.toString();
  const close = () => navigate(`/inbox/${query ? `?${query}` : ''}`);
  return (
    <div className="inbox-layout" data-open={conversationId ? 'true' : 'false'}>
      <ConversationList me={me} openId={conversationId} />
      <section className="conversation-pane">
        {conversationId ? (
          <ConversationScreen key={conversationId} conversationId={conversationId} me={me} onClose={close} />
        ) : (
          <p className="pane-empty">{t('selectConversation')}</p>
        )}
      </section>
    </div>
  );
}
