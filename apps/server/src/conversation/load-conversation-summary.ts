import type { ChannelType, ConversationSummary } from '@fio/contracts';
import { listConversationEvents } from '../events/event-log.ts';
import type { DbOrTx } from '../storage/index.ts';
import type { Conversation } from './conversation.repository.ts';
import { summarizeConversation, type SummaryEvent } from './summarize-conversation.ts';

/**
 * Loads what the summary reads — every message's direction, author, channel and time (not its content),
 * the customer's first words and the conversation's events — and summarises. Inside a transaction it
 * sees that transaction's writes (the resolve's own status change).
 */
export async function loadConversationSummary(
  db: DbOrTx,
  workspaceId: string,
  conversation: Conversation,
  defaultLanguage: string,
  /** Events this transaction is about to write (the resolve's own note), read as if stored. */
  pending: readonly SummaryEvent[] = [],
): Promise<ConversationSummary> {
  const messages = await db
    .selectFrom('messages')
    .select(['direction', 'author', 'channel_type', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversation.id)
    .orderBy('seq')
    .execute();
  const first = await db
    .selectFrom('messages')
    .select('text')
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversation.id)
    .where('direction', '=', 'inbound')
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  const events = await listConversationEvents(db, workspaceId, conversation.id);
  return summarizeConversation({
    conversation,
    messages: messages.map((m) => ({
      direction: m.direction === 'inbound' ? 'inbound' : 'outbound',
      author: m.author,
      channelType: m.channel_type as ChannelType | null,
      createdAt: m.created_at,
    })),
    firstCustomerText: first?.text ?? null,
    events: [...events, ...pending],
    defaultLanguage,
  });
}
