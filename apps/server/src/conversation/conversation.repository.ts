import type { ConversationId, ConversationStatus, ConversationView, ChannelType } from '@fio/contracts';
import { asConversationId } from '@fio/contracts';
import { sql } from 'kysely';
import type { DbOrTx } from '../storage/index.ts';
import { newId } from '../storage/index.ts';
import type { ConversationsTable } from '../storage/schema.ts';

export interface Conversation {
  id: ConversationId;
  workspaceId: string;
  contactId: string;
  status: ConversationStatus;
  replyConnectionId: string | null;
  replyChannelType: ChannelType | null;
  replyAddress: string | null;
  botState: Record<string, unknown>;
  lastMessageSeq: number;
  lastMessageAt: string | null;
  lastInboundAt: string | null;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
}

export function toConversation(r: ConversationsTable): Conversation {
  return {
    id: asConversationId(r.id),
    workspaceId: r.workspace_id,
    contactId: r.contact_id,
    status: r.status as ConversationStatus,
    replyConnectionId: r.reply_connection_id,
    replyChannelType: r.reply_channel_type as ChannelType | null,
    replyAddress: r.reply_address,
    botState: JSON.parse(r.bot_state_json) as Record<string, unknown>,
    lastMessageSeq: r.last_message_seq,
    lastMessageAt: r.last_message_at,
    lastInboundAt: r.last_inbound_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    resolvedAt: r.resolved_at,
  };
}

export function toConversationView(c: Conversation): ConversationView {
  return {
    id: c.id,
    contactId: c.contactId,
    status: c.status,
    replyChannelType: c.replyChannelType,
    replyConnectionId: c.replyConnectionId,
    lastMessageSeq: c.lastMessageSeq,
    lastMessageAt: c.lastMessageAt,
    lastInboundAt: c.lastInboundAt,
    botState: c.botState,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    resolvedAt: c.resolvedAt,
  };
}

export interface ReplyRoute {
  connectionId: string;
  channelType: ChannelType;
  address: string;
}

export function createConversationRepository(db: DbOrTx, workspaceId: string) {
  return {
    async get(id: string): Promise<Conversation | null> {
      const row = await db
        .selectFrom('conversations')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toConversation(row) : null;
    },

    async findOpenForContact(contactId: string): Promise<Conversation | null> {
      const row = await db
        .selectFrom('conversations')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('contact_id', '=', contactId)
        // A literal, not a parameter: SQLite uses the partial index conversations_one_open only then.
        .where(sql<boolean>`status <> 'resolved'`)
        .executeTakeFirst();
      return row ? toConversation(row) : null;
    },

    async findLatestForContact(contactId: string): Promise<Conversation | null> {
      const row = await db
        .selectFrom('conversations')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('contact_id', '=', contactId)
        .orderBy('updated_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toConversation(row) : null;
    },

    async open(contactId: string, route: ReplyRoute, botState: Record<string, unknown>, now: string): Promise<Conversation> {
      const row: ConversationsTable = {
        id: newId('cv'),
        workspace_id: workspaceId,
        contact_id: contactId,
        status: 'bot',
        reply_connection_id: route.connectionId,
        reply_channel_type: route.channelType,
        reply_address: route.address,
        bot_state_json: JSON.stringify(botState),
        last_message_seq: 0,
        last_message_at: null,
        last_inbound_at: null,
        created_at: now,
        updated_at: now,
        resolved_at: null,
      };
      await db.insertInto('conversations').values(row).execute();
      return toConversation(row);
    },

    /** Takes the next sequence number (the row update also serialises writers of one conversation). */
    async nextSeq(id: string, now: string, inbound: ReplyRoute | null): Promise<number> {
      const row = await db
        .updateTable('conversations')
        .set((eb) => ({
          last_message_seq: eb('last_message_seq', '+', 1),
          last_message_at: now,
          updated_at: now,
          ...(inbound
            ? {
                last_inbound_at: now,
                reply_connection_id: inbound.connectionId,
                reply_channel_type: inbound.channelType,
                reply_address: inbound.address,
              }
            : {}),
        }))
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .returning('last_message_seq')
        .executeTakeFirstOrThrow();
      return row.last_message_seq;
    },

    /**
     * Records a bot turn in one statement: the new bot state and status, and `replies` sequence numbers
     * taken for its messages. Returns the first of them, or null when the bot no longer holds the
     * conversation (an agent took it, or it was resolved, while the engine ran).
     */
    async recordBotTurn(
      id: string,
      replies: number,
      botState: Record<string, unknown>,
      status: ConversationStatus,
      now: string,
    ): Promise<number | null> {
      const row = await db
        .updateTable('conversations')
        .set((eb) => ({
          bot_state_json: JSON.stringify(botState),
          status,
          updated_at: now,
          last_message_seq: eb('last_message_seq', '+', replies),
          ...(replies > 0 ? { last_message_at: now } : {}),
        }))
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .where('status', '=', 'bot')
        .returning('last_message_seq')
        .executeTakeFirst();
      return row ? row.last_message_seq - replies + 1 : null;
    },
  };
}
export type ConversationRepository = ReturnType<typeof createConversationRepository>;
