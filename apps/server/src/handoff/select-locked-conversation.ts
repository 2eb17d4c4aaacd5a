import type { SelectQueryBuilder } from 'kysely';
import type { Database, Dialect, DbOrTx } from '../storage/index.ts';

/**
 * The query for one conversation row, locked until the transaction commits on PostgreSQL (SQLite has
 * one writer), so two writers of one conversation (two actions, a hook and an SLA job) take turns
 * instead of overwriting what they did not see. The caller picks the columns.
 */
export function selectLockedConversation(
  tx: DbOrTx,
  dialect: Dialect,
  workspaceId: string,
  id: string,
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- Kysely's type of "no column picked yet"
): SelectQueryBuilder<Database, 'conversations', {}> {
  return tx
    .selectFrom('conversations')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .$if(dialect === 'postgres', (qb) => qb.forUpdate());
}
