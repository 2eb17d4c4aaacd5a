import type { z } from 'zod';
import type { replyWindowViewSchema } from '@fio/contracts';
import type { ConnectionRuntime } from '../../channels/connection-registry.ts';
import { createConversationRepository, type Conversation } from '../../conversation/conversation.repository.ts';
import { replyWindow } from '../../conversation/reply-window.ts';
import type { DbOrTx } from '../../storage/index.ts';

export type ReplyWindowView = z.infer<typeof replyWindowViewSchema>;

/**
 * Whether an agent may write free text on the conversation's reply channel now (the same rule the reply
 * route applies: a person's window, counted from the customer's last message on that connection), and
 * whether the channel offers approved templates instead. The composer disables free text when closed.
 */
export async function loadReplyWindow(
  db: DbOrTx,
  connections: { get(id: string): ConnectionRuntime | undefined },
  conversation: Pick<Conversation, 'workspaceId' | 'contactId' | 'replyConnectionId'>,
  now: Date,
): Promise<ReplyWindowView> {
  const connection = conversation.replyConnectionId ? connections.get(conversation.replyConnectionId) : undefined;
  if (!connection || connection.workspaceId !== conversation.workspaceId)
    return {
      open: false,
      closesAt: null,
      reason: 'The conversation has no channel to reply on (its channel was removed).',
      templates: false,
    };
  const last = await createConversationRepository(db, conversation.workspaceId).lastInboundByConnection(
    conversation.contactId,
    connection.id,
  );
  const window = replyWindow(
    connection.capabilities,
    last.get(connection.id) ?? null,
    'agent',
    now,
    connection.adapter.definition.displayName,
  );
  return {
    open: window.open,
    closesAt: window.open ? window.closesAt : null,
    reason: window.reason,
    templates: connection.capabilities.templates,
  };
}
