import { useCallback, useEffect, useRef, useState } from 'react';
import type { InboxCounts } from '@fio/contracts';
import { api } from '../api/client.ts';
import { useLiveEvents } from '../live/live.ts';

/**
 * The sidebar's counts (GET /api/v1/inbox/counts): fetched on load, then again a second after a burst
 * of live changes (one refetch for many events), and on resync.
 */
export function useInboxCounts(): InboxCounts | null {
  const [counts, setCounts] = useState<InboxCounts | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const load = useCallback(() => {
    api
      .get<InboxCounts>('/api/v1/inbox/counts')
      .then(setCounts)
      .catch(() => undefined); // The badges stay as they were; the list shows its own errors.
  }, []);
  const loadSoon = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      load();
    }, 1000);
  }, [load]);
  useEffect(() => {
    load();
    return () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [load]);
  useLiveEvents((event) => {
    if (event.kind === 'conversation' || event.kind === 'conversation_removed' || event.kind === 'message') loadSoon();
  }, load);
  return counts;
}
