import { sql, type Kysely } from 'kysely';
import { matchKeyOfRow } from '../../contacts/match-key.ts';
import type { Dialect } from '../database.ts';

/**
 * Name-and-city merge suggestions read every live contact with a city and folded each name in code,
 * on every name or city change: 1.1–1.7 s at 200 000 contacts (8–12 s at a million), and a suggestion
 * for every match. `contacts.match_key` holds the folded name and city (contacts/match-key.ts; every
 * writer of a name or attributes keeps it, through updateContactRow) so the lookup is one equality on
 * (workspace, match_key); id closes the index so the oldest candidates come straight from it, without
 * sorting everyone of a common name: 8 ms at 200 000 contacts, recording its 20 suggestions included.
 *
 * A merge supersedes the open suggestions naming the merged contact on either side, and a new
 * suggestion first looks for the pair in both directions: with only (workspace, status, created_at)
 * both walked every open suggestion of the workspace (6–10 ms each at 45 000 open suggestions; a
 * suggestion run paid it once per candidate). One index per side makes each a lookup of 0.02 ms.
 *
 * Existing rows are backfilled here, in code (folding is not portable SQL), a page of contacts at a
 * time. On SQLite the whole migration is one transaction (PostgreSQL's migrator already wraps it),
 * so an interrupted backfill leaves nothing half-done behind.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const run = async (tx: Kysely<any>) => {
    await tx.schema.alterTable('contacts').addColumn('match_key', 'text').execute();
    await backfillMatchKeys(tx);
    await tx.schema.createIndex('contacts_ws_match_key').on('contacts').columns(['workspace_id', 'match_key', 'id']).execute();
    await tx.schema
      .createIndex('merge_suggestions_ws_contact')
      .on('merge_suggestions')
      .columns(['workspace_id', 'contact_id', 'status'])
      .execute();
    await tx.schema
      .createIndex('merge_suggestions_ws_candidate')
      .on('merge_suggestions')
      .columns(['workspace_id', 'candidate_id', 'status'])
      .execute();
  };
  if (dialect === 'sqlite') await db.transaction().execute(run);
  else await run(db);
}

const pageSize = 500;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function backfillMatchKeys(db: Kysely<any>): Promise<void> {
  let after = '';
  for (;;) {
    const rows = (await db
      .selectFrom('contacts')
      .select(['id', 'workspace_id', 'display_name', 'attributes_json'])
      .where('id', '>', after)
      .where('display_name', 'is not', null)
      .orderBy('id')
      .limit(pageSize)
      .execute()) as Array<{ id: string; workspace_id: string; display_name: string | null; attributes_json: string }>;
    const last = rows.at(-1);
    if (!last) return;
    after = last.id;
    const keyed = rows.flatMap((r) => {
      const key = matchKeyOfRow(r);
      return key === null ? [] : [sql`(${r.workspace_id}, ${r.id}, ${key})`];
    });
    // One statement per page on both databases: VALUES names its columns column1.. in each.
    if (keyed.length > 0)
      await sql`update contacts set match_key = v.column3 from (values ${sql.join(keyed)}) as v
        where contacts.workspace_id = v.column1 and contacts.id = v.column2`.execute(db);
  }
}
