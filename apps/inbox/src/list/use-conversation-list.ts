import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { InboxConversation, InboxEvent, InboxView, MeView } from '@fio/contracts';
import { api } from '../api/client.ts';
import { useLiveEvents } from '../live/live.ts';
import { listUrl, matchesFilters, type ListFilters } from './list-query.ts';
import { belongsToView, compareRows } from './views.ts';

export interface ListState {
  rows: InboxConversation[];
  nextCursor: string | null;
  status: 'loading' | 'ready' | 'failed';
  loadingMore: boolean;
  error: unknown;
  /** The last thing that arrived live, for the polite announcement. */
  announcement: { kind: 'message' | 'conversation'; name: string | null; at: number } | null;
}

type Action =
  | { type: 'loading' }
  | { type: 'loaded'; rows: InboxConversation[]; nextCursor: string | null; append: boolean }
  | { type: 'failed'; error: unknown }
  | { type: 'loading-more' }
  | {
      type: 'live';
      event: InboxEvent;
      accepts: (c: InboxConversation) => boolean;
      canInsert: boolean;
      openId: string | null;
      sort: (a: InboxConversation, b: InboxConversation) => number;
    };

const initial: ListState = { rows: [], nextCursor: null, status: 'loading', loadingMore: false, error: null, announcement: null };

function reduce(state: ListState, action: Action): ListState {
  switch (action.type) {
    case 'loading':
      return { ...state, status: 'loading', error: null };
    case 'loading-more':
      return { ...state, loadingMore: true };
    case 'failed':
      return { ...state, status: 'failed', loadingMore: false, error: action.error };
    case 'loaded': {
      if (!action.append)
        return { ...state, rows: action.rows, nextCursor: action.nextCursor, status: 'ready', loadingMore: false, error: null };
      const seen = new Set(state.rows.map((r) => r.id));
      return {
        ...state,
        rows: [...state.rows, ...action.rows.filter((r) => !seen.has(r.id))],
        nextCursor: action.nextCursor,
        loadingMore: false,
      };
    }
    case 'live':
      return applyLive(state, action);
  }
}

function applyLive(state: ListState, action: Extract<Action, { type: 'live' }>): ListState {
  const { event } = action;
  switch (event.kind) {
    case 'conversation': {
      const c = event.conversation.id === action.openId ? { ...event.conversation, unread: 0 } : event.conversation;
      const present = state.rows.some((r) => r.id === c.id);
      if (!action.accepts(c)) return present ? { ...state, rows: state.rows.filter((r) => r.id !== c.id) } : state;
      if (!present && !action.canInsert) return state;
      const rows = present ? state.rows.map((r) => (r.id === c.id ? c : r)) : [...state.rows, c];
      return {
        ...state,
        rows: rows.sort(action.sort),
        announcement: present ? state.announcement : { kind: 'conversation', name: c.contactName, at: Date.now() },
      };
    }
    case 'message': {
      const row = state.rows.find((r) => r.id === event.conversationId);
      if (!row || event.message.seq <= row.lastMessageSeq) return state;
      const m = event.message;
      const fromContact = m.author === 'contact';
      const updated: InboxConversation = {
        ...row,
        lastMessage: { text: m.text, author: m.author, at: m.createdAt },
        lastMessageAt: m.createdAt,
        lastMessageSeq: m.seq,
        unread: row.id === action.openId ? 0 : row.unread + (fromContact ? 1 : 0),
      };
      return {
        ...state,
        rows: state.rows.map((r) => (r.id === row.id ? updated : r)).sort(action.sort),
        announcement:
          fromContact && row.id !== action.openId ? { kind: 'message', name: row.contactName, at: Date.now() } : state.announcement,
      };
    }
    case 'conversation_removed':
      return { ...state, rows: state.rows.filter((r) => r.id !== event.conversationId) };
    case 'sla':
      return {
        ...state,
        rows: state.rows.map((r) =>
          r.id === event.conversationId ? { ...r, sla: { ...r.sla, state: event.state, kind: event.timer, dueAt: event.dueAt } } : r,
        ),
      };
    default:
      return state;
  }
}

/**
 * One view of the conversation list, paged with the server's cursor and kept current by the live
 * events: a changed conversation moves in, out or up; a new message updates its row; resync refetches.
 */
export function useConversationList(me: MeView, view: InboxView, filters: ListFilters, openId: string | null) {
  const [state, dispatch] = useReducer(reduce, initial);
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
