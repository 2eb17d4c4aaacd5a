import type { DbOrTx } from '../../storage/index.ts';
import { compileSegment, segmentVersion, type CompiledSegment } from './compile-segment.ts';
import { segmentDefinitionSchema, type SegmentDefinition } from './segment-definition.ts';

export type SegmentSource = 'file' | 'api';

export interface StoredSegment extends CompiledSegment {
  createdAt: string;
  updatedAt: string;
}

/** The segments table: definitions from segments.yaml (source 'file') and from the API (source 'api'). */
export function createSegmentRepository(db: DbOrTx) {
  return {
    async list(workspaceId: string): Promise<StoredSegment[]> {
      const rows = await db.selectFrom('segments').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute();
      return rows.flatMap((row) => {
        const stored = toStored(row);
        return stored ? [stored] : [];
      });
    },

    async get(workspaceId: string, id: string): Promise<StoredSegment | null> {
      const row = await db
        .selectFrom('segments')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toStored(row) : null;
    },

    /** Writes a definition; a changed condition gets a new version, whose memberships are then recomputed. */
    async upsert(
      workspaceId: string,
      definition: SegmentDefinition,
      source: SegmentSource,
      now: string,
    ): Promise<'created' | 'updated' | 'unchanged'> {
      const version = segmentVersion(definition);
      const json = JSON.stringify(definition);
      const existing = await db
        .selectFrom('segments')
        .select(['definition_json', 'source'])
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', definition.id)
        .executeTakeFirst();
      if (!existing) {
        await db
          .insertInto('segments')
          .values({
            workspace_id: workspaceId,
            id: definition.id,
            source,
            definition_json: json,
            version,
            computed_version: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        return 'created';
      }
      if (existing.definition_json === json && existing.source === source) return 'unchanged';
      await db
        .updateTable('segments')
        .set({ source, definition_json: json, version, updated_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', definition.id)
        .execute();
      return 'updated';
    },

    /** Removes the definition and its memberships (no `segment.left` per contact: the segment is gone). */
    async delete(workspaceId: string, id: string): Promise<boolean> {
      await db.deleteFrom('segment_memberships').where('workspace_id', '=', workspaceId).where('segment_id', '=', id).execute();
      const result = await db.deleteFrom('segments').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** Marks a version's backfill finished, unless the definition changed meanwhile. */
    async markComputed(workspaceId: string, id: string, version: string): Promise<void> {
      await db
        .updateTable('segments')
        .set({ computed_version: version })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .where('version', '=', version)
        .execute();
    },

    async memberCounts(workspaceId: string): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('segment_memberships')
        .select(['segment_id', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('workspace_id', '=', workspaceId)
        .groupBy('segment_id')
        .execute();
      return new Map(rows.map((r) => [r.segment_id, Number(r.n)]));
    },

    async memberCount(workspaceId: string, id: string): Promise<number> {
      const row = await db
        .selectFrom('segment_memberships')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('workspace_id', '=', workspaceId)
        .where('segment_id', '=', id)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /** Members in contact id order, after `cursor` (keyset pagination over the primary key). */
    async members(
      workspaceId: string,
      id: string,
      limit: number,
      cursor: string | null,
    ): Promise<{ contactId: string; enteredAt: string }[]> {
      const rows = await db
        .selectFrom('segment_memberships')
        .select(['contact_id', 'entered_at'])
        .where('workspace_id', '=', workspaceId)
        .where('segment_id', '=', id)
        .$if(cursor !== null, (qb) => qb.where('contact_id', '>', cursor ?? ''))
        .orderBy('contact_id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ contactId: r.contact_id, enteredAt: r.entered_at }));
    },
  };
}

export type SegmentRepository = ReturnType<typeof createSegmentRepository>;

function toStored(row: {
  id: string;
  source: string;
  version: string;
  computed_version: string | null;
  definition_json: string;
  created_at: string;
  updated_at: string;
}): StoredSegment | null {
  // Definitions were validated when written; one that no longer parses (an older format) is skipped, not fatal.
  const parsed = segmentDefinitionSchema.safeParse(safeJson(row.definition_json));
  if (!parsed.success) return null;
  return {
    ...compileSegment({
      id: row.id,
      source: row.source,
      version: row.version,
      computedVersion: row.computed_version,
      definition: parsed.data,
    }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
