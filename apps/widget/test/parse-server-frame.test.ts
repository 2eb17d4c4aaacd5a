import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseServerFrame } from '../src/parse-server-frame.ts';
import { buildMessageView } from './build-message-view.ts';

test('parseServerFrame reads a welcome with history and settings', () => {
  const frame = parseServerFrame(
    JSON.stringify({
      type: 'welcome',
      conversationId: 'conv-1',
      status: 'bot',
      history: [buildMessageView()],
      settings: { title: 'Loja Exemplo', locale: 'pt-BR', greeting: 'Oi!' },
    }),
  );
  assert.equal(frame?.type, 'welcome');
  if (frame?.type !== 'welcome') return;
  assert.equal(frame.history.length, 1);
  assert.deepEqual(frame.settings, { title: 'Loja Exemplo', locale: 'pt-BR', greeting: 'Oi!' });
});

test('parseServerFrame returns null when the frame is not JSON or has an unknown type', () => {
  assert.equal(parseServerFrame('nope'), null);
  assert.equal(parseServerFrame(JSON.stringify({ type: 'surprise' })), null);
  assert.equal(parseServerFrame(new ArrayBuffer(2)), null);
});

test('parseServerFrame drops a message frame whose message lacks an id or seq', () => {
  assert.equal(parseServerFrame(JSON.stringify({ type: 'message', message: { ...buildMessageView(), id: 7 } })), null);
  assert.equal(parseServerFrame(JSON.stringify({ type: 'message', message: { ...buildMessageView(), seq: '1' } })), null);
});

test('parseServerFrame degrades content it cannot trust to the plain text when the shape is wrong', () => {
  const raw = { ...buildMessageView({ text: 'Escolha uma opção' }), content: { kind: 'list', text: 'x', sections: 'oops' } };
  const frame = parseServerFrame(JSON.stringify({ type: 'message', message: raw }));
  assert.equal(frame?.type, 'message');
  if (frame?.type !== 'message') return;
  assert.deepEqual(frame.message.content, { kind: 'unsupported', placeholder: 'Escolha uma opção', providerKind: 'widget' });
});

test('parseServerFrame keeps the clientMessageId of an error frame', () => {
  assert.deepEqual(
    parseServerFrame(JSON.stringify({ type: 'error', code: 'rate_limited', message: 'slow down', clientMessageId: 'm-12345678' })),
    {
      type: 'error',
      code: 'rate_limited',
      message: 'slow down',
      clientMessageId: 'm-12345678',
    },
  );
});

test('parseServerFrame reads ack, typing, status and pong frames', () => {
  assert.deepEqual(parseServerFrame('{"type":"ack","clientMessageId":"c1","messageId":"m1","seq":3,"duplicate":true}'), {
    type: 'ack',
    clientMessageId: 'c1',
    messageId: 'm1',
    seq: 3,
    duplicate: true,
  });
  assert.deepEqual(parseServerFrame('{"type":"typing","on":true,"author":"agent"}'), { type: 'typing', on: true, author: 'agent' });
  assert.deepEqual(parseServerFrame('{"type":"status","status":"queued"}'), { type: 'status', status: 'queued' });
  assert.equal(parseServerFrame('{"type":"status","status":"weird"}'), null);
  assert.deepEqual(parseServerFrame('{"type":"pong"}'), { type: 'pong' });
});
