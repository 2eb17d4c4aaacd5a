import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Priority } from '@fio/contracts';
import type { SegmentRefresher } from '../../contacts/segments/index.ts';
import type { Job, JobQueue } from '../../jobs/job-queue.ts';
import type { EventBus } from '../../realtime/event-bus.ts';
import type { Db, DbOrTx, Dialect, Transact } from '../../storage/index.ts';
import type { WorkspaceRegistry } from '../../workspace-registry.ts';

/**
 * The hooks the handoff pipeline calls, each inside the transaction that made the change; the service
 * writes sla_timers, the conversation's sla_* columns and the one pending 'sla' job of the
 * conversation in that same transaction. Bus events go out only from runTimerJob, after its commit.
 */
export interface SlaService {
  onQueued(tx: DbOrTx, e: { workspaceId: string; conversationId: string; contactId: string; priority: Priority; at: Date }): Promise<void>;
  onCustomerMessage(tx: DbOrTx, e: { workspaceId: string; conversationId: string; at: Date }): Promise<void>;
  onAgentReply(tx: DbOrTx, e: { workspaceId: string; conversationId: string; at: Date }): Promise<void>;
  onSnoozed(tx: DbOrTx, e: { workspaceId: string; conversationId: string; at: Date }): Promise<void>;
  onUnsnoozed(tx: DbOrTx, e: { workspaceId: string; conversationId: string; at: Date }): Promise<void>;
  onPriorityChanged(
    tx: DbOrTx,
    e: { workspaceId: string; conversationId: string; contactId: string; priority: Priority; at: Date },
  ): Promise<void>;
  onClosed(tx: DbOrTx, e: { workspaceId: string; conversationId: string; at: Date; outcome: 'resolved' | 'handed_back' }): Promise<void>;
  /** The 'sla' queue's job handler: warnings and breaches. */
  runTimerJob(job: Job): Promise<void>;
}

export interface SlaServiceDeps {
  db: Db;
  dialect: Dialect;
  transact: Transact;
  jobs: JobQueue;
  workspaces: WorkspaceRegistry;
  segments: Pick<SegmentRefresher, 'listForContact'>;
  bus: EventBus;
  clock: () => Date;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
}
