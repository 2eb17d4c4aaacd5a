import type { Kysely } from 'kysely';

/**
 * Providers post delivery receipts as soon as their API has answered, sometimes before Fio has recorded
 * the provider's id for the message (Twilio's `sent`, WhatsApp's `sent` within milliseconds). Such a
 * receipt is kept here and applied when the id is recorded, instead of being lost.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('early_status_receipts')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addColumn('provider_message_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error_json', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('early_status_receipts_pk', ['connection_id', 'provider_message_id', 'status'])
    .execute();
  await db.schema.createIndex('early_status_receipts_age').on('early_status_receipts').columns(['received_at']).execute();
}
