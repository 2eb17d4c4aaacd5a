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
 */
export async function requestRouting(tx: DbOrTx, workspaceId: string, nowIso: string): Promise<void> {
  const pending = await tx
    .selectFrom('jobs')
    .select('id')
    .where('queue', '=', 'routing')
    .where('conversation_id', '=', routingKey(workspaceId))
    .where('status', '=', 'pending')
    .limit(1)
    .executeTakeFirst();
  if (pending) return;
  await enqueueJobs(tx, [{ workspaceId, queue: 'routing', conversationId: routingKey(workspaceId), payload: {} }], nowIso);
}
