import type { InboxConversation, InboxEvent } from '@fio/contracts';

export interface ListState {
  rows: InboxConversation[];
  nextCursor: string | null;
  status: 'loading' | 'ready' | 'failed';
  loadingMore: boolean;
  error: unknown;
  /** The last thing that arrived live, for the polite announcement. */
  announcement: { kind: 'message' | 'conversation'; name: string | null; at: number } | null;
}

export type ListAction =
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

export const initialListState: ListState = {
  rows: [],
  nextCursor: null,
  status: 'loading',
  loadingMore: false,
  error: null,
  announcement: null,
};

/** The list's state: pages as loaded, then every live event applied in place (a pure function). */
export function reduceList(state: ListState, action: ListAction): ListState {
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

function applyLive(state: ListState, action: Extract<ListAction, { type: 'live' }>): ListState {
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
