import type { Role, UserView } from '@fio/contracts';
import { appendEvents } from '../events/event-log.ts';
import { AppError } from '../http/app-error.ts';
import type { DbOrTx } from '../storage/index.ts';
import type { AgentDeps } from './agent-deps.ts';
import { revokeUserSessions } from './session.repository.ts';
import { getUserView } from './user-view.ts';

export interface UserPatch {
  role?: Role | undefined;
  name?: string | undefined;
  capacity?: number | undefined;
  channelCapacity?: Record<string, number> | undefined;
  skills?: string[] | undefined;
  status?: 'active' | 'disabled' | undefined;
}

/**
 * An admin changes a person. A workspace always keeps one active admin (409 last_admin); disabling
 * someone ends their sessions at once.
 */
export async function updateUser(deps: AgentDeps, workspaceId: string, userId: string, patch: UserPatch, by: string): Promise<UserView> {
  const now = deps.clock();
  const afterCommit = await deps.transact(async (tx) => {
    const user = await tx
      .selectFrom('users')
      .select(['id', 'role', 'status'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) throw new AppError('user_not_found', `no user ${userId}`);
    const staysAdmin = (patch.role ?? user.role) === 'admin' && (patch.status ?? user.status) === 'active';
    if (user.role === 'admin' && user.status === 'active' && !staysAdmin) await requireAnotherActiveAdmin(tx, workspaceId, userId);
    if (patch.status === 'active' && user.status === 'invited')
      throw new AppError('bad_request', 'an invited person becomes active by accepting the invite');
    await tx
      .updateTable('users')
      .set({
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.capacity !== undefined ? { capacity: patch.capacity } : {}),
        ...(patch.channelCapacity !== undefined ? { channel_capacity_json: JSON.stringify(patch.channelCapacity) } : {}),
        ...(patch.skills !== undefined ? { skills_json: JSON.stringify([...new Set(patch.skills)]) } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.status === 'disabled' ? { presence: 'offline', presence_at: now.toISOString() } : {}),
        updated_at: now.toISOString(),
      })
      .where('id', '=', userId)
      .execute();
    if (patch.status === 'disabled') await revokeUserSessions(tx, workspaceId, userId, now);
    await appendEvents(tx, [
      {
        workspaceId,
        type: 'agent.updated',
        payload: { userId, by, changes: Object.keys(patch).filter((k) => patch[k as keyof UserPatch] !== undefined) },
        occurredAt: now.toISOString(),
      },
    ]);
    // Who may take conversations changed: routing looks again; a disabled person's conversations go back to the queue.
    return deps.staffChanged(tx, { workspaceId, now, ...(patch.status === 'disabled' ? { disabledUserId: userId } : {}) });
  });
  afterCommit();
  // Role, name and status are part of cached principals: the next request reads them afresh.
  deps.sessions.forgetUser(userId);
  const view = await getUserView(deps.db, workspaceId, userId);
  if (!view) throw new AppError('user_not_found', `no user ${userId}`);
  return view;
}

async function requireAnotherActiveAdmin(tx: DbOrTx, workspaceId: string, userId: string): Promise<void> {
  const other = await tx
    .selectFrom('users')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .where('id', '!=', userId)
    .executeTakeFirst();
  if (!other) throw new AppError('last_admin', 'the workspace needs at least one active admin: make someone else admin first');
}
