import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiFailure } from '../api/client.ts';

export type Resource<T> =
  { state: 'loading' } | { state: 'ready'; data: T } | { state: 'error'; status: number; code: string; message: string };

/** GETs one path while mounted (null: nothing to load); `reload` fetches again without blanking what is shown. */
export function useResource<T>(path: string | null): [Resource<T>, () => void] {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  const shownPath = useRef<string | null>(null);
  useEffect(() => {
    if (path === null) return;
    // A reload of the same path keeps showing the data it has until the new answer comes.
    if (shownPath.current !== path) setResource({ state: 'loading' });
    shownPath.current = path;
    const ac = new AbortController();
    api.get<T>(path, { signal: ac.signal }).then(
      (data) => {
        if (!ac.signal.aborted) setResource({ state: 'ready', data });
      },
      (err: unknown) => {
        if (ac.signal.aborted) return;
        if (err instanceof ApiFailure) setResource({ state: 'error', status: err.status, code: err.code, message: err.message });
        else setResource({ state: 'error', status: 0, code: 'network', message: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => ac.abort();
  }, [path, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return [resource, reload];
}
