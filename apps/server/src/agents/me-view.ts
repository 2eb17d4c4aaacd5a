import type { MeView } from '@fio/contracts';
import { AppError } from '../http/app-error.ts';
import type { AgentDeps } from './agent-deps.ts';
import { getUserView } from './user-view.ts';

/** Who is signed in, where, and the CSRF token the page sends back on every change. */
export async function buildMeView(
  deps: Pick<AgentDeps, 'db' | 'workspaces'>,
  workspaceId: string,
  userId: string,
  csrfToken: string,
): Promise<MeView> {
  const user = await getUserView(deps.db, workspaceId, userId);
  if (!user) throw new AppError('unauthorized', 'the session ended: sign in again');
  const ws = deps.workspaces.get(workspaceId);
  const row = ws ? null : await deps.db.selectFrom('workspaces').select(['slug', 'name']).where('id', '=', workspaceId).executeTakeFirst();
  const definition = ws?.definition;
  return {
    user,
    workspace: {
      id: workspaceId,
      slug: ws?.slug ?? row?.slug ?? workspaceId,
      name: definition?.name ?? row?.name ?? workspaceId,
      languages: definition?.languages ?? ['pt-BR'],
      defaultLanguage: definition?.defaultLanguage ?? 'pt-BR',
      timezone: definition?.timezone ?? 'America/Sao_Paulo',
    },
    csrfToken,
  };
}
