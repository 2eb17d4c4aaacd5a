import type { Role, UserView } from '@fio/contracts';
import { appendEvents } from '../events/event-log.ts';
import { AppError } from '../http/app-error.ts';
import { newId } from '../storage/index.ts';
import type { AgentDeps } from './agent-deps.ts';
import { enqueueSystemMail } from './enqueue-system-mail.ts';
import { pickMailLanguage, systemMailText } from './system-mail-text.ts';
import { setUserTeams } from './team.repository.ts';
import { getUserView } from './user-view.ts';
import { inviteTtlMs, issueUserToken } from './user-tokens.ts';

export interface InviteInput {
  email: string;
  name?: string | undefined;
  role: Role;
  teamIds?: string[] | undefined;
  locale?: string | null | undefined;
}

/**
 * Invites a person: the user (status invited, no usable password), an invite link valid 7 days, and
 * the e-mail that carries it, written in one transaction.
 */
export async function inviteUser(
  deps: AgentDeps,
  workspaceId: string,
  input: InviteInput,
  invitedBy: { tokenId: string; userId: string | null; name: string },
): Promise<UserView> {
  const now = deps.clock();
  const email = input.email.trim().toLowerCase();
  const userId = newId('usr');
  const ws = deps.workspaces.get(workspaceId);
  await deps.transact(async (tx) => {
    const existing = await tx
      .selectFrom('users')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('email', '=', email)
      .executeTakeFirst();
    if (existing) throw new AppError('user_exists', `a user with the e-mail ${email} exists already`, { userId: existing.id });
    await tx
      .insertInto('users')
      .values({
        id: userId,
        workspace_id: workspaceId,
        email,
        name: input.name?.trim() || email.split('@')[0] || email,
        role: input.role,
        // Not a hash: nothing verifies against it until the invite is accepted.
        password_hash: '',
        created_at: now.toISOString(),
        status: 'invited',
        locale: input.locale ?? null,
        updated_at: now.toISOString(),
      })
      .execute();
    await setUserTeams(tx, workspaceId, userId, input.teamIds ?? [], now);
    const token = await issueUserToken(tx, { workspaceId, userId, kind: 'invite', ttlMs: inviteTtlMs, createdBy: invitedBy.tokenId }, now);
    const link = `${deps.publicBase()}/inbox/invite?token=${token}`;
    const language = pickMailLanguage(input.locale ?? null, ws?.definition.defaultLanguage ?? 'pt-BR');
    const mail = systemMailText('invite', language, {
      workspaceName: ws?.definition.name ?? 'Fio',
      link,
      inviterName: invitedBy.userId ? invitedBy.name : null,
    });
    await enqueueSystemMail(tx, { workspaceId, userId, kind: 'invite', to: email, mail, link }, now);
    await appendEvents(tx, [
      {
        workspaceId,
        type: 'agent.invited',
        payload: { userId, role: input.role, teamIds: input.teamIds ?? [], by: invitedBy.tokenId },
        occurredAt: now.toISOString(),
      },
    ]);
  });
  deps.wakeMail();
  const view = await getUserView(deps.db, workspaceId, userId);
  if (!view) throw new AppError('user_not_found', `no user ${userId}`);
  return view;
}
