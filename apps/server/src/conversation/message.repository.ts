import type { ChannelType, Content, DeliveryStatus, MessageAuthor, MessageId, MessageView } from '@fio/contracts';
import { asMessageId, contentToPlainText, deliveryStatusRank } from '@fio/contracts';
import type { DbOrTx } from '../storage/index.ts';
import { newId } from '../storage/index.ts';
import type { MessagesTable } from '../storage/schema.ts';

export interface Message {
  id: MessageId;
  workspaceId: string;
  conversationId: string;
  seq: number;
  direction: 'inbound' | 'outbound';
  author: MessageAuthor;
  connectionId: string | null;
  channelType: ChannelType | null;
  content: Content;
  text: string;
  providerMessageId: string | null;
  replyToMessageId: string | null;
  status: DeliveryStatus;
  statusAt: string;
  error: { code: string; message: string } | null;
  createdAt: string;
}

function toMessage(r: MessagesTable): Message {
  return {
    id: asMessageId(r.id),
    workspaceId: r.workspace_id,
    conversationId: r.conversation_id,
    seq: r.seq,
    direction: r.direction as Message['direction'],
    author: r.author as MessageAuthor,
    connectionId: r.connection_id,
    channelType: r.channel_type as ChannelType | null,
    content: JSON.parse(r.content_json) as Content,
    text: r.text,
    providerMessageId: r.provider_message_id,
    replyToMessageId: r.reply_to_message_id,
    status: r.status as DeliveryStatus,
    statusAt: r.status_at,
    error: r.error_json ? (JSON.parse(r.error_json) as Message['error']) : null,
    createdAt: r.created_at,
  };
}

/** What clients see of a message: all but the storage-only fields. */
export function toMessageView(m: Message): MessageView {
  const { workspaceId: _workspaceId, replyToMessageId: _replyTo, statusAt: _statusAt, ...view } = m;
  return view;
}

/** What a caller decides about a new message; the repository adds ids, text and timestamps. */
export type NewMessage = Pick<
  Message,
  | 'conversationId'
  | 'seq'
  | 'direction'
  | 'author'
  | 'connectionId'
  | 'channelType'
  | 'content'
  | 'providerMessageId'
  | 'replyToMessageId'
  | 'status'
> & {
  /** Pre-allocated id (the ingest transaction records it in the delivery receipt first). */
  id?: string;
  /** The provider's payload, already serialised and size-capped (see keepRawPayload). */
  raw?: string | null;
};

export function createMessageRepository(db: DbOrTx, workspaceId: string) {
  return {
    async append(m: NewMessage, now: string): Promise<Message> {
      const row: MessagesTable = {
        id: m.id ?? newId('msg'),
        workspace_id: workspaceId,
        conversation_id: m.conversationId,
        seq: m.seq,
        direction: m.direction,
        author: m.author,
        connection_id: m.connectionId,
        channel_type: m.channelType,
        content_json: JSON.stringify(m.content),
        text: contentToPlainText(m.content),
        provider_message_id: m.providerMessageId,
        reply_to_message_id: m.replyToMessageId,
        status: m.status,
        status_at: now,
        error_json: null,
        created_at: now,
        ...(m.raw ? { raw_json: m.raw } : {}),
      };
      await db.insertInto('messages').values(row).execute();
      return toMessage(row);
    },

    /** Puts a dead-lettered message back in line for another delivery attempt (an operator's decision). */
    async resetForRetry(id: string, now: string): Promise<void> {
      await db
        .updateTable('messages')
        .set({ status: 'pending', status_at: now, error_json: null })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .where('status', '=', 'failed')
        .execute();
    },

    async get(id: string): Promise<Message | null> {
      const row = await db
        .selectFrom('messages')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toMessage(row) : null;
    },

    async findByProviderId(connectionId: string, providerMessageId: string): Promise<Message | null> {
      const row = await db
        .selectFrom('messages')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('connection_id', '=', connectionId)
        .where('provider_message_id', '=', providerMessageId)
        .executeTakeFirst();
      return row ? toMessage(row) : null;
    },

    /** Messages of a conversation after `afterSeq`, oldest first. */
    async listAfter(conversationId: string, afterSeq: number, limit: number): Promise<Message[]> {
      const rows = await db
        .selectFrom('messages')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('conversation_id', '=', conversationId)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map(toMessage);
    },

    /** The last `limit` messages of a conversation, oldest first. */
    async listLatest(conversationId: string, limit: number): Promise<Message[]> {
      const rows = await db
        .selectFrom('messages')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('conversation_id', '=', conversationId)
        .orderBy('seq', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toMessage).reverse();
    },

    /** The provider's payload kept beside a message (see keepRawPayload), or null. */
    async getRaw(id: string): Promise<unknown> {
      const row = await db
        .selectFrom('messages')
        .select('raw_json')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.raw_json ? (JSON.parse(row.raw_json) as unknown) : null;
    },

    /** Replaces a message's content: only to note facts learnt later (a media file's real type and size). */
    async replaceContent(id: string, content: Content): Promise<void> {
      await db
        .updateTable('messages')
        .set({ content_json: JSON.stringify(content), text: contentToPlainText(content) })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .execute();
    },

    /**
     * Moves a message's delivery status forward only (sent → delivered → read; failed from before read).
     * Returns false when the update would move it backwards or sideways.
     */
    async advanceStatus(
      id: string,
      status: DeliveryStatus,
      now: string,
      extra: { providerMessageId?: string; error?: { code: string; message: string } } = {},
    ): Promise<boolean> {
      const allowedFrom = (Object.keys(deliveryStatusRank) as DeliveryStatus[]).filter((s) =>
        status === 'failed' ? deliveryStatusRank[s] < deliveryStatusRank.read : deliveryStatusRank[s] < deliveryStatusRank[status],
      );
      if (allowedFrom.length === 0) return false;
      const result = await db
        .updateTable('messages')
        .set({
          status,
          status_at: now,
          ...(extra.providerMessageId ? { provider_message_id: extra.providerMessageId } : {}),
          ...(extra.error ? { error_json: JSON.stringify(extra.error) } : {}),
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .where('status', 'in', allowedFrom)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
export type MessageRepository = ReturnType<typeof createMessageRepository>;
