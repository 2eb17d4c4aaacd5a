import { useCallback, useEffect, useRef, useState } from 'react';
import type { SupervisorOverview } from '@fio/contracts';
import { api } from '../api/client.ts';
import { useLiveEvents } from '../live/live.ts';

/** The overview, fetched on load, every 15 s, and two seconds after live changes (one fetch per burst). */
export function useSupervisorOverview() {
  const [overview, setOverview] = useState<SupervisorOverview | null>(null);
  const [fetchedAt, setFetchedAt] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const soon = useRef<ReturnType<typeof setTimeout> | null>(null);
  const load = useCallback(() => {
    api
      .get<SupervisorOverview>('/api/v1/supervisor/overview')
      .then((o) => {
        setOverview(o);
        setFetchedAt(Date.now());
        setError(null);
      })
      .catch(setError);
  }, []);
  useEffect(() => {
    load();
    const timer = setInterval(load, 15_000);
    return () => {
      clearInterval(timer);
      if (soon.current) clearTimeout(soon.current);
      soon.current = null;
    };
  }, [load]);
  useLiveEvents((event) => {
    if (event.kind === 'typing' || event.kind === 'message_status' || event.kind === 'note') return;
    if (soon.current) return;
    soon.current = setTimeout(() => {
      soon.current = null;
      load();
    }, 2000);
  }, load);
  return { overview, fetchedAt, error, reload: load };
}
