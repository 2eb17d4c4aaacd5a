import {
  deliveryStatusRank,
  type InboxConversation,
  type InboxConversationDetail,
  type InboxEvent,
  type InboxMessage,
  type NoteView,
} from '@fio/contracts';

/** What the conversation screen holds: the detail as loaded, then kept current by live events. */
export interface ConversationState {
  detail: InboxConversationDetail | null;
  loading: boolean;
  error: { code: string; message: string } | null;
  /** The conversation left the viewer's sight (moved to a restricted team) while open. */
  removed: boolean;
  /** The customer is typing now (from the live 'typing' frame). */
  contactTyping: boolean;
}

export type ConversationAction =
  | { type: 'loading' }
  | { type: 'loaded'; detail: InboxConversationDetail }
  | { type: 'failed'; code: string; message: string }
  | { type: 'earlier'; messages: InboxMessage[]; hasEarlier: boolean }
  | { type: 'sent'; messages: InboxMessage[] }
  | { type: 'note_added'; note: NoteView }
  | { type: 'typing_off' }
  | { type: 'live'; event: InboxEvent };

export const initialConversationState: ConversationState = {
  detail: null,
  loading: true,
  error: null,
  removed: false,
  contactTyping: false,
};

/**
 * Keeps the thread in sequence order whatever order the frames arrive in: the REST answer of a
 * send and its live echo may cross, so a message is replaced by id, never appended twice.
 */
export function upsertMessages(list: readonly InboxMessage[], incoming: readonly InboxMessage[]): InboxMessage[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const m of incoming) {
    const known = byId.get(m.id);
    // A late copy must not move a delivery status back (sent → delivered → read only goes forward).
    byId.set(
      m.id,
      known && deliveryStatusRank[known.status] > deliveryStatusRank[m.status] ? { ...m, status: known.status, error: known.error } : m,
    );
  }
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

function upsertNote(list: readonly NoteView[], note: NoteView): NoteView[] {
  const rest = list.filter((n) => n.id !== note.id);
  return [...rest, note].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

function mergeConversation(detail: InboxConversationDetail, conversation: InboxConversation): InboxConversationDetail {
  return { ...detail, conversation: { ...detail.conversation, ...conversation } };
}

function applyLiveEvent(state: ConversationState, detail: InboxConversationDetail, event: InboxEvent): ConversationState {
  const id = detail.conversation.id;
  switch (event.kind) {
    case 'message':
      if (event.conversationId !== id) return state;
      return {
        ...state,
        // A customer's message ends their typing.
        contactTyping: event.message.author === 'contact' ? false : state.contactTyping,
        detail: { ...detail, messages: upsertMessages(detail.messages, [event.message]) },
      };
    case 'message_status': {
      if (event.conversationId !== id) return state;
      const messages = detail.messages.map((m) =>
        m.id === event.messageId && deliveryStatusRank[event.status] >= deliveryStatusRank[m.status]
          ? { ...m, status: event.status, error: event.error ?? m.error }
          : m,
      );
      return { ...state, detail: { ...detail, messages } };
    }
    case 'note':
      if (event.note.conversationId !== id) return state;
      return { ...state, detail: { ...detail, notes: upsertNote(detail.notes, event.note) } };
    case 'typing':
      if (event.conversationId !== id || event.who !== 'contact') return state;
      return { ...state, contactTyping: event.on };
    case 'conversation':
      if (event.conversation.id !== id) return state;
      return { ...state, detail: mergeConversation(detail, event.conversation) };
    case 'conversation_removed':
      return event.conversationId === id ? { ...state, removed: true } : state;
    case 'sla':
      if (event.conversationId !== id) return state;
      return {
        ...state,
        detail: {
          ...detail,
          conversation: {
            ...detail.conversation,
            sla: { ...detail.conversation.sla, state: event.state, kind: event.timer, dueAt: event.dueAt },
          },
        },
      };
    case 'presence':
    case 'mention':
      return state;
  }
}

export function conversationReducer(state: ConversationState, action: ConversationAction): ConversationState {
  switch (action.type) {
    case 'loading':
      return { ...state, loading: true, error: null };
    case 'loaded':
      return { ...state, loading: false, error: null, removed: false, detail: action.detail };
    case 'failed':
      return { ...state, loading: false, error: { code: action.code, message: action.message } };
    case 'earlier':
      if (!state.detail) return state;
      return {
        ...state,
        detail: { ...state.detail, messages: upsertMessages(state.detail.messages, action.messages), hasEarlier: action.hasEarlier },
      };
    case 'sent':
      if (!state.detail) return state;
      return { ...state, detail: { ...state.detail, messages: upsertMessages(state.detail.messages, action.messages) } };
    case 'note_added':
      if (!state.detail) return state;
      return { ...state, detail: { ...state.detail, notes: upsertNote(state.detail.notes, action.note) } };
    case 'typing_off':
      return { ...state, contactTyping: false };
    case 'live':
      return state.detail ? applyLiveEvent(state, state.detail, action.event) : state;
  }
}
