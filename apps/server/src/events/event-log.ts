import type { DbOrTx } from '../storage/index.ts';

/** Domain event types: the source for analytics, audit, automations and outbound webhooks. */
export type DomainEventType =
  | 'message.received'
  | 'message.duplicate'
  | 'bot.replied'
  | 'handoff.requested'
  | 'conversation.opened'
  | 'conversation.status_changed'
  | 'contact.created'
  | 'contact.identity_added'
  | 'message.status_changed'
  | 'message.failed'
  | 'delivery.retried'
  | 'delivery.blocked'
  | 'consent.changed'
  | 'agent.replied'
  | 'csat.answered'
  | 'flow.completed'
  | 'contact.attributes_set';

export interface DomainEventInput {
  workspaceId: string;
  type: DomainEventType;
  conversationId?: string | null;
  contactId?: string | null;
  payload: Record<string, unknown>;
  occurredAt: string;
}

/** Appends events; they are never updated or deleted by Fio's code (append-only). */
export async function appendEvents(db: DbOrTx, events: DomainEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('events')
    .values(
      events.map((e) => ({
        workspace_id: e.workspaceId,
        type: e.type,
        conversation_id: e.conversationId ?? null,
        contact_id: e.contactId ?? null,
        payload_json: JSON.stringify(e.payload),
        occurred_at: e.occurredAt,
      })),
    )
    .execute();
}

export interface StoredEvent {
  id: number;
  type: string;
  conversationId: string | null;
  contactId: string | null;
  payload: Record<string, unknown>;
  occurredAt: string;
}

export async function listConversationEvents(db: DbOrTx, workspaceId: string, conversationId: string): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    type: r.type,
    conversationId: r.conversation_id,
    contactId: r.contact_id,
    payload: JSON.parse(r.payload_json) as Record<string, unknown>,
    occurredAt: r.occurred_at,
  }));
}
