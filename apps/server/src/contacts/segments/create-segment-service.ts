import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Db, DbOrTx, Transact } from '../../storage/index.ts';
import { backfillSegment } from './backfill-segment.ts';
import { compileSegment, segmentVersion, type CompiledSegment } from './compile-segment.ts';
import { evaluateCondition } from './evaluate-condition.ts';
import { loadContactFacts, loadContactRow } from './load-contact-facts.ts';
import { reevaluateContact } from './reevaluate-contact.ts';
import { listContactMemberships } from './list-contact-memberships.ts';
import type { ContactFactKind, SegmentRefresher } from './segment-refresher.ts';
import type { SegmentDefinition } from './segment-definition.ts';
import { createSegmentRepository, type SegmentRepository, type SegmentSource } from './segment.repository.ts';

export interface SegmentServiceDeps {
  db: Db;
  transact: Transact;
  clock: () => Date;
  log?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** How long another node's definition changes may take to be seen here (this node's are seen at once). */
  cacheMs?: number;
  backfillBatchSize?: number;
}

export interface SegmentPreview {
  count: number;
  contactIds: string[];
  /** Contacts looked at; a preview stops after `scanLimit` of them (`complete` false). */
  scanned: number;
  complete: boolean;
}

export interface SegmentService extends SegmentRefresher {
  /** The segments table, read fresh (the API). */
  repository: SegmentRepository;
  /** Re-evaluates every segment for the contacts (the timer job, a merge). */
  reevaluate(tx: DbOrTx, workspaceId: string, contactIds: readonly string[], now: string): Promise<void>;
  /** The compiled definitions of the workspace (cached). */
  definitions(db: DbOrTx, workspaceId: string): Promise<CompiledSegment[]>;
  /** Stores a definition (file or API) and queues its backfill when the condition is new or changed. */
  save(workspaceId: string, definition: SegmentDefinition, source: SegmentSource): Promise<'created' | 'updated' | 'unchanged'>;
  remove(workspaceId: string, id: string): Promise<boolean>;
  /** Makes the file-managed segments of the workspace exactly `definitions` (start-up sync). */
  syncFileSegments(workspaceId: string, definitions: readonly SegmentDefinition[]): Promise<void>;
  /** Who would be in a segment with this definition now, without writing anything. */
  preview(workspaceId: string, definition: SegmentDefinition, scanLimit?: number): Promise<SegmentPreview>;
  /** Starts computing memberships of definitions not computed yet, in the background. */
  startBackfill(): void;
  /** Resolves when no backfill is running (tests, shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function createSegmentService(deps: SegmentServiceDeps): SegmentService {
  const cacheMs = deps.cacheMs ?? 10_000;
  const cache = new Map<string, { loadedAt: number; segments: CompiledSegment[] }>();
  const repository = createSegmentRepository(deps.db);
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let started = false;

  const definitions = async (db: DbOrTx, workspaceId: string): Promise<CompiledSegment[]> => {
    const hit = cache.get(workspaceId);
    if (hit && performance.now() - hit.loadedAt < cacheMs) return hit.segments;
    const segments = await createSegmentRepository(db).list(workspaceId);
    cache.set(workspaceId, { loadedAt: performance.now(), segments });
    return segments;
  };

  const evaluateAll = async (
    tx: DbOrTx,
    workspaceId: string,
    contactIds: readonly string[],
    pick: (all: CompiledSegment[]) => CompiledSegment[],
    nowIso: string,
  ) => {
    const all = await definitions(tx, workspaceId);
    const segments = pick(all);
    if (segments.length === 0) return;
    const now = new Date(nowIso);
    const seen = new Set<string>();
    const queue = [...contactIds];
    while (queue.length > 0) {
      const id = queue.shift() ?? '';
      if (seen.has(id)) continue;
      seen.add(id);
      const { survivor } = await reevaluateContact(tx, workspaceId, id, segments, now, { all, schedule: true });
      // A merged contact's facts now count for its survivor, on every segment.
      if (survivor && !seen.has(survivor)) {
        seen.add(survivor);
        await reevaluateContact(tx, workspaceId, survivor, all, now, { all, schedule: true });
      }
    }
  };

  const runBackfill = async () => {
    const workspaces = await deps.db.selectFrom('segments').select('workspace_id').distinct().execute();
    for (const { workspace_id: workspaceId } of workspaces) {
      cache.delete(workspaceId);
      const all = await definitions(deps.db, workspaceId);
      for (const segment of all) {
        if (stopped) return;
        if (segment.computedVersion === segment.version) continue;
        const outcome = await backfillSegment(
          { db: deps.db, transact: deps.transact, clock: deps.clock, batchSize: deps.backfillBatchSize, stopped: () => stopped },
          workspaceId,
          segment,
          all,
        );
        if (outcome === 'done') deps.log?.info({ workspaceId, segmentId: segment.id }, 'segment memberships computed');
      }
      cache.delete(workspaceId);
    }
  };

  const kick = () => {
    if (!started || stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await runBackfill();
        } catch (err) {
          deps.log?.error({ err }, 'computing segment memberships failed; retried at the next change or start');
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  };

  return {
    repository,

    async refresh(tx, workspaceId, contactIds, changed, now) {
      if (contactIds.length === 0 || changed.length === 0) return;
      const wants = (segment: CompiledSegment) => changed.some((kind: ContactFactKind) => segment.reads.has(kind));
      await evaluateAll(tx, workspaceId, contactIds, (all) => all.filter(wants), now);
    },

    async listForContact(db, workspaceId, contactId) {
      const all = await definitions(db, workspaceId);
      return listContactMemberships(
        db,
        workspaceId,
        contactId,
        all.map((s) => s.id),
      );
    },

    async reevaluate(tx, workspaceId, contactIds, now) {
      await evaluateAll(tx, workspaceId, contactIds, (all) => all, now);
    },

    definitions,

    async save(workspaceId, definition, source) {
      const outcome = await repository.upsert(workspaceId, definition, source, deps.clock().toISOString());
      cache.delete(workspaceId);
      if (outcome !== 'unchanged') kick();
      return outcome;
    },

    async remove(workspaceId, id) {
      const removed = await deps.transact((tx) => createSegmentRepository(tx).delete(workspaceId, id));
      cache.delete(workspaceId);
      return removed;
    },

    async syncFileSegments(workspaceId, list) {
      const now = deps.clock().toISOString();
      await deps.transact(async (tx) => {
        const store = createSegmentRepository(tx);
        const keep = new Set(list.map((d) => d.id));
        for (const stale of await store.list(workspaceId))
          if (stale.source === 'file' && !keep.has(stale.id)) await store.delete(workspaceId, stale.id);
        for (const definition of list) await store.upsert(workspaceId, definition, 'file', now);
      });
      cache.delete(workspaceId);
      kick();
    },

    async preview(workspaceId, definition, scanLimit = 10_000) {
      const segment = compileSegment({
        id: definition.id,
        source: 'api',
        version: segmentVersion(definition),
        computedVersion: null,
        definition,
      });
      const now = deps.clock();
      const contactIds: string[] = [];
      let count = 0;
      let scanned = 0;
      let cursor: string | null = null;
      for (;;) {
        const after: string | null = cursor;
        const wanted = Math.min(500, scanLimit - scanned);
        const batch: { id: string }[] = await deps.db
          .selectFrom('contacts')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('merged_into', 'is', null)
          .$if(after !== null, (qb) => qb.where('id', '>', after ?? ''))
          .orderBy('id')
          .limit(wanted)
          .execute();
        for (const { id } of batch) {
          const contact = await loadContactRow(deps.db, workspaceId, id);
          if (!contact) continue;
          const facts = await loadContactFacts(deps.db, workspaceId, contact, segment.needs, now.getTime());
          if (!evaluateCondition(definition.when, facts, now.getTime()).value) continue;
          count++;
          if (contactIds.length < 20) contactIds.push(id);
        }
        scanned += batch.length;
        const last: { id: string } | undefined = batch[batch.length - 1];
        if (!last || batch.length < wanted) return { count, contactIds, scanned, complete: true };
        if (scanned >= scanLimit) return { count, contactIds, scanned, complete: false };
        cursor = last.id;
      }
    },

    startBackfill() {
      started = true;
      kick();
    },

    async idle() {
      while (running) await running;
    },

    async stop() {
      stopped = true;
      while (running) await running;
    },
  };
}
