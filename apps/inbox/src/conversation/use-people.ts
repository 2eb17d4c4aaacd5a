import type { Role, TeamView, UserView } from '@fio/contracts';
import { useResource } from './use-resource.ts';

/** Only these roles may list the workspace's users (GET /api/v1/users answers 403 to the others). */
const listsUsers: readonly Role[] = ['admin', 'supervisor'];

/**
 * The workspace's teams and people, for pickers and mentions. Agents may not list users, so for them
 * the list is not even asked for (a refused call is noise in the console): the pickers then offer
 * teams only and mentions have no suggestions (typing "@name" still mentions).
 */
export function usePeople(role: Role): { teams: TeamView[]; users: UserView[] } {
  const [teams] = useResource<{ data: TeamView[] }>('/api/v1/teams?limit=200');
  const [users] = useResource<{ data: UserView[] }>(listsUsers.includes(role) ? '/api/v1/users?limit=200' : null);
  return {
    teams: teams.state === 'ready' ? teams.data.data : [],
    users: users.state === 'ready' ? users.data.data.filter((u) => u.status === 'active') : [],
  };
}
