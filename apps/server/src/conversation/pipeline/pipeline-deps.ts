import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Db, Dialect, Transact } from '../../storage/index.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import type { EventBus } from '../../realtime/event-bus.ts';
import type { ConnectionRegistry } from '../../channels/connection-registry.ts';
import type { ConversationEngine } from '../bot/engine.ts';
import type { WorkspaceRegistry } from '../../workspace-registry.ts';
import type { PipelineMetrics } from '../../observability/metrics.ts';
import type { SegmentRefresher } from '../../contacts/segments/segment-refresher.ts';
import type { SlaService } from '../../handoff/sla/index.ts';

/** Everything the pipeline steps need, passed explicitly (no module state, no container). */
export interface PipelineDeps {
  db: Db;
  dialect: Dialect;
  /** Every write goes through here: one transaction per unit (grouped into one commit on SQLite). */
  transact: Transact;
  jobs: JobQueue;
  bus: EventBus;
  connections: ConnectionRegistry;
  workspaces: WorkspaceRegistry;
  engine: ConversationEngine;
  clock: () => Date;
  log: Logger;
  metrics: PipelineMetrics;
  /** Tell this node's workers that new jobs exist. */
  wake: {
    turns: () => void;
    deliveries: () => void;
    media: () => void;
    verifications?: () => void;
    /** The inbox's automatic assignment and its timers (snooze wake-ups, offline grace). */
    routing?: () => void;
    handoff?: () => void;
  };
  /** Key of the MAC in conversation tokens (reply addresses): derived from the encryption key. */
  replyTokenKey: Buffer;
  /** Key of the MAC that stores one-time identity codes (`identity_verifications.code_hash`); without it flows cannot verify. */
  verificationKey?: Buffer;
  /** Segment memberships, refreshed in the transaction of every change of a contact's facts. */
  segments: SegmentRefresher;
  /** SLA timers, started, paused and stopped in the transaction of every change of who waits on whom. */
  sla: SlaService;
}
