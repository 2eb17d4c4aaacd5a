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

    /**
     * Moves the conversation from `from` to `to` in one guarded statement (null when it was no longer in
     * `from`: someone else changed it first). Resolving stamps resolved_at; leaving resolved clears it.
     */
    async changeStatus(id: string, from: ConversationStatus, to: ConversationStatus, now: string): Promise<Conversation | null> {
      const row = await db
        .updateTable('conversations')
        .set({ status: to, updated_at: now, resolved_at: to === 'resolved' ? now : null })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .where('status', '=', from)
        .returningAll()
        .executeTakeFirst();
      return row ? toConversation(row) : null;
    },

    /** An agent's sticky channel pick: replies take this route until the customer writes again (nextSeq resets it). */
    async setReplyRoute(id: string, route: ReplyRoute, now: string): Promise<void> {
      await db
        .updateTable('conversations')
        .set({
          reply_connection_id: route.connectionId,
          reply_channel_type: route.channelType,
          reply_address: route.address,
          updated_at: now,
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .execute();
    },

    /** The same customer's conversation opened just before this one (what "previous" links to). */
    async findPreviousId(conversation: Pick<Conversation, 'id' | 'contactId' | 'createdAt'>): Promise<string | null> {
      const row = await db
        .selectFrom('conversations')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('contact_id', '=', conversation.contactId)
        .where((eb) =>
          eb.or([
            eb('created_at', '<', conversation.createdAt),
            eb.and([eb('created_at', '=', conversation.createdAt), eb('id', '<', conversation.id)]),
          ]),
        )
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.id ?? null;
    },

    /**
     * When the customer last wrote on each connection, across all their conversations: a channel's reply
     * window (WhatsApp's 24 hours) counts from the customer's last message on that channel, not on any.
     */
    async lastInboundByConnection(contactId: string, onlyConnectionId?: string): Promise<Map<string, string>> {
      const rows = await db
        .selectFrom('messages')
        .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
        .select(['messages.connection_id as connectionId', (eb) => eb.fn.max('messages.created_at').as('lastAt')])
        .where('conversations.workspace_id', '=', workspaceId)
        .where('conversations.contact_id', '=', contactId)
        .where('messages.direction', '=', 'inbound')
        .$if(onlyConnectionId !== undefined, (qb) => qb.where('messages.connection_id', '=', onlyConnectionId ?? ''))
        .groupBy('messages.connection_id')
        .execute();
      const last = new Map<string, string>();
      for (const r of rows) if (r.connectionId && r.lastAt) last.set(r.connectionId, String(r.lastAt));
      return last;
    },

    /**
     * Conversations of these contacts for the contact's history: the open ones (on the first page), then
     * the resolved ones newest first, after the (created_at, id) key of the last one shown.
     */
    async listForContacts(
      contactIds: readonly string[],
      page: { includeOpen: boolean; after: { createdAt: string; id: string } | null; limit: number },
    ): Promise<{ open: Conversation[]; resolved: Conversation[] }> {
      if (contactIds.length === 0) return { open: [], resolved: [] };
      const open = !page.includeOpen
        ? []
        : await db
            .selectFrom('conversations')
            .selectAll()
            .where('workspace_id', '=', workspaceId)
            .where('contact_id', 'in', [...contactIds])
            .where(sql<boolean>`status <> 'resolved'`)
            .orderBy('created_at', 'desc')
            .execute();
      const after = page.after;
      const resolved = await db
        .selectFrom('conversations')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('contact_id', 'in', [...contactIds])
        .where('status', '=', 'resolved')
        .$if(after !== null, (qb) =>
          qb.where((eb) =>
            eb.or([
              eb('created_at', '<', after?.createdAt ?? ''),
              eb.and([eb('created_at', '=', after?.createdAt ?? ''), eb('id', '<', after?.id ?? '')]),
            ]),
          ),
        )
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(page.limit)
        .execute();
      return { open: open.map(toConversation), resolved: resolved.map(toConversation) };
    },
  };
}
export type ConversationRepository = ReturnType<typeof createConversationRepository>;
