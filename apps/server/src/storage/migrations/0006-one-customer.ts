import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/**
 * One customer (issue 5): reversible merges and merge suggestions, identity verification codes, the
 * contact timeline (business events and recognised intents), segments and their memberships, and the
 * CRM sync (webhook subscriptions, the outbox of events to send, the delivery log).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const autoId = (col: ColumnDefinitionBuilder) =>
    dialect === 'postgres' ? col.primaryKey().generatedAlwaysAsIdentity() : col.primaryKey().autoIncrement();
  const bigId = dialect === 'postgres' ? 'bigint' : 'integer';

  // A merged contact stays as a tombstone pointing at the survivor, so an unmerge can bring it back.
  await db.schema.alterTable('contacts').addColumn('merged_into', 'text').execute();
  // Per profile field / attribute: when and from where it last changed ({"attributes.city": {"at", "source"}}).
  await db.schema
    .alterTable('contacts')
    .addColumn('field_meta_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('contacts_merged_into').on('contacts').columns(['workspace_id', 'merged_into']).execute();
  await db.schema.createIndex('contacts_ws_name').on('contacts').columns(['workspace_id', 'display_name']).execute();
  // Where an identity came from: the channel, a signed widget identity, a CRM, an import, the API, typed in chat.
  await db.schema.alterTable('identities').addColumn('source', 'text').execute();

  await db.schema
    .createTable('contact_merges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('survivor_id', 'text', (c) => c.notNull())
    .addColumn('merged_id', 'text', (c) => c.notNull())
    /** Who or what merged: 'rule:<name>', 'user:<id>', 'token:<id>'. */
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('evidence_json', 'text', (c) => c.notNull())
    /** Everything the merge changed, so an unmerge restores it. */
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('unmerged_at', 'text')
    .addColumn('unmerged_by', 'text')
    .execute();
  await db.schema.createIndex('contact_merges_survivor').on('contact_merges').columns(['workspace_id', 'survivor_id']).execute();
  await db.schema.createIndex('contact_merges_merged').on('contact_merges').columns(['workspace_id', 'merged_id']).execute();

  await db.schema
    .createTable('merge_suggestions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('candidate_id', 'text', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('reasons_json', 'text', (c) => c.notNull())
    /** open | accepted | rejected | superseded */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('merge_id', 'text')
    .execute();
  await db.schema
    .createIndex('merge_suggestions_open_pair')
    .on('merge_suggestions')
    .columns(['workspace_id', 'contact_id', 'candidate_id'])
    .unique()
    .where(sql.ref('status'), '=', 'open')
    .execute();
  await db.schema
    .createIndex('merge_suggestions_ws_status')
    .on('merge_suggestions')
    .columns(['workspace_id', 'status', 'created_at'])
    .execute();

  await db.schema
    .createTable('identity_verifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    /** The connection the code went out on (e-mail, SMS, WhatsApp), and the code's salted hash. */
    .addColumn('connection_id', 'text')
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    /** pending | sent | verified | failed | expired */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('identity_verifications_contact')
    .on('identity_verifications')
    .columns(['workspace_id', 'contact_id', 'status'])
    .execute();

  // The contact's timeline: business events posted by the business's systems, and intents the bot recognised.
  await db.schema
    .createTable('contact_activities')
    .addColumn('id', bigId, autoId)
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    /** event | intent */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('properties_json', 'text', (c) => c.notNull())
    /** 'api', 'bot', 'import', 'integration:<id>' */
    .addColumn('source', 'text', (c) => c.notNull())
    /** The sender's idempotency key: the same event posted twice is stored once. */
    .addColumn('external_id', 'text')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contact_activities_contact_name')
    .on('contact_activities')
    .columns(['workspace_id', 'contact_id', 'kind', 'name', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('contact_activities_contact_time')
    .on('contact_activities')
    .columns(['workspace_id', 'contact_id', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('contact_activities_external')
    .on('contact_activities')
    .columns(['workspace_id', 'external_id'])
    .unique()
    .where(sql.ref('external_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('segments')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    /** file (segments.yaml) | api */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('definition_json', 'text', (c) => c.notNull())
    /** Content hash of the definition: a changed definition is recomputed for every contact. */
    .addColumn('version', 'text', (c) => c.notNull())
    /** The version whose backfill over all contacts finished (null while it runs). */
    .addColumn('computed_version', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('segments_pk', ['workspace_id', 'id'])
    .execute();

  await db.schema
    .createTable('segment_memberships')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('segment_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('segment_memberships_pk', ['workspace_id', 'segment_id', 'contact_id'])
    .execute();
  await db.schema.createIndex('segment_memberships_contact').on('segment_memberships').columns(['workspace_id', 'contact_id']).execute();

  await db.schema
    .createTable('webhook_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    /** The integration (workspace.yaml `integrations[].id`) whose field mapping and echo guard apply, if any. */
    .addColumn('integration_id', 'text')
    .addColumn('url', 'text', (c) => c.notNull())
    /** AES-256-GCM envelope of the signing secret. */
    .addColumn('secret_enc', 'text', (c) => c.notNull())
    .addColumn('events_json', 'text', (c) => c.notNull())
    /** file | api */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_subscriptions_ws').on('webhook_subscriptions').columns(['workspace_id']).execute();

  // Events to send to subscribers, written in the transaction of the change (transactional outbox).
  await db.schema
    .createTable('webhook_outbox')
    .addColumn('id', bigId, autoId)
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text')
    .addColumn('conversation_id', 'text')
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    /** The JSON body sent, as sent (a replay sends the same bytes with a fresh signature). */
    .addColumn('body', 'text', (c) => c.notNull())
    /** pending | delivered | dead */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_subscription')
    .on('webhook_deliveries')
    .columns(['workspace_id', 'subscription_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_event')
    .on('webhook_deliveries')
    .columns(['subscription_id', 'event_id'])
    .unique()
    .execute();
}
