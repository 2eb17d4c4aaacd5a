import type { ChannelType, Content, DeliveryStatus, InboxMessage, MessageAuthor } from '@fio/contracts';
import type { DbOrTx } from '../../storage/index.ts';

export interface ThreadPage {
  /** Oldest first. */
  messages: InboxMessage[];
  /** Older messages exist before the first one given. */
  hasEarlier: boolean;
}

/**
 * The newest `limit` messages of a conversation before `beforeSeq` (all of them when absent), each with
 * its own channel and, for a person's reply, who wrote it. A read-only query for the conversation screen:
 * one indexed range on (conversation, seq) joined to the author's name.
 */
export async function listThreadMessages(
  db: DbOrTx,
  workspaceId: string,
  conversationId: string,
  page: { beforeSeq?: number | undefined; limit: number },
): Promise<ThreadPage> {
  const rows = await db
    .selectFrom('messages')
    .leftJoin('users', (join) =>
      join.onRef('users.id', '=', 'messages.author_id').onRef('users.workspace_id', '=', 'messages.workspace_id'),
    )
    .select([
      'messages.id',
      'messages.conversation_id',
      'messages.seq',
      'messages.direction',
      'messages.author',
      'messages.channel_type',
      'messages.connection_id',
      'messages.content_json',
      'messages.text',
      'messages.provider_message_id',
      'messages.status',
      'messages.error_json',
      'messages.created_at',
      'messages.author_id',
      'users.name as author_name',
    ])
    .where('messages.workspace_id', '=', workspaceId)
    .where('messages.conversation_id', '=', conversationId)
    .$if(page.beforeSeq !== undefined, (qb) => qb.where('messages.seq', '<', page.beforeSeq ?? 0))
    .orderBy('messages.seq', 'desc')
    .limit(page.limit + 1)
    .execute();
  const hasEarlier = rows.length > page.limit;
  const messages = rows
    .slice(0, page.limit)
    .reverse()
    .map((r): InboxMessage => ({
      id: r.id,
      conversationId: r.conversation_id,
      seq: Number(r.seq),
      direction: r.direction === 'inbound' ? 'inbound' : 'outbound',
      author: r.author as MessageAuthor,
      channelType: r.channel_type as ChannelType | null,
      connectionId: r.connection_id,
      content: JSON.parse(r.content_json) as Content,
      text: r.text,
      providerMessageId: r.provider_message_id,
      status: r.status as DeliveryStatus,
      error: r.error_json ? (JSON.parse(r.error_json) as { code: string; message: string }) : null,
      createdAt: r.created_at,
      authorId: r.author_id ?? null,
      authorName: r.author_name ?? null,
    }));
  return { messages, hasEarlier };
}
