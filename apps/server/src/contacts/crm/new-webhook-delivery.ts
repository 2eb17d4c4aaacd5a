import { newId, type WebhookDeliveriesTable } from '../../storage/index.ts';

/** A delivery log row for one event to one subscription, not yet attempted. */
export function newWebhookDelivery(
  event: { workspaceId: string; subscriptionId: string; eventId: string; eventType: string; body: string },
  now: string,
): WebhookDeliveriesTable {
  return {
    id: newId('whd'),
    workspace_id: event.workspaceId,
    subscription_id: event.subscriptionId,
    event_id: event.eventId,
    event_type: event.eventType,
    body: event.body,
    status: 'pending',
    attempts: 0,
    last_status_code: null,
    last_error: null,
    last_attempt_at: null,
    delivered_at: null,
    created_at: now,
    updated_at: now,
  };
}
