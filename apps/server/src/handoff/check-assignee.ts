import { canSeeConversation, loadRestrictedTeamIds } from '../http/conversation-access.ts';
import type { Dialect, DbOrTx } from '../storage/index.ts';
import { refuse, type ActionRefusal } from './conversation-action.ts';
import { lockAgent, type LockedAgent } from './lock-agent.ts';

/**
 * The person a conversation is about to be given to, locked (PostgreSQL) before the conversation so
 * routing and actions take locks in one order: they must be an active member of the workspace who
 * answers customers (not a bot editor) and may see the conversation in its (new) team.
 */
export async function checkAssignee(
  tx: DbOrTx,
  dialect: Dialect,
  input: { workspaceId: string; userId: string; teamId: string | null },
): Promise<{ ok: true; agent: LockedAgent } | { ok: false; reason: ActionRefusal; message: string }> {
  const agent = await lockAgent(tx, dialect, input.workspaceId, input.userId);
  if (!agent || agent.status !== 'active' || agent.role === 'bot_editor')
    return refuse('assignee_unavailable', `user ${input.userId} is not an active agent of this workspace`);
  const role = agent.role === 'admin' || agent.role === 'supervisor' ? agent.role : 'agent';
  const visible = canSeeConversation(
    { role, userId: agent.id, teamIds: agent.teamIds },
    // Whether they could see it without holding it: the assignee always sees their own.
    { teamId: input.teamId, assigneeId: null },
    await loadRestrictedTeamIds(tx, input.workspaceId),
  );
  if (!visible) return refuse('assignee_unavailable', `user ${input.userId} is not a member of the conversation's restricted team`);
  return { ok: true, agent };
}

/**
 * checkAssignee for a conversation about to be given to someone: against the team it moves to, else
 * its own team; null when they may take it, else the refusal.
 */
export async function checkConversationAssignee(
  tx: DbOrTx,
  dialect: Dialect,
  input: { workspaceId: string; conversationId: string; userId: string; teamId?: string | null },
): Promise<{ ok: false; reason: ActionRefusal; message: string } | null> {
  const current = await tx
    .selectFrom('conversations')
    .select('team_id')
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.conversationId)
    .executeTakeFirst();
  if (!current) return refuse('conversation_not_found', `no conversation ${input.conversationId}`);
  const teamId = input.teamId ?? current.team_id ?? null;
  const checked = await checkAssignee(tx, dialect, { workspaceId: input.workspaceId, userId: input.userId, teamId });
  return checked.ok ? null : checked;
}
