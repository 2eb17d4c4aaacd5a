import { enqueueJobs } from '../../jobs/job-queue.ts';
import type { DbOrTx } from '../../storage/index.ts';

/**
 * Keeps ONE pending 'sla' job per conversation (queue key = conversation id) at `runAt`, the next
 * warning or due instant of its running timers, moving it earlier or later as the timers change;
 * none when nothing is running. A job being run right now is not pending: its handler reschedules.
 */
export async function scheduleSlaJob(
  tx: DbOrTx,
  workspaceId: string,
  conversationId: string,
  runAt: string | null,
  nowIso: string,
): Promise<void> {
  const pending = await tx
    .selectFrom('jobs')
    .select(['id', 'run_at'])
    .where('conversation_id', '=', conversationId)
    .where('queue', '=', 'sla')
    .where('status', '=', 'pending')
    .execute();
  const [keep, ...extra] = pending;
  const drop = runAt === null ? pending : extra;
  if (drop.length > 0)
    await tx
      .deleteFrom('jobs')
      .where(
        'id',
        'in',
        drop.map((j) => j.id),
      )
      .execute();
  if (runAt === null) return;
  if (!keep) {
    await enqueueJobs(tx, [{ workspaceId, queue: 'sla', conversationId, payload: { conversationId }, runAt }], nowIso);
    return;
  }
  if (keep.run_at !== runAt) await tx.updateTable('jobs').set({ run_at: runAt, updated_at: nowIso }).where('id', '=', keep.id).execute();
}
