import type { FastifyBaseLogger as Logger } from 'fastify';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { EventBus } from '../realtime/event-bus.ts';
import type { Db, Dialect, Transact } from '../storage/index.ts';
import type { SlaService } from './sla/index.ts';

/** What queues, routing, assignment actions and presence need, passed explicitly from app.ts. */
export interface HandoffDeps {
  db: Db;
  dialect: Dialect;
  transact: Transact;
  jobs: JobQueue;
  bus: EventBus;
  clock: () => Date;
  log: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  sla: SlaService;
  /** Tell this node's routing and handoff-timer workers that jobs were written (other nodes poll). */
  wake: { routing?: () => void; handoff?: () => void };
}
