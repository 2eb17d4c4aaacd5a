import { appendEvents } from '../events/event-log.ts';
import { AppError } from '../http/app-error.ts';
import { hashApiToken, hashPassword } from '../security/credentials.ts';
import type { AgentDeps } from './agent-deps.ts';
import { checkPasswordPolicy } from './password-policy.ts';
import { revokeUserSessions } from './session.repository.ts';
import { consumeUserToken } from './user-tokens.ts';

/**
 * Sets the new password of a reset link and ends every session of the person (whoever had their old
 * password is signed out). It also lifts a lockout: proving the mailbox is enough.
 */
export async function confirmPasswordReset(deps: AgentDeps, input: { token: string; password: string }): Promise<void> {
  const now = deps.clock();
  const peek = await deps.db
    .selectFrom('user_tokens')
    .innerJoin('users', 'users.id', 'user_tokens.user_id')
    .select(['users.email'])
    .where('user_tokens.token_hash', '=', hashApiToken(input.token))
    .where('user_tokens.kind', '=', 'password_reset')
    .executeTakeFirst();
  if (!peek) throw new AppError('token_invalid', 'this reset link is unknown, used already, or expired');
  checkPasswordPolicy(input.password, peek.email);
  const passwordHash = await hashPassword(input.password);
  const userId = await deps.transact(async (tx) => {
    const used = await consumeUserToken(tx, input.token, 'password_reset', now);
    if (!used) throw new AppError('token_invalid', 'this reset link is unknown, used already, or expired');
    const changed = await tx
      .updateTable('users')
      .set({ password_hash: passwordHash, failed_sign_ins: 0, locked_until: null, updated_at: now.toISOString() })
      .where('workspace_id', '=', used.workspaceId)
      .where('id', '=', used.userId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) throw new AppError('token_invalid', 'this account is not active');
    await revokeUserSessions(tx, used.workspaceId, used.userId, now);
    await appendEvents(tx, [
      {
        workspaceId: used.workspaceId,
        type: 'agent.password_reset',
        payload: { userId: used.userId, step: 'completed' },
        occurredAt: now.toISOString(),
      },
    ]);
    return used.userId;
  });
  deps.sessions.forgetUser(userId);
}
