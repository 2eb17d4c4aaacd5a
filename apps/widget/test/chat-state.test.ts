import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ServerFrame } from '@fio/contracts';
import { applyServerFrame, createChatState, type ChatState, type FrameContext } from '../src/chat-state.ts';
import type { OutboxEntry } from '../src/outbox.ts';
import { buildMessageView } from './build-message-view.ts';

const closed: FrameContext = { open: false, outbox: [] };
const opened: FrameContext = { open: true, outbox: [] };
const welcome = (overrides: Partial<Extract<ServerFrame, { type: 'welcome' }>> = {}): ServerFrame => ({
  type: 'welcome',
  conversationId: 'conv-1',
  status: 'bot',
  history: [],
  settings: { title: 'Loja Exemplo', locale: 'pt-BR', greeting: 'Olá!' },
  ...overrides,
});
const apply = (state: ChatState, frames: ServerFrame[], ctx: FrameContext = closed): ChatState =>
  frames.reduce((s, f) => applyServerFrame(s, f, ctx), state);
const entry: OutboxEntry = { clientMessageId: 'client-0001', text: 'oi', createdAt: '2025-01-01T12:00:05.000Z' };

test('applyServerFrame takes title, greeting, history and lastSeq from the welcome', () => {
  const state = apply(createChatState(), [
    welcome({ history: [buildMessageView({ id: 'a', seq: 1 }), buildMessageView({ id: 'b', seq: 2 })] }),
  ]);
  assert.equal(state.title, 'Loja Exemplo');
  assert.equal(state.greeting, 'Olá!');
  assert.deepEqual(
    state.messages.map((m) => m.id),
    ['a', 'b'],
  );
  assert.equal(state.lastSeq, 2);
  assert.equal(state.unread, 0, 'history on page load is not news');
});

test('applyServerFrame dedupes by message id when the echo and a reconnect history repeat a message', () => {
  const m = buildMessageView({ id: 'a', seq: 1 });
  const state = apply(createChatState(), [welcome({ history: [m] }), { type: 'message', message: m }, welcome({ history: [m] })]);
  assert.equal(state.messages.length, 1);
});

test('applyServerFrame orders messages by seq when they arrive out of order', () => {
  const state = apply(createChatState(), [
    welcome(),
    { type: 'message', message: buildMessageView({ id: 'b', seq: 2 }) },
    { type: 'message', message: buildMessageView({ id: 'a', seq: 1 }) },
  ]);
  assert.deepEqual(
    state.messages.map((m) => m.id),
    ['a', 'b'],
  );
  assert.equal(state.lastSeq, 2);
});

test('applyServerFrame counts unread replies when the panel is closed, also those missed while offline', () => {
  const afterFirst = apply(createChatState(), [welcome(), { type: 'message', message: buildMessageView({ id: 'a', seq: 1 }) }]);
  assert.equal(afterFirst.unread, 1);
  const afterReconnect = apply(afterFirst, [welcome({ history: [buildMessageView({ id: 'b', seq: 2 })] })]);
  assert.equal(afterReconnect.unread, 2);
  assert.equal(apply(createChatState(), [welcome(), { type: 'message', message: buildMessageView() }], opened).unread, 0);
});

test('applyServerFrame does not count the visitor own echo as unread', () => {
  const state = apply(createChatState(), [
    welcome(),
    { type: 'message', message: buildMessageView({ direction: 'inbound', author: 'contact' }) },
  ]);
  assert.equal(state.unread, 0);
});

test('applyServerFrame shows an acked message before its echo, under the key of its clientMessageId', () => {
  const state = applyServerFrame(
    apply(createChatState(), [welcome()]),
    { type: 'ack', clientMessageId: entry.clientMessageId, messageId: 'm-9', seq: 9, duplicate: false },
    { open: true, outbox: [entry] },
  );
  assert.equal(state.messages[0]?.text, 'oi');
  assert.equal(state.clientIds['m-9'], entry.clientMessageId);
  assert.equal(state.lastSeq, null, 'an ack must not skip replies the server still owes');
});

test('applyServerFrame pairs an echo with its outbox entry when the echo arrives before the ack', () => {
  const echo = buildMessageView({
    id: 'm-9',
    seq: 9,
    direction: 'inbound',
    author: 'contact',
    text: 'oi',
    content: { kind: 'text', text: 'oi' },
  });
  const state = applyServerFrame(
    apply(createChatState(), [welcome()]),
    { type: 'message', message: echo },
    { open: true, outbox: [entry] },
  );
  assert.equal(state.clientIds['m-9'], entry.clientMessageId);
});

test('applyServerFrame hides the typing indicator when a reply arrives', () => {
  const typing = apply(createChatState(), [welcome(), { type: 'typing', on: true, author: 'bot' }]);
  assert.equal(typing.typing, 'bot');
  assert.equal(apply(typing, [{ type: 'message', message: buildMessageView() }]).typing, null);
});

test('applyServerFrame keeps a rate-limited message queued but marks a refused one as failed', () => {
  const base = apply(createChatState(), [welcome()]);
  const limited = applyServerFrame(
    base,
    { type: 'error', code: 'rate_limited', message: '', clientMessageId: entry.clientMessageId },
    { open: true, outbox: [entry] },
  );
  assert.equal(limited.notice, 'rate_limited');
  assert.deepEqual(limited.failed, []);
  const refused = applyServerFrame(
    base,
    { type: 'error', code: 'invalid_frame', message: '', clientMessageId: entry.clientMessageId },
    { open: true, outbox: [entry] },
  );
  assert.deepEqual(refused.failed, [entry]);
});

test('applyServerFrame follows the conversation status', () => {
  assert.equal(apply(createChatState(), [welcome(), { type: 'status', status: 'assigned' }]).status, 'assigned');
});
