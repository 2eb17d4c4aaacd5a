import type { TeamView, UserView } from '@fio/contracts';
import { useResource } from './use-resource.ts';

/**
 * The workspace's teams and people, for pickers. An agent may not list users (403): then the list
 * is empty and the pickers offer teams only (and mentions have no suggestions).
 */
export function usePeople(): { teams: TeamView[]; users: UserView[]; usersAllowed: boolean } {
  const [teams] = useResource<{ data: TeamView[] }>('/api/v1/teams?limit=200');
  const [users] = useResource<{ data: UserView[] }>('/api/v1/users?limit=200');
  return {
    teams: teams.state === 'ready' ? teams.data.data : [],
    users: users.state === 'ready' ? users.data.data.filter((u) => u.status === 'active') : [],
    usersAllowed: users.state !== 'error',
  };
}
