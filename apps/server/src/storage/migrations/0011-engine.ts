import type { Kysely } from 'kysely';

/**
 * Every bot turn inside a flow looks for the conversation's latest one-time code (is the customer
 * typing one?). By conversation, newest first: without this index that read walks every code of the
 * workspace.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('identity_verifications_conversation')
    .on('identity_verifications')
    .columns(['workspace_id', 'conversation_id', 'created_at'])
    .execute();
}
