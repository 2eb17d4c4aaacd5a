import { appendEvents } from '../events/event-log.ts';
import type { AgentDeps } from './agent-deps.ts';
import { enqueueSystemMail } from './enqueue-system-mail.ts';
import { pickMailLanguage, systemMailText } from './system-mail-text.ts';
import { issueUserToken, passwordResetTtlMs } from './user-tokens.ts';

/**
 * "Forgot my password": e-mails a reset link (1 hour, single use) to each active account with this
 * address. The caller answers 202 whatever happens here, so the answer tells nobody which e-mails exist.
 */
export async function requestPasswordReset(deps: AgentDeps, input: { email: string; workspace?: string | undefined }): Promise<void> {
  const now = deps.clock();
  const email = input.email.trim().toLowerCase();
  const named = input.workspace ? (deps.workspaces.bySlug(input.workspace) ?? deps.workspaces.get(input.workspace)) : undefined;
  if (input.workspace && !named) return;
  const users = await deps.db
    .selectFrom('users')
    .select(['id', 'workspace_id', 'email', 'locale'])
    .where('email', '=', email)
    .where('status', '=', 'active')
    .$if(named !== undefined, (qb) => qb.where('workspace_id', '=', named?.id ?? ''))
    .limit(10)
    .execute();
  if (users.length === 0) return;
  await deps.transact(async (tx) => {
    for (const user of users) {
      const ws = deps.workspaces.get(user.workspace_id);
      const token = await issueUserToken(
        tx,
        { workspaceId: user.workspace_id, userId: user.id, kind: 'password_reset', ttlMs: passwordResetTtlMs, createdBy: null },
        now,
      );
      const link = `${deps.publicBase()}/inbox/reset?token=${token}`;
      const language = pickMailLanguage(user.locale, ws?.definition.defaultLanguage ?? 'pt-BR');
      const mail = systemMailText('password_reset', language, { workspaceName: ws?.definition.name ?? 'Fio', link, inviterName: null });
      await enqueueSystemMail(
        tx,
        { workspaceId: user.workspace_id, userId: user.id, kind: 'password_reset', to: user.email, mail, link },
        now,
      );
      await appendEvents(tx, [
        {
          workspaceId: user.workspace_id,
          type: 'agent.password_reset',
          payload: { userId: user.id, step: 'requested' },
          occurredAt: now.toISOString(),
        },
      ]);
    }
  });
  deps.wakeMail();
}
