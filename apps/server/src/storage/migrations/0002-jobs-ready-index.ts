import type { Kysely } from 'kysely';

// Claims walk pending jobs of a queue in id order: an index in that order lets the walk stop at LIMIT.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('jobs_claim').execute();
  await db.schema.createIndex('jobs_ready').on('jobs').columns(['queue', 'status', 'id']).execute();
}
