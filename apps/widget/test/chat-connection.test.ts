import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClientFrame } from '@fio/contracts';
import { createChatConnection, type ConnectionState, type SocketHandlers } from '../src/chat-connection.ts';

interface FakeSocket {
  handlers: SocketHandlers;
  sent: unknown[];
  closed: boolean;
}

function setup(options: { pingIntervalMs?: number; now?: () => number } = {}) {
  const sockets: FakeSocket[] = [];
  const states: ConnectionState[] = [];
  const frames: string[] = [];
  let afterSeq: number | undefined;
  const connection = createChatConnection({
    url: 'ws://fio.test/ws',
    openSocket: (_url, handlers) => {
      const socket: FakeSocket = { handlers, sent: [], closed: false };
      sockets.push(socket);
      return { send: (data) => socket.sent.push(JSON.parse(data)), close: () => (socket.closed = true) };
    },
    buildHello: (): ClientFrame => ({
      type: 'hello',
      connectionId: 'demo-webchat',
      visitorId: 'visitor-123',
      ...(afterSeq === undefined ? {} : { afterSeq }),
    }),
    onFrame: (frame) => frames.push(frame.type),
    onState: (state) => states.push(state),
    random: () => 1,
    ...options,
  });
  const welcome = (socket: FakeSocket | undefined) =>
    socket?.handlers.onMessage(
      JSON.stringify({ type: 'welcome', conversationId: null, status: null, history: [], settings: { title: 'T', locale: 'pt-BR' } }),
    );
  return { connection, sockets, states, frames, welcome, setAfterSeq: (n: number) => (afterSeq = n) };
}

test('chat connection says hello on open and reports online after the welcome', () => {
  const { connection, sockets, states, frames, welcome } = setup();
  connection.start();
  sockets[0]?.handlers.onOpen();
  assert.deepEqual(sockets[0]?.sent, [{ type: 'hello', connectionId: 'demo-webchat', visitorId: 'visitor-123' }]);
  assert.equal(connection.send({ type: 'typing', on: true }), false, 'nothing is sent before the welcome');
  welcome(sockets[0]);
  assert.deepEqual(states, ['connecting', 'online']);
  assert.deepEqual(frames, ['welcome']);
  assert.equal(connection.send({ type: 'typing', on: true }), true);
  connection.stop();
});

test('chat connection reconnects with growing delays and sends afterSeq when the socket keeps dropping', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  const { connection, sockets, states, welcome, setAfterSeq } = setup();
  connection.start();
  sockets[0]?.handlers.onOpen();
  welcome(sockets[0]);
  setAfterSeq(7);
  sockets[0]?.handlers.onClose();
  assert.equal(states.at(-1), 'reconnecting');
  t.mock.timers.tick(999);
  assert.equal(sockets.length, 1);
  t.mock.timers.tick(1);
  assert.equal(sockets.length, 2, 'first retry after 1 s');
  sockets[1]?.handlers.onClose();
  t.mock.timers.tick(1_999);
  assert.equal(sockets.length, 2);
  t.mock.timers.tick(1);
  assert.equal(sockets.length, 3, 'second retry after 2 s');
  sockets[2]?.handlers.onOpen();
  assert.deepEqual(sockets[2]?.sent[0], { type: 'hello', connectionId: 'demo-webchat', visitorId: 'visitor-123', afterSeq: 7 });
  welcome(sockets[2]);
  sockets[2]?.handlers.onClose();
  t.mock.timers.tick(1_000);
  assert.equal(sockets.length, 4, 'a welcome resets the back-off');
  connection.stop();
});

test('chat connection ignores a replaced socket when it closes late', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  const { connection, sockets, states } = setup();
  connection.start();
  connection.reconnectNow();
  assert.equal(sockets[0]?.closed, true);
  sockets[0]?.handlers.onClose();
  assert.notEqual(states.at(-1), 'reconnecting');
  connection.stop();
});

test('chat connection pings while idle and drops a socket that went silent', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  let clock = 0;
  const { connection, sockets, welcome } = setup({ pingIntervalMs: 1_000, now: () => clock });
  connection.start();
  sockets[0]?.handlers.onOpen();
  welcome(sockets[0]);
  clock = 1_000;
  t.mock.timers.tick(1_000);
  assert.deepEqual(sockets[0]?.sent.at(-1), { type: 'ping' });
  clock = 3_000;
  t.mock.timers.tick(1_000);
  assert.equal(sockets[0]?.closed, true);
  connection.stop();
});
