import { appendEvents } from '../events/event-log.ts';
import { AppError } from '../http/app-error.ts';
import { hashApiToken, hashPassword } from '../security/credentials.ts';
import type { AgentDeps } from './agent-deps.ts';
import { checkPasswordPolicy } from './password-policy.ts';
import { openSession } from './open-session.ts';
import type { SignedIn } from './sign-in.ts';
import { consumeUserToken } from './user-tokens.ts';

/** The invited person chooses a name and a password: the account becomes active and signed in. */
export async function acceptInvite(
  deps: AgentDeps,
  input: { token: string; name: string; password: string },
  meta: { ip: string | null; userAgent: string | null },
): Promise<SignedIn> {
  const now = deps.clock();
  // The policy needs the e-mail, known only from the token: look first, use the token up in the transaction.
  const peek = await deps.db
    .selectFrom('user_tokens')
    .innerJoin('users', 'users.id', 'user_tokens.user_id')
    .select(['users.email'])
    .where('user_tokens.token_hash', '=', hashApiToken(input.token))
    .executeTakeFirst();
  if (peek) checkPasswordPolicy(input.password, peek.email);
  const passwordHash = await hashPassword(input.password);
  return deps.transact(async (tx) => {
    const used = await consumeUserToken(tx, input.token, 'invite', now);
    if (!used) throw new AppError('token_invalid', 'this invite link is unknown, used already, or expired');
    const user = await tx
      .selectFrom('users')
      .select(['id', 'status'])
      .where('workspace_id', '=', used.workspaceId)
      .where('id', '=', used.userId)
      .executeTakeFirst();
    if (!user || user.status !== 'invited') throw new AppError('token_invalid', 'this invite was withdrawn or accepted already');
    await tx
      .updateTable('users')
      .set({
        status: 'active',
        name: input.name.trim(),
        password_hash: passwordHash,
        failed_sign_ins: 0,
        locked_until: null,
        updated_at: now.toISOString(),
      })
      .where('id', '=', user.id)
      .execute();
    await appendEvents(tx, [
      {
        workspaceId: used.workspaceId,
        type: 'agent.updated',
        payload: { userId: user.id, change: 'invite_accepted' },
        occurredAt: now.toISOString(),
      },
    ]);
    const session = await openSession(
      tx,
      { workspaceId: used.workspaceId, userId: user.id, ttlMs: deps.sessionTtlMs, rehashed: false },
      meta,
      now,
    );
    return { workspaceId: used.workspaceId, userId: user.id, session };
  });
}
