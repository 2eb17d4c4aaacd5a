import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.ts';

/** A paged list of the API ({data, nextCursor}): the first page, more on request, reload after a change. */
export function usePagedList<T>(url: string | null) {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!url) return;
    let current = true;
    setStatus('loading');
    api
      .get<{ data: T[]; nextCursor: string | null }>(url)
      .then((page) => {
        if (!current) return;
        setItems(page.data);
        setNextCursor(page.nextCursor);
        setStatus('ready');
        setError(null);
      })
      .catch((err: unknown) => {
        if (!current) return;
        setError(err);
        setStatus('failed');
      });
    return () => {
      current = false;
    };
  }, [url, version]);

  const loadMore = useCallback(() => {
    if (!url || !nextCursor) return;
    const sep = url.includes('?') ? '&' : '?';
    api
      .get<{ data: T[]; nextCursor: string | null }>(`${url}${sep}cursor=${encodeURIComponent(nextCursor)}`)
      .then((page) => {
        setItems((all) => [...all, ...page.data]);
        setNextCursor(page.nextCursor);
      })
      .catch(setError);
  }, [url, nextCursor]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { items, setItems, nextCursor, status, error, loadMore, reload };
}
