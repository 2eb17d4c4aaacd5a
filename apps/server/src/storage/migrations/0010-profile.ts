import type { Kysely } from 'kysely';

/**
 * The contact timeline reads a contact's domain events (segments entered and left, merges, identities
 * added) newest first; without this index that read scans every event of the workspace's types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('events_contact_time').on('events').columns(['workspace_id', 'contact_id', 'occurred_at']).execute();
}
