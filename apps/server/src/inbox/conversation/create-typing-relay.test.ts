import { test } from 'node:test';
import assert from 'node:assert/strict';
import { declareCapabilities } from '@fio/contracts';
import type { ConnectionRuntime } from '../../channels/connection-registry.ts';
import { createEventBus } from '../../realtime/event-bus.ts';
import { createTypingRelay } from './create-typing-relay.ts';

function buildConnection(overrides: Partial<ConnectionRuntime> = {}): ConnectionRuntime {
  return {
    id: 'tg-1',
    workspaceId: 'ws-1',
    type: 'telegram',
    name: 'Telegram',
    adapter: { definition: { type: 'telegram' } } as ConnectionRuntime['adapter'],
    ctx: { connectionId: 'tg-1', workspaceId: 'ws-1', config: {}, secrets: {} },
    capabilities: declareCapabilities({ typingIndicator: true }),
    ...overrides,
  };
}

function setUp(connection: ConnectionRuntime) {
  let now = Date.parse('2026-11-24T12:00:00Z');
  const bus = createEventBus();
  const inbox: unknown[] = [];
  const provider: unknown[] = [];
  bus.on('conversation.typing', (e) => inbox.push(e));
  bus.on('bot.typing', (e) => provider.push(e));
  const relay = createTypingRelay({ bus, connections: new Map([[connection.id, connection]]), clock: () => new Date(now) });
  const type = (on: boolean, channelType = connection.type) =>
    relay.agentTyping({
      workspaceId: 'ws-1',
      conversationId: 'cv-1',
      userId: 'u-1',
      on,
      route: { connectionId: connection.id, channelType, address: '42' },
    });
  return { inbox, provider, type, advance: (ms: number) => (now += ms) };
}

test('calls the provider at most once per 5 seconds per conversation, and tells the inbox every time', () => {
  const s = setUp(buildConnection());
  assert.deepEqual(s.type(true), { forwarded: true });
  assert.deepEqual(s.type(true), { forwarded: false });
  s.advance(4_999);
  assert.deepEqual(s.type(false), { forwarded: false });
  s.advance(1);
  assert.deepEqual(s.type(true), { forwarded: true });
  assert.equal(s.inbox.length, 4);
  assert.deepEqual(s.provider, [
    { workspaceId: 'ws-1', connectionId: 'tg-1', address: '42', on: true },
    { workspaceId: 'ws-1', connectionId: 'tg-1', address: '42', on: true },
  ]);
});

test('leaves the provider alone when the channel shows no typing, or is the webchat (the widget gateway shows it)', () => {
  const silent = setUp(buildConnection({ capabilities: declareCapabilities({}) }));
  assert.deepEqual(silent.type(true), { forwarded: false });
  assert.equal(silent.provider.length, 0);
  assert.equal(silent.inbox.length, 1);
  const web = setUp(buildConnection({ type: 'webchat' }));
  assert.deepEqual(web.type(true, 'webchat'), { forwarded: false });
  assert.equal(web.provider.length, 0);
});
