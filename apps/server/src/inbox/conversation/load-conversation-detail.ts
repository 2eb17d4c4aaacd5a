import type { InboxConversationDetail } from '@fio/contracts';
import type { ConnectionRuntime } from '../../channels/connection-registry.ts';
import { createConversationRepository } from '../../conversation/conversation.repository.ts';
import type { DbOrTx } from '../../storage/index.ts';
import { loadInboxConversation } from '../list/load-inbox-conversations.ts';
import { listNotes } from '../notes/list-notes.ts';
import { listThreadMessages } from './list-thread-messages.ts';
import { loadHandoffContext } from './load-handoff-context.ts';
import { loadReplyWindow } from './reply-window.ts';

/** The messages the conversation screen opens with; older ones page back with ?beforeSeq=. */
export const detailMessageCount = 50;
/** Notes are few per conversation; past this many the screen pages the rest through GET …/notes. */
const detailNoteCount = 500;

/**
 * Everything the conversation screen shows at once: the row as the list shows it (plus its reply
 * connection and the customer's previous conversation), the latest messages across channels, the private
 * notes, the context card of the latest handoff, and the reply channel's window. Null when the
 * conversation is not in the workspace; visibility is checked by the caller (requireVisibleConversation).
 */
export async function loadConversationDetail(
  deps: { db: DbOrTx; connections: { get(id: string): ConnectionRuntime | undefined }; clock: () => Date },
  workspaceId: string,
  conversationId: string,
  viewerUserId: string | null,
): Promise<InboxConversationDetail | null> {
  const { db } = deps;
  const conversation = await createConversationRepository(db, workspaceId).get(conversationId);
  if (!conversation) return null;
  const [row, previousId, thread, notes, handoff, replyWindow] = await Promise.all([
    loadInboxConversation(db, workspaceId, conversationId, viewerUserId),
    createConversationRepository(db, workspaceId).findPreviousId(conversation),
    listThreadMessages(db, workspaceId, conversationId, { limit: detailMessageCount }),
    listNotes(db, workspaceId, conversationId, { limit: detailNoteCount }),
    loadHandoffContext(db, workspaceId, conversationId),
    loadReplyWindow(db, deps.connections, conversation, deps.clock()),
  ]);
  if (!row) return null;
  return {
    conversation: { ...row, replyConnectionId: conversation.replyConnectionId, previousConversationId: previousId },
    messages: thread.messages,
    hasEarlier: thread.hasEarlier,
    notes: notes.notes,
    handoff,
    replyWindow,
  };
}
