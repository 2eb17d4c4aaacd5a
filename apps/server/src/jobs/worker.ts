import { setImmediate as nextTurnOfLoop } from 'node:timers/promises';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Job, JobQueue, QueueName } from './job-queue.ts';

/**
 * Runs jobs of one queue with bounded concurrency. It claims as many jobs as it has free slots and
 * sleeps until woken (a job was written on this node), a slot frees up while more work may be waiting,
 * or the poll interval passes (jobs written by another node, retries coming due). Before each claim it
 * yields to the event loop, so sockets are served between bursts and claims gather several free slots.
 */
export interface Worker {
  start(): void;
  /** New jobs were written: claim soon. */
  wake(): void;
  stop(): Promise<void>;
}

export function createWorker(opts: {
  queue: QueueName;
  jobs: JobQueue;
  concurrency: number;
  pollMs: number;
  now: () => Date;
  log: Logger;
  /** Gets a logger bound to the job and to the correlation id of the request that caused it. */
  handle: (job: Job, log: Logger) => Promise<void>;
}): Worker {
  let running = false;
  let inFlight = 0;
  let wakeUp: (() => void) | null = null;
  let woken = false;
  /** The last claim filled every free slot, so more jobs may be waiting. */
  let backlog = false;
  let loopDone: Promise<void> = Promise.resolve();
  const drained: Array<() => void> = [];

  const wake = () => {
    woken = true;
    const w = wakeUp;
    wakeUp = null;
    w?.();
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) {
        woken = false;
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        wakeUp = null;
        resolve();
      }, ms);
      wakeUp = () => {
        clearTimeout(timer);
        woken = false;
        resolve();
      };
    });

  async function loop() {
    while (running) {
      await nextTurnOfLoop();
      const free = opts.concurrency - inFlight;
      if (free <= 0) {
        await sleep(opts.pollMs);
        continue;
      }
      let claimed: Job[] = [];
      try {
        woken = false;
        claimed = await opts.jobs.claim(opts.queue, free, opts.now());
      } catch (err) {
        if (!running) break;
        opts.log.error({ err, queue: opts.queue }, 'claiming jobs failed');
        await sleep(opts.pollMs * 4);
        continue;
      }
      backlog = claimed.length === free;
      for (const job of claimed) {
        inFlight++;
        void opts
          .handle(
            job,
            opts.log.child({ jobId: job.id, queue: opts.queue, conversationId: job.conversationId, reqId: correlationIdOf(job) }),
          )
          .catch((err: unknown) => opts.log.error({ err, jobId: job.id, queue: opts.queue }, 'job handler threw'))
          .finally(() => {
            inFlight--;
            if (inFlight === 0) drained.splice(0).forEach((d) => d());
            // A finished job frees a slot; it is worth a claim only when the queue was not empty.
            if (backlog) wake();
          });
      }
      if (!backlog) await sleep(opts.pollMs);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loopDone = loop();
    },
    wake,
    async stop() {
      running = false;
      wake();
      await loopDone;
      if (inFlight > 0) await new Promise<void>((resolve) => drained.push(resolve));
    },
  };
}

function correlationIdOf(job: Job): string {
  const id = job.payload['correlationId'];
  return typeof id === 'string' ? id : `job-${job.id}`;
}
