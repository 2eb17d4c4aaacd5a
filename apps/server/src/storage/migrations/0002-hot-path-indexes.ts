import type { Kysely } from 'kysely';

/**
 * Indexes shaped by the hot path: claims walk pending jobs of a queue in id order (jobs_ready lets the
 * walk stop at LIMIT); conversations are listed by id, and an index on updated_at cost one more page
 * write on every message for a sort nobody asks for.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('jobs_claim').execute();
  await db.schema.createIndex('jobs_ready').on('jobs').columns(['queue', 'status', 'id']).execute();
  await db.schema.dropIndex('conversations_ws_updated').execute();
}
