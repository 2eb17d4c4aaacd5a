import type { DomainEventInput } from '../../events/event-log.ts';
import { newId, type DbOrTx } from '../../storage/index.ts';
import { webhookEventTypeOf } from './webhook-event-type-of.ts';

/** What an outbox row keeps of its domain event: the fan-out derives the body's `changes` from it. */
export interface OutboxPayload {
  domainType: DomainEventInput['type'];
  payload: Record<string, unknown>;
}

/**
 * Writes the outbox rows of the events subscribers hear about, in the caller's transaction (the one
 * that appends the events), so a change and its webhook are committed together or not at all. One
 * insert, and nothing at all for the many events no subscriber can ask for.
 */
export async function writeWebhookOutbox(db: DbOrTx, events: readonly DomainEventInput[]): Promise<void> {
  const rows = events.flatMap((e) => {
    const type = webhookEventTypeOf(e.type);
    if (type === null) return [];
    const stored: OutboxPayload = { domainType: e.type, payload: e.payload };
    return [
      {
        workspace_id: e.workspaceId,
        event_id: newId('evt'),
        type,
        contact_id: e.contactId ?? null,
        conversation_id: e.conversationId ?? null,
        payload_json: JSON.stringify(stored),
        occurred_at: e.occurredAt,
      },
    ];
  });
  if (rows.length > 0) await db.insertInto('webhook_outbox').values(rows).execute();
}
