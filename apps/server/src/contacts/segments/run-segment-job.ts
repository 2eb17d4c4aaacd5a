import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Job, JobQueue } from '../../jobs/job-queue.ts';
import type { Transact } from '../../storage/index.ts';
import type { SegmentService } from './create-segment-service.ts';

export interface SegmentJobDeps {
  transact: Transact;
  jobs: JobQueue;
  segments: SegmentService;
  clock: () => Date;
  log: Logger;
}

/**
 * The timer of one contact came due (a cart turned two hours old, an event left a window): every
 * segment is re-evaluated, which also schedules the contact's next timer, in the transaction that
 * completes the job, so a crash replays the whole step.
 */
export async function runSegmentJob(deps: SegmentJobDeps, job: Job): Promise<void> {
  const contactId = typeof job.payload['contactId'] === 'string' ? job.payload['contactId'] : job.conversationId;
  await deps.transact(async (tx) => {
    await deps.segments.reevaluate(tx, job.workspaceId, [contactId], deps.clock().toISOString());
    await deps.jobs.complete(tx, job);
  });
}
