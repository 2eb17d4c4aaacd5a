import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, DbOrTx, Dialect, Transact } from '../storage/index.ts';

/**
 * Jobs are rows written in the same transaction as the state that causes them (transactional outbox).
 * Claiming takes only the oldest unfinished job of each conversation, so one job per conversation is
 * in flight and order holds; a lease lets another worker take over the job of a crashed one.
 */
/**
 * `conversation_id` is the queue's serialisation key: a conversation for turns, deliveries and media;
 * a contact for `segment` timers; `<subscription>:<contact>` for `webhook` sends; the conversation
 * for `verification` codes (a resent code goes out after the one before it).
 */
/**
 * Inbox queues: `routing` (automatic assignment, keyed by `routing:<workspace>` so one pass at a time
 * per workspace), `handoff` timers (snooze wake-ups keyed by conversation, offline grace keyed by
 * `presence:<user>`), `sla` timers (one per conversation, at the next warning or breach instant) and
 * `mail` (system e-mail: invites and password resets, keyed by `mail:<user>`).
 */
export type QueueName = 'turn' | 'delivery' | 'media' | 'segment' | 'webhook' | 'verification' | 'routing' | 'handoff' | 'sla' | 'mail';
export type JobStatus = 'pending' | 'running' | 'dead';

export interface Job<P = Record<string, unknown>> {
  id: number;
  workspaceId: string;
  queue: QueueName;
  conversationId: string;
  payload: P;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  /** Who holds this claim: the node plus a token of this one claim, so a job taken twice is told apart. */
  lockedBy: string;
}

export interface NewJob {
  workspaceId: string;
  queue: QueueName;
  conversationId: string;
  payload: Record<string, unknown>;
  runAt?: string;
}

export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  constructor(id: number) {
    super(`job ${id} is no longer held by this worker`);
  }
}

