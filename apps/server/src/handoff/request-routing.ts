import { enqueueJobs } from '../jobs/job-queue.ts';
import type { DbOrTx } from '../storage/index.ts';

/** The routing queue's key: one pass at a time per workspace, whichever node runs it. */
export function routingKey(workspaceId: string): string {
  return `routing:${workspaceId}`;
}

/**
 * Asks for a routing pass of the workspace, in the caller's transaction (a conversation was queued,
 * an agent came online or freed capacity, a team changed). A pass that is still pending will see the
 * change too, so a second one is not written; a pass already running may miss it, so one is.
 *
 * "Still pending" is decided by an UPDATE, not a SELECT: on PostgreSQL a worker may be claiming the
 * pending pass at this very moment (its row locked, not yet committed). A read would still see it
 * pending and skip, and the pass would then run without this change — a lost wake-up. The UPDATE waits
 * for the claim, re-checks the status once it commits, and finds nothing to touch: a new pass is written.
 */
export async function requestRouting(tx: DbOrTx, workspaceId: string, nowIso: string): Promise<void> {
  const touched = await tx
    .updateTable('jobs')
    .set({ updated_at: nowIso })
    .where('queue', '=', 'routing')
    .where('conversation_id', '=', routingKey(workspaceId))
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(touched.numUpdatedRows) > 0) return;
  await enqueueJobs(tx, [{ workspaceId, queue: 'routing', conversationId: routingKey(workspaceId), payload: {} }], nowIso);
}
