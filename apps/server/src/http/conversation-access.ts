import type { ConversationStatus } from '@fio/contracts';
import type { DbOrTx } from '../storage/index.ts';
import { AppError } from './app-error.ts';
import type { Principal } from './auth.ts';

export interface VisibleConversation {
  id: string;
  contactId: string;
  status: ConversationStatus;
  teamId: string | null;
  assigneeId: string | null;
}

/**
 * Who may see a conversation: admins and supervisors see all of their workspace; everyone else sees
 * all but the conversations of restricted teams, which only their members (and the assignee) see.
 * Pure, so the REST routes and the live gateway decide alike.
 */
export function canSeeConversation(
  principal: Pick<Principal, 'role' | 'userId' | 'teamIds'>,
  conversation: { teamId: string | null; assigneeId: string | null },
  restrictedTeamIds: ReadonlySet<string>,
): boolean {
  if (principal.role === 'admin' || principal.role === 'supervisor') return true;
  if (!conversation.teamId || !restrictedTeamIds.has(conversation.teamId)) return true;
  if (principal.userId && conversation.assigneeId === principal.userId) return true;
  return principal.teamIds.includes(conversation.teamId);
}

export async function loadRestrictedTeamIds(db: DbOrTx, workspaceId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('teams').select('id').where('workspace_id', '=', workspaceId).where('restricted', '=', 1).execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * The conversation, if it is in the caller's workspace and the caller may see it; otherwise 404
 * conversation_not_found (the same answer either way, so ids of hidden conversations leak nothing).
 */
export async function requireVisibleConversation(db: DbOrTx, principal: Principal, conversationId: string): Promise<VisibleConversation> {
  const row = await db
    .selectFrom('conversations')
    .select(['id', 'contact_id', 'status', 'team_id', 'assignee_id'])
    .where('workspace_id', '=', principal.workspaceId)
    .where('id', '=', conversationId)
    .executeTakeFirst();
  const conversation = row
    ? {
        id: row.id,
        contactId: row.contact_id,
        status: row.status as ConversationStatus,
        teamId: row.team_id ?? null,
        assigneeId: row.assignee_id ?? null,
      }
    : null;
  if (!conversation || !canSeeConversation(principal, conversation, await loadRestrictedTeamIds(db, principal.workspaceId)))
    throw new AppError('conversation_not_found', `no conversation ${conversationId}`);
  return conversation;
}
