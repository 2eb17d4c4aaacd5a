import { useCallback, useEffect, useState } from 'react';
import type { TeamView } from '@fio/contracts';
import { api } from '../api/client.ts';

/** The workspace's teams (every role may read them), for names and pickers; [] until loaded or when refused. */
export function useTeams(): { teams: TeamView[]; error: unknown; reload: () => void } {
  const [teams, setTeams] = useState<TeamView[]>([]);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => {
    api
      .get<{ data: TeamView[] }>('/api/v1/teams?limit=100')
      .then((page) => {
        setTeams(page.data);
        setError(null);
      })
      .catch(setError);
  }, []);
  useEffect(reload, [reload]);
  return { teams, error, reload };
}
