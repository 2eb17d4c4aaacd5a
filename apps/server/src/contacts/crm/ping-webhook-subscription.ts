import { enqueueJobs } from '../../jobs/job-queue.ts';
import { newWebhookDelivery } from './new-webhook-delivery.ts';
import { newId, type DbOrTx } from '../../storage/index.ts';

/**
 * Queues a `webhook.ping` to one subscription, through the same sender and delivery log as real events,
 * so an operator sees exactly what the receiver answers. Returns the delivery id.
 */
export async function pingWebhookSubscription(
  tx: DbOrTx,
  workspace: { id: string; slug: string },
  subscriptionId: string,
  now: string,
): Promise<string> {
  const eventId = newId('evt');
  const body = JSON.stringify({ id: eventId, type: 'webhook.ping', occurredAt: now, workspace, data: { subscriptionId } });
  const delivery = newWebhookDelivery({ workspaceId: workspace.id, subscriptionId, eventId, eventType: 'webhook.ping', body }, now);
  await tx.insertInto('webhook_deliveries').values(delivery).execute();
  await enqueueJobs(
    tx,
    [{ workspaceId: workspace.id, queue: 'webhook', conversationId: `${subscriptionId}:${eventId}`, payload: { deliveryId: delivery.id } }],
    now,
  );
  return delivery.id;
}
