import type { UserView } from '@fio/contracts';
import { appendEvents } from '../events/event-log.ts';
import { AppError } from '../http/app-error.ts';
import { hashPassword, verifyPassword } from '../security/credentials.ts';
import type { AgentDeps } from './agent-deps.ts';
import { checkPasswordPolicy } from './password-policy.ts';
import { revokeUserSessions } from './session.repository.ts';
import { getUserView } from './user-view.ts';

/**
 * A person changes their own name, language or password. A new password needs the current one and
 * signs out every other session (the one in use stays).
 */
export async function updateMe(
  deps: AgentDeps,
  workspaceId: string,
  userId: string,
  currentSessionId: string | null,
  patch: {
    name?: string | undefined;
    locale?: string | null | undefined;
    password?: string | undefined;
    currentPassword?: string | undefined;
  },
): Promise<UserView> {
  const now = deps.clock();
  const user = await deps.db
    .selectFrom('users')
    .select(['email', 'password_hash'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) throw new AppError('user_not_found', `no user ${userId}`);
  let passwordHash: string | null = null;
  if (patch.password !== undefined) {
    if (!patch.currentPassword || !(await verifyPassword(patch.currentPassword, user.password_hash)))
      throw new AppError('invalid_credentials', 'the current password is wrong');
    checkPasswordPolicy(patch.password, user.email);
    passwordHash = await hashPassword(patch.password);
  }
  await deps.transact(async (tx) => {
    await tx
      .updateTable('users')
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
        ...(passwordHash ? { password_hash: passwordHash } : {}),
        updated_at: now.toISOString(),
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', userId)
      .execute();
    if (passwordHash) await revokeUserSessions(tx, workspaceId, userId, now, currentSessionId ?? undefined);
    await appendEvents(tx, [
      {
        workspaceId,
        type: 'agent.updated',
        payload: {
          userId,
          by: `session:${userId}`,
          changes: [
            ...(patch.name !== undefined ? ['name'] : []),
            ...(patch.locale !== undefined ? ['locale'] : []),
            ...(passwordHash ? ['password'] : []),
          ],
        },
        occurredAt: now.toISOString(),
      },
    ]);
  });
  deps.sessions.forgetUser(userId);
  const view = await getUserView(deps.db, workspaceId, userId);
  if (!view) throw new AppError('user_not_found', `no user ${userId}`);
  return view;
}
