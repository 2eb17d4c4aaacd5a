import type { Db, Transact } from '../../storage/index.ts';
import type { CompiledSegment } from './compile-segment.ts';
import { reevaluateContact } from './reevaluate-contact.ts';
import { createSegmentRepository } from './segment.repository.ts';

export interface BackfillDeps {
  db: Db;
  transact: Transact;
  clock: () => Date;
  /** Contacts per transaction: small enough that live traffic interleaves between batches. */
  batchSize?: number;
  /** Stops between batches (shutdown). */
  stopped?: () => boolean;
}

/**
 * Computes one segment version's membership for every contact of the workspace, in batches walked by
 * keyset over (created_at, id) on the contacts_ws_created index, then marks the version computed.
 * Incremental refreshes go on meanwhile; both write the same answer, so their order does not matter.
 */
export async function backfillSegment(
  deps: BackfillDeps,
  workspaceId: string,
  segment: CompiledSegment,
  all: readonly CompiledSegment[],
): Promise<'done' | 'stopped'> {
  const batchSize = deps.batchSize ?? 200;
  let cursor: { createdAt: string; id: string } | null = null;
  for (;;) {
    if (deps.stopped?.()) return 'stopped';
    const after: { createdAt: string; id: string } | null = cursor;
    const batch: { id: string; created_at: string }[] = await deps.db
      .selectFrom('contacts')
      .select(['id', 'created_at'])
      .where('workspace_id', '=', workspaceId)
      // `created_at >= ?` gives the index a range to start from; the OR alone would make it scan from the top.
      .$if(after !== null, (qb) =>
        qb
          .where('created_at', '>=', after?.createdAt ?? '')
          .where((eb) => eb.or([eb('created_at', '>', after?.createdAt ?? ''), eb('id', '>', after?.id ?? '')])),
      )
      .orderBy('created_at')
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (batch.length === 0) break;
    await deps.transact(async (tx) => {
      const now = deps.clock();
      // Merged contacts are skipped here: they belong to no segment and their survivor is in the walk.
      const merged = new Set(
        (
          await tx
            .selectFrom('contacts')
            .select('id')
            .where('workspace_id', '=', workspaceId)
            .where(
              'id',
              'in',
              batch.map((c) => c.id),
            )
            .where('merged_into', 'is not', null)
            .execute()
        ).map((r) => r.id),
      );
      for (const contact of batch)
        if (!merged.has(contact.id)) await reevaluateContact(tx, workspaceId, contact.id, [segment], now, { all, schedule: true });
    });
    const last: { id: string; created_at: string } | undefined = batch[batch.length - 1];
    if (!last || batch.length < batchSize) break;
    cursor = { createdAt: last.created_at, id: last.id };
  }
  await createSegmentRepository(deps.db).markComputed(workspaceId, segment.id, segment.version);
  return 'done';
}
