import { enqueueJobs } from '../../jobs/job-queue.ts';
import type { DbOrTx } from '../../storage/index.ts';

export type ReplayResult = { ok: true; queued: boolean } | { ok: false; reason: 'not_found' };

/**
 * Sends a delivery's stored body again (a fresh signature at send time), whether it was delivered or
 * dead: back to `pending` with a new `webhook` job, in the caller's transaction. One still pending
 * already has its job in line, so nothing is added (`queued: false`).
 */
export async function replayWebhookDelivery(tx: DbOrTx, workspaceId: string, deliveryId: string, now: string): Promise<ReplayResult> {
  const delivery = await tx
    .selectFrom('webhook_deliveries')
    .select(['id', 'status', 'subscription_id', 'event_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', deliveryId)
    .executeTakeFirst();
  if (!delivery) return { ok: false, reason: 'not_found' };
  if (delivery.status === 'pending') return { ok: true, queued: false };
  await tx
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', deliveryId)
    .execute();
  await enqueueJobs(
    tx,
    [{ workspaceId, queue: 'webhook', conversationId: `${delivery.subscription_id}:${delivery.event_id}`, payload: { deliveryId } }],
    now,
  );
  return { ok: true, queued: true };
}
