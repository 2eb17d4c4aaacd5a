import type { Kysely } from 'kysely';

/**
 * Every version of a flow the workspace has run. A conversation keeps the version it started with
 * (its bot state names it), so an edit or a restart never moves a customer mid-flow onto steps that
 * no longer match what they were asked.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('flow_versions')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('flow_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('definition_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('flow_versions_pk', ['workspace_id', 'flow_id', 'version'])
    .execute();
}
