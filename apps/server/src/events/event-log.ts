import type { DbOrTx } from '../storage/index.ts';
import { writeWebhookOutbox } from '../contacts/crm/write-webhook-outbox.ts';

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
  | 'contact.attributes_set'
  /** Profile, attributes or tags changed (API, CRM, import, a flow); payload names the fields and the source. */
  | 'contact.updated'
  | 'contact.merged'
  | 'contact.unmerged'
  | 'contact.merge_suggested'
  | 'contact.merge_rejected'
  | 'contact.identity_verified'
  | 'contact.verification_sent'
  /** A business event posted to POST /api/v1/events was recorded on the contact's timeline. */
  | 'contact.activity_recorded'
  | 'segment.entered'
  | 'segment.left'
  /** A flow marked as a lead capture completed: its slots are the lead. */
  | 'lead.captured'
  | 'conversation.resolved'
  // The agents' inbox (issue 6)
  | 'conversation.queued'
  | 'agent.assigned'
  | 'agent.unassigned'
  | 'conversation.transferred'
  | 'conversation.snoozed'
  | 'conversation.unsnoozed'
  | 'conversation.handed_back'
  | 'conversation.reopened'
  | 'conversation.priority_changed'
  | 'conversation.tags_changed'
  | 'note.added'
  | 'csat.requested'
  | 'sla.started'
  | 'sla.warning'
  | 'sla.breached'
  | 'sla.met'
  | 'agent.presence_changed'
  | 'agent.signed_in'
  | 'agent.sign_in_failed'
  | 'agent.locked_out'
  | 'agent.signed_out'
  | 'agent.invited'
  | 'agent.password_reset'
  | 'agent.updated'
  | 'team.created'
  | 'team.updated'
  | 'team.deleted';

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
  // Outbound webhooks (CRM sync) leave with the change that caused them: same transaction.
  await writeWebhookOutbox(db, events);
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
