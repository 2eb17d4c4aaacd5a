import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RawWebhookRequest } from '@fio/channel-kit';
import { whatsappChannel } from '../src/index.ts';
import { buildConnection, verifyToken } from './fixtures/build-whatsapp-request.ts';

function get(query: Record<string, string>): RawWebhookRequest {
  return { method: 'GET', url: 'https://fio.example/webhooks/whatsapp/conn_wa_1', headers: {}, query, rawBody: Buffer.alloc(0) };
}

const handshake = (req: RawWebhookRequest, ctx = buildConnection()) => whatsappChannel.webhook!.handshake!(req, ctx);

test('answers the challenge when the verify token matches', () => {
  const result = handshake(get({ 'hub.mode': 'subscribe', 'hub.verify_token': verifyToken, 'hub.challenge': '1158201444' }));
  assert.deepEqual(result, { handled: true, status: 200, body: '1158201444', contentType: 'text/plain' });
});

test('answers 403 for a wrong token, a wrong mode or a missing challenge, never echoing the token', () => {
  const queries: Record<string, string>[] = [
    { 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '42' },
    { 'hub.mode': 'unsubscribe', 'hub.verify_token': verifyToken, 'hub.challenge': '42' },
    { 'hub.mode': 'subscribe', 'hub.verify_token': verifyToken },
    { 'hub.mode': 'subscribe', 'hub.challenge': '42' },
  ];
  for (const query of queries) {
    const result = handshake(get(query));
    assert.equal(result.handled, true);
    if (result.handled) {
      assert.equal(result.status, 403, JSON.stringify(query));
      assert.ok(!result.body.includes(verifyToken));
    }
  }
});

test('answers 403 when the connection has no verify token configured', () => {
  const ctx = buildConnection();
  const result = handshake(get({ 'hub.mode': 'subscribe', 'hub.verify_token': '', 'hub.challenge': '42' }), {
    ...ctx,
    secrets: { ...ctx.secrets, verifyToken: '' },
  });
  assert.equal(result.handled && result.status, 403);
});

test('a GET without hub parameters is not a handshake', () => {
  assert.deepEqual(handshake(get({})), { handled: false });
});
