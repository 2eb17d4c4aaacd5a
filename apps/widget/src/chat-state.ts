import type { ConversationStatus, MessageView, ServerFrame } from '@fio/contracts';
import type { OutboxEntry } from './outbox.ts';

/**
 * What the widget knows about the conversation, and the one pure function that folds a server
 * frame into it. No DOM, no socket, no storage: the element owns those and renders from this.
 */
export interface ChatState {
  conversationId: string | null;
  status: ConversationStatus | null;
  /** From welcome.settings; empty until the first welcome. */
  title: string;
  greeting: string | null;
  /** Unique by id, in conversation order. */
  messages: MessageView[];
  /** Highest seq received from the server in the current conversation: sent as afterSeq on reconnect. */
  lastSeq: number | null;
  /** messageId → clientMessageId of the visitor's own messages, so a bubble keeps its DOM node once acked. */
  clientIds: Record<string, string>;
  typing: 'bot' | 'agent' | null;
  unread: number;
  /** Code of the last error frame, until something succeeds. */
  notice: string | null;
  /** Messages the server refused for good: shown as not sent, never resent. */
  failed: OutboxEntry[];
  /** A welcome has arrived on this page: later history is news (counts as unread), the first is not. */
  welcomed: boolean;
}

export interface FrameContext {
  /** The panel is open: outbound messages are read as they arrive. */
  open: boolean;
  outbox: readonly OutboxEntry[];
}

export function createChatState(): ChatState {
  return {
    conversationId: null,
    status: null,
    title: '',
    greeting: null,
    messages: [],
    lastSeq: null,
    clientIds: {},
    typing: null,
    unread: 0,
    notice: null,
    failed: [],
    welcomed: false,
  };
}

/** Codes after which the same message may be sent again later; anything else refuses it for good. */
const RETRYABLE_ERRORS = new Set(['rate_limited', 'too_many_requests', 'unavailable', 'internal', 'internal_error', 'timeout']);

export function isRetryableError(code: string): boolean {
  return RETRYABLE_ERRORS.has(code);
}

function compareMessages(a: MessageView, b: MessageView): number {
  if (a.conversationId === b.conversationId) return a.seq - b.seq;
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}

function mergeMessages(current: readonly MessageView[], incoming: readonly MessageView[]): MessageView[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort(compareMessages);
}

function countNewOutbound(current: readonly MessageView[], incoming: readonly MessageView[]): number {
  const known = new Set(current.map((m) => m.id));
  return incoming.filter((m) => m.direction === 'outbound' && !known.has(m.id)).length;
}

function highestSeq(messages: readonly MessageView[], conversationId: string | null, start: number | null): number | null {
  let highest = start;
  for (const m of messages) {
    if (m.conversationId === conversationId && (highest === null || m.seq > highest)) highest = m.seq;
  }
  return highest;
}

/** The visitor's echo may beat its ack: pair it with the oldest unpaired outbox entry of the same text. */
function pairEcho(state: ChatState, message: MessageView, outbox: readonly OutboxEntry[]): Record<string, string> {
  if (message.direction !== 'inbound' || state.clientIds[message.id]) return state.clientIds;
  const paired = new Set(Object.values(state.clientIds));
  const payload = message.content.kind === 'text' ? message.content.payload : undefined;
  const entry = outbox.find((e) => !paired.has(e.clientMessageId) && e.text === message.text && e.payload === payload);
  return entry ? { ...state.clientIds, [message.id]: entry.clientMessageId } : state.clientIds;
}

function applyWelcome(state: ChatState, frame: Extract<ServerFrame, { type: 'welcome' }>, ctx: FrameContext): ChatState {
  const sameConversation = frame.conversationId === state.conversationId;
  const newOutbound = state.welcomed && !ctx.open ? countNewOutbound(state.messages, frame.history) : 0;
  return {
    ...state,
    conversationId: frame.conversationId,
    status: frame.status,
    title: frame.settings.title,
    greeting: frame.settings.greeting ?? null,
    messages: mergeMessages(state.messages, frame.history),
    lastSeq: highestSeq(frame.history, frame.conversationId, sameConversation ? state.lastSeq : null),
    unread: state.unread + newOutbound,
    notice: null,
    welcomed: true,
  };
}

function applyMessage(state: ChatState, message: MessageView, ctx: FrameContext): ChatState {
  const conversationId = message.conversationId || state.conversationId;
  const sameConversation = conversationId === state.conversationId;
  const isNewOutbound = message.direction === 'outbound' && !state.messages.some((m) => m.id === message.id);
  return {
    ...state,
    conversationId,
    messages: mergeMessages(state.messages, [message]),
    lastSeq: highestSeq([message], conversationId, sameConversation ? state.lastSeq : null),
    clientIds: pairEcho(state, message, ctx.outbox),
    typing: message.direction === 'outbound' ? null : state.typing,
    unread: state.unread + (isNewOutbound && !ctx.open ? 1 : 0),
  };
}

function applyAck(state: ChatState, frame: Extract<ServerFrame, { type: 'ack' }>, ctx: FrameContext): ChatState {
  const clientIds = { ...state.clientIds, [frame.messageId]: frame.clientMessageId };
  const entry = ctx.outbox.find((e) => e.clientMessageId === frame.clientMessageId);
  const known = state.messages.some((m) => m.id === frame.messageId);
  if (!entry || known) return { ...state, clientIds, notice: null };
  // Shown from the outbox until the server's echo (same id) replaces it; lastSeq is left alone
  // because the server may still owe us replies with a lower seq.
  const provisional: MessageView = {
    id: frame.messageId,
    conversationId: state.conversationId ?? '',
    seq: frame.seq,
    direction: 'inbound',
    author: 'contact',
    channelType: 'webchat',
    connectionId: null,
    content: entry.payload === undefined ? { kind: 'text', text: entry.text } : { kind: 'text', text: entry.text, payload: entry.payload },
    text: entry.text,
    providerMessageId: null,
    status: 'sent',
    error: null,
    createdAt: entry.createdAt,
  };
  return { ...state, clientIds, notice: null, messages: mergeMessages(state.messages, [provisional]) };
}

function applyError(state: ChatState, frame: Extract<ServerFrame, { type: 'error' }>, ctx: FrameContext): ChatState {
  const entry = frame.clientMessageId ? ctx.outbox.find((e) => e.clientMessageId === frame.clientMessageId) : undefined;
  const refused = entry && !isRetryableError(frame.code);
  return { ...state, notice: frame.code, failed: refused ? [...state.failed, entry] : state.failed };
}

export function applyServerFrame(state: ChatState, frame: ServerFrame, ctx: FrameContext): ChatState {
  switch (frame.type) {
    case 'welcome':
      return applyWelcome(state, frame, ctx);
    case 'message':
      return applyMessage(state, frame.message, ctx);
    case 'ack':
      return applyAck(state, frame, ctx);
    case 'typing':
      return { ...state, typing: frame.on ? frame.author : null };
    case 'status':
      return { ...state, status: frame.status };
    case 'error':
      return applyError(state, frame, ctx);
    case 'pong':
      return state;
  }
}
