import type { Kysely } from 'kysely';

/**
 * What the provider channels need: the provider's own payload beside a message (unsupported kinds, an
 * e-mail's full original), media files fetched from providers, and the consent ledger that opt-out
 * keywords write to (append-only: the latest record per contact, channel and purpose is the status).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('raw_json', 'text').execute();

  await db.schema
    .createTable('media_objects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text')
    .addColumn('source_ref', 'text')
    .addColumn('storage_key', 'text')
    .addColumn('mime_type', 'text')
    .addColumn('filename', 'text')
    .addColumn('size_bytes', 'integer')
    .addColumn('sha256', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('media_objects_message').on('media_objects').columns(['workspace_id', 'message_id']).execute();

  await db.schema
    .createTable('consent_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('channel_type', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('evidence_message_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consent_records_lookup')
    .on('consent_records')
    .columns(['workspace_id', 'contact_id', 'channel_type', 'purpose', 'id'])
    .execute();
}