export async function enqueueJobs(db: DbOrTx, jobs: NewJob[], now: string): Promise<void> {
  if (jobs.length === 0) return;
  await db
    .insertInto('jobs')
    .values(
      jobs.map((j) => ({
        workspace_id: j.workspaceId,
        queue: j.queue,
        conversation_id: j.conversationId,
        payload_json: JSON.stringify(j.payload),
        status: 'pending',
        attempts: 0,
        run_at: j.runAt ?? now,
        locked_until: null,
        locked_by: null,
        last_error: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

export interface JobQueue {
  claim(queue: QueueName, limit: number, now: Date): Promise<Job[]>;
  /**
   * Finishing a job deletes it, inside the transaction that records its effects. Throws LeaseLostError
   * (rolling the transaction back) when this worker no longer holds the job, so effects happen once.
   */
  complete(tx: DbOrTx, job: Job): Promise<void>;
  /** Puts a dead job back in line (operator's retry). */
  revive(tx: DbOrTx, id: number, workspaceId: string, now: Date): Promise<boolean>;
  /** Gives the job back for a later attempt; false when this claim no longer holds it. */
  retryLater(job: Job, runAt: Date, error: string): Promise<boolean>;
  /** Gives the job back for later without counting this claim as an attempt (it was paced, not failed). */
  postpone(job: Job, runAt: Date): Promise<boolean>;
  /** Moves the job to the dead letters, in the caller's transaction; throws LeaseLostError when not held. */
  bury(tx: DbOrTx, job: Job, error: string, now: Date): Promise<void>;
  /** Extends the leases this node holds: a job outlives its lease only when its node is gone. */
  renewLeases(now: Date): Promise<void>;
  /** Lets jobs left `running` by a process that died be claimed again at once. */
  releaseLeases(owner: string | null): Promise<number>;
  depth(): Promise<Record<string, number>>;
}

export function createJobQueue(db: Db, dialect: Dialect, owner: string, transact: Transact, leaseMs = 10_000): JobQueue {
  // Leases of crashed workers are looked for now and then, not on every claim: they are rare.
  const sweepEveryMs = Math.min(5_000, Math.max(250, Math.floor(leaseMs / 4)));
  const lastSweep = new Map<QueueName, number>();
  const sweepExpiredLeases = (queue: QueueName, nowIso: string) =>
    transact(async (tx) => {
      await tx
        .updateTable('jobs')
        .set({ status: 'pending', locked_until: null, locked_by: null, updated_at: nowIso })
        .where('queue', '=', queue)
        .where('status', '=', 'running')
        .where('locked_until', '<', nowIso)
        .execute();
    });
  return {
    async claim(queue, limit, now) {
      const nowIso = now.toISOString();
      if (now.getTime() - (lastSweep.get(queue) ?? 0) >= sweepEveryMs) {
        lastSweep.set(queue, now.getTime());
        await sweepExpiredLeases(queue, nowIso);
      }
      const lockedBy = `${owner}/${randomUUID()}`;
      const lockedUntil = new Date(now.getTime() + leaseMs).toISOString();
      return transact(async (tx) => {
        // Walks pending jobs in id order (index jobs_ready) and keeps each conversation's oldest only.
        const candidates = await tx
          .selectFrom('jobs as j')
          .select(['j.id'])
          .where('j.queue', '=', queue)
          .where('j.status', '=', 'pending')
          .where('j.run_at', '<=', nowIso)
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('jobs as o')
                  .select(sql.lit(1).as('one'))
                  .whereRef('o.conversation_id', '=', 'j.conversation_id')
                  .whereRef('o.queue', '=', 'j.queue')
                  .whereRef('o.id', '<', 'j.id')
                  .where('o.status', 'in', ['pending', 'running']),
              ),
            ),
          )
          .orderBy('j.id')
          .limit(limit)
          .$if(dialect === 'postgres', (qb) => qb.forUpdate().skipLocked())
          .execute();
        if (candidates.length === 0) return [];
        const ids = candidates.map((c) => Number(c.id));
        const rows = await tx
          .updateTable('jobs')
          .set((eb) => ({
            status: 'running',
            locked_until: lockedUntil,
            locked_by: lockedBy,
            attempts: eb('attempts', '+', 1),
            updated_at: nowIso,
          }))
          .where('id', 'in', ids)
          .returningAll()
          .execute();
        return rows
          .map((r) => ({
            id: Number(r.id),
            workspaceId: r.workspace_id,
            queue: r.queue as QueueName,
            conversationId: r.conversation_id,
            payload: JSON.parse(r.payload_json) as Record<string, unknown>,
            attempts: r.attempts,
            lastError: r.last_error,
            createdAt: r.created_at,
            lockedBy,
          }))
          .sort((a, b) => a.id - b.id);
      });
    },

    async complete(tx, job) {
      const result = await tx.deleteFrom('jobs').where('id', '=', job.id).where('locked_by', '=', job.lockedBy).executeTakeFirst();
      if (Number(result.numDeletedRows) !== 1) throw new LeaseLostError(job.id);
    },

    async revive(tx, id, workspaceId, now) {
      const result = await tx
        .updateTable('jobs')
        .set({ status: 'pending', attempts: 0, run_at: now.toISOString(), updated_at: now.toISOString() })
        .where('id', '=', id)
        .where('workspace_id', '=', workspaceId)
        .where('status', '=', 'dead')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async retryLater(job, runAt, error) {
      const result = await db
        .updateTable('jobs')
        .set({
          status: 'pending',
          run_at: runAt.toISOString(),
          locked_until: null,
          locked_by: null,
          last_error: error.slice(0, 2000),
          updated_at: new Date().toISOString(),
        })
        .where('id', '=', job.id)
        .where('locked_by', '=', job.lockedBy)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async postpone(job, runAt) {
      const result = await db
        .updateTable('jobs')
        .set((eb) => ({
          status: 'pending',
          run_at: runAt.toISOString(),
          locked_until: null,
          locked_by: null,
          attempts: eb('attempts', '-', 1),
          updated_at: new Date().toISOString(),
        }))
        .where('id', '=', job.id)
        .where('locked_by', '=', job.lockedBy)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async bury(tx, job, error, now) {
      const result = await tx
        .updateTable('jobs')
        .set({ status: 'dead', locked_until: null, locked_by: null, last_error: error.slice(0, 2000), updated_at: now.toISOString() })
        .where('id', '=', job.id)
        .where('locked_by', '=', job.lockedBy)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new LeaseLostError(job.id);
    },

    async renewLeases(now) {
      await transact(async (tx) => {
        await tx
          .updateTable('jobs')
          .set({ locked_until: new Date(now.getTime() + leaseMs).toISOString() })
          .where('status', '=', 'running')
          .where('locked_by', 'like', `${owner}/%`)
          .execute();
      });
    },

    async releaseLeases(forOwner) {
      const result = await db
        .updateTable('jobs')
        .set({ status: 'pending', locked_until: null, locked_by: null })
        .where('status', '=', 'running')
        .$if(forOwner !== null, (qb) => qb.where('locked_by', 'like', `${forOwner}/%`))
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async depth() {
      const rows = await db
        .selectFrom('jobs')
        .select(['queue', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['queue', 'status'])
        .execute();
      const out: Record<string, number> = {};
      for (const r of rows) out[`${r.queue}:${r.status}`] = Number(r.n);
      return out;
    },
  };
}

/** Exponential back-off with full jitter, capped; a provider's Retry-After wins when it is longer. */
export function backoffDelayMs(
  attempt: number,
  opts: { baseMs?: number; capMs?: number; retryAfterMs?: number | undefined; random?: () => number } = {},
): number {
  const base = opts.baseMs ?? 1000;
  const cap = opts.capMs ?? 5 * 60_000;
  const exp = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(exp / 2 + (opts.random ?? Math.random)() * (exp / 2));
  return Math.max(jittered, opts.retryAfterMs ?? 0);
}
