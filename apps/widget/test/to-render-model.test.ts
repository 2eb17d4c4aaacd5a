import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MessageView } from '@fio/contracts';
import { createChatState, type ChatState } from '../src/chat-state.ts';
import type { OutboxEntry } from '../src/outbox.ts';
import { getStrings } from '../src/strings.ts';
import { toMessageParts, toRenderModel } from '../src/to-render-model.ts';
import { buildMessageView } from './build-message-view.ts';

const strings = getStrings('pt-BR');
const withMessages = (messages: MessageView[], overrides: Partial<ChatState> = {}): ChatState => ({
  ...createChatState(),
  welcomed: true,
  messages,
  ...overrides,
});
const quick = buildMessageView({
  id: 'q',
  seq: 2,
  content: { kind: 'text', text: 'Como posso ajudar?', quickReplies: [{ id: 'track', label: 'Rastrear pedido' }] },
});
const visitor = (seq: number): MessageView => buildMessageView({ id: `v${seq}`, seq, direction: 'inbound', author: 'contact', text: 'oi' });

test('toRenderModel offers the quick replies of the last outbound message', () => {
  assert.deepEqual(toRenderModel(withMessages([visitor(1), quick]), [], strings).quickReplies, [{ id: 'track', label: 'Rastrear pedido' }]);
});

test('toRenderModel withdraws quick replies when the visitor has answered or has a message pending', () => {
  assert.deepEqual(toRenderModel(withMessages([quick, visitor(3)]), [], strings).quickReplies, []);
  const pending: OutboxEntry = { clientMessageId: 'client-0001', text: 'oi', createdAt: '2025-01-01T12:00:00Z' };
  assert.deepEqual(toRenderModel(withMessages([quick]), [pending], strings).quickReplies, []);
});

test('toRenderModel puts the greeting first and pending messages last', () => {
  const pending: OutboxEntry = { clientMessageId: 'client-0001', text: 'tem frete?', createdAt: '2025-01-01T12:00:00Z' };
  const model = toRenderModel(withMessages([quick], { greeting: 'Olá!' }), [pending], strings);
  assert.deepEqual(
    model.items.map((i) => [i.key, i.delivery]),
    [
      ['greeting', 'sent'],
      ['q', 'sent'],
      ['client-0001', 'pending'],
    ],
  );
});

test('toRenderModel keeps the clientMessageId as key once the message is acked', () => {
  const model = toRenderModel(withMessages([visitor(1)], { clientIds: { v1: 'client-0001' } }), [], strings);
  assert.equal(model.items[0]?.key, 'client-0001');
});

test('toRenderModel uses the default title and a readable notice when the server sent none', () => {
  const model = toRenderModel(withMessages([], { notice: 'rate_limited' }), [], strings);
  assert.equal(model.title, 'Atendimento');
  assert.equal(model.notice, strings.errorRateLimited);
  assert.equal(toRenderModel(withMessages([], { notice: 'boom' }), [], strings).notice, strings.errorGeneric);
});

test('toRenderModel lets only the latest list be picked', () => {
  const list = buildMessageView({
    id: 'l',
    seq: 1,
    content: {
      kind: 'list',
      text: 'Escolha',
      buttonLabel: 'Ver',
      sections: [{ title: 'Pedidos', rows: [{ id: 'r1', title: 'Status', description: 'Onde está' }] }],
    },
  });
  assert.equal(toRenderModel(withMessages([list]), [], strings).items[0]?.active, true);
  assert.equal(toRenderModel(withMessages([list, visitor(2)]), [], strings).items[0]?.active, false);
  assert.deepEqual(toMessageParts(list.content, '', strings)[1], {
    type: 'choices',
    title: 'Pedidos',
    choices: [{ id: 'r1', label: 'Status', description: 'Onde está' }],
  });
});

test('toMessageParts renders only http(s) media URLs when the URL is hostile', () => {
  const parts = toMessageParts({ kind: 'media', mediaType: 'image', url: 'javascript:alert(1)', caption: 'foto' }, '[image]', strings);
  assert.deepEqual(parts, [{ type: 'text', text: 'foto' }]);
  const image = toMessageParts({ kind: 'media', mediaType: 'image', url: 'https://cdn.example.com/a.png' }, '', strings);
  assert.deepEqual(
    image.map((p) => p.type),
    ['image', 'link'],
  );
});

test('toMessageParts renders a location as a maps link', () => {
  const parts = toMessageParts({ kind: 'location', latitude: -23.55, longitude: -46.63, name: 'Loja Paulista' }, '', strings);
  assert.deepEqual(parts[0], { type: 'text', text: 'Loja Paulista' });
  assert.equal(parts[1]?.type, 'link');
  assert.match(parts[1]?.type === 'link' ? parts[1].url : '', /^https:\/\/www\.openstreetmap\.org\/\?mlat=-23\.550000&mlon=-46\.630000/);
});

test('toMessageParts keeps markup as plain text when a message contains HTML', () => {
  assert.deepEqual(toMessageParts({ kind: 'text', text: '<img src=x onerror=alert(1)>' }, '', strings), [
    { type: 'text', text: '<img src=x onerror=alert(1)>' },
  ]);
});
