import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnyChannelAdapter } from '@fio/channel-kit';
import { declareCapabilities } from '@fio/contracts';
import type { ConnectionRuntime } from '../channels/connection-registry.ts';
import { connectionMount, playgroundMountOf, pointConnectionAt, pointSmtpAt, pointsAtPlayground } from './playground-origin.ts';

function connection(config: unknown): ConnectionRuntime {
  return {
    id: 'c1',
    workspaceId: 'ws',
    type: 'whatsapp',
    name: 'c1',
    adapter: {} as AnyChannelAdapter,
    ctx: { connectionId: 'c1', workspaceId: 'ws', config, secrets: { token: 'secret' } },
    capabilities: declareCapabilities({}),
  };
}

describe('playground origin', () => {
  test('names the emulator mount of a playground URL, and nothing for other URLs', () => {
    assert.equal(playgroundMountOf('http://fio-playground.invalid/emulators/whatsapp'), 'whatsapp');
    assert.equal(playgroundMountOf('http://fio-playground.invalid/emulators/sms/2010-04-01'), 'sms');
    assert.equal(playgroundMountOf('https://graph.facebook.com/emulators/whatsapp'), null);
    assert.equal(playgroundMountOf('http://fio-playground.invalid.example.com/emulators/x'), null);
    assert.equal(playgroundMountOf('http://fio-playground.invalid/other/x'), null);
  });

  test('tells which connections point at the playground, by URL or SMTP host', () => {
    assert.equal(pointsAtPlayground(connection({ apiBaseUrl: 'http://fio-playground.invalid/emulators/whatsapp' })), true);
    assert.equal(pointsAtPlayground(connection({ smtp: { host: 'fio-playground.invalid', port: 587 } })), true);
    assert.equal(pointsAtPlayground(connection({ apiBaseUrl: 'https://graph.facebook.com' })), false);
    assert.equal(connectionMount(connection({ nested: [{ url: 'http://fio-playground.invalid/emulators/voice' }] })), 'voice');
  });

  test("puts Fio's address in place of the placeholder, leaving every other setting as it was", () => {
    const c = connection({ apiBaseUrl: 'http://fio-playground.invalid/emulators/whatsapp', apiVersion: 'v21.0', limits: [1, 2] });
    const before = c.ctx.config;
    pointConnectionAt(c, 'http://127.0.0.1:41234');
    assert.deepEqual(c.ctx.config, { apiBaseUrl: 'http://127.0.0.1:41234/emulators/whatsapp', apiVersion: 'v21.0', limits: [1, 2] });
    assert.notEqual(c.ctx.config, before, 'a new config object: nothing holding the old one sees it change');
    assert.deepEqual(c.ctx.secrets, { token: 'secret' });
  });

  test('points the SMTP relay at the local mailbox, host and port together', () => {
    const c = connection({
      smtpListener: { host: '127.0.0.1', port: 0 },
      smtp: { host: 'fio-playground.invalid', port: 587, secure: false },
    });
    pointSmtpAt(c, '127.0.0.1', 40025);
    assert.deepEqual(c.ctx.config, {
      smtpListener: { host: '127.0.0.1', port: 0 },
      smtp: { host: '127.0.0.1', port: 40025, secure: false },
    });
  });
});
