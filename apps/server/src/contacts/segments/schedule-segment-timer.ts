import type { DbOrTx } from '../../storage/index.ts';
import { enqueueJobs } from '../../jobs/job-queue.ts';

/**
 * Keeps one pending `segment` job per contact (queue key = contact id), due at the earliest instant
 * any of its segments can flip. An earlier instant moves the job forward; a later one leaves it: the
 * job re-evaluates every segment when it runs and schedules the next one itself, so waking early is
 * only a wasted evaluation. Looked up through the jobs_conversation index.
 */
export async function scheduleSegmentTimer(tx: DbOrTx, workspaceId: string, contactId: string, at: Date, nowIso: string): Promise<void> {
  const runAt = at.toISOString();
  // Normally one row; picked in code rather than by ORDER BY so the index lookup needs no sort.
  const rows = await tx
    .selectFrom('jobs')
    .select(['id', 'run_at'])
    .where('conversation_id', '=', contactId)
    .where('queue', '=', 'segment')
    .where('status', '=', 'pending')
    .limit(4)
    .execute();
  const pending = rows.reduce<(typeof rows)[number] | undefined>((min, r) => (min && min.run_at <= r.run_at ? min : r), undefined);
  if (!pending) {
    await enqueueJobs(tx, [{ workspaceId, queue: 'segment', conversationId: contactId, payload: { contactId }, runAt }], nowIso);
    return;
  }
  if (pending.run_at > runAt)
    await tx.updateTable('jobs').set({ run_at: runAt, updated_at: nowIso }).where('id', '=', pending.id).execute();
}
