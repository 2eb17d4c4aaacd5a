import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { InboxConversation, InboxView, MeView } from '@fio/contracts';
import { api } from '../api/client.ts';
import { useLiveEvents } from '../live/live.ts';
import { initialListState, reduceList } from './list-reducer.ts';
import { listUrl, matchesFilters, type ListFilters } from './list-query.ts';
import { belongsToView, compareRows } from './views.ts';

/**
 * One view of the conversation list, paged with the server's cursor and kept current by the live
 * events: a changed conversation moves in, out or up; a new message updates its row; resync refetches.
 */
export function useConversationList(me: MeView, view: InboxView, filters: ListFilters, openId: string | null) {
  const [state, dispatch] = useReducer(reduceList, initialListState);
  const key = JSON.stringify([view, filters]);
  const generation = useRef(0);
  const openRef = useRef(openId);
  openRef.current = openId;

  const load = useCallback(() => {
    const mine = ++generation.current;
    dispatch({ type: 'loading' });
    api
      .get<{ data: InboxConversation[]; nextCursor: string | null }>(listUrl(view, filters))
      .then((page) => {
        if (mine === generation.current) dispatch({ type: 'loaded', rows: page.data, nextCursor: page.nextCursor, append: false });
      })
      .catch((error: unknown) => {
        if (mine === generation.current) dispatch({ type: 'failed', error });
      });
    // `key` stands for view and filters: the filters object is new on every render.
  }, [key]);

  useEffect(load, [load]);

  const loadMore = useCallback(() => {
    if (!state.nextCursor || state.loadingMore) return;
    const mine = generation.current;
    dispatch({ type: 'loading-more' });
    api
      .get<{ data: InboxConversation[]; nextCursor: string | null }>(listUrl(view, filters, state.nextCursor))
      .then((page) => {
        if (mine === generation.current) dispatch({ type: 'loaded', rows: page.data, nextCursor: page.nextCursor, append: true });
      })
      .catch((error: unknown) => {
        if (mine === generation.current) dispatch({ type: 'failed', error });
      });
  }, [key, state.nextCursor, state.loadingMore]);

  useLiveEvents((event) => {
    dispatch({
      type: 'live',
      event,
      accepts: (c) => belongsToView(c, view, me, Date.now()) && matchesFilters(c, filters),
      // A text search is the server's to judge: live rows only update the ones it found.
      canInsert: !filters.q,
      openId: openRef.current,
      sort: compareRows(view),
    });
  }, load);

  return { state, reload: load, loadMore };
}
