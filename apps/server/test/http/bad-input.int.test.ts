import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signApiRequest } from '@fio/channel-api';
import { dialects, postgresSkipReason } from '../support/databases.ts';
import { createTestEnvironment, startTestApp, type RunningApp, type TestEnvironment } from '../support/test-app.ts';
import { startCallbackReceiver } from '../support/callback-receiver.ts';

const apiSecret = 'bad-input-test-api-secret-0123456789';
const pgSkip = await postgresSkipReason();

interface ErrorBody {
  code: string;
  message: string;
  correlationId: string;
}

/** Every rejection has the catalogue shape, and its correlation id is the x-request-id header. */
async function expectError(res: Response, status: number, code: string | string[]): Promise<ErrorBody> {
  const text = await res.text();
  assert.equal(res.status, status, `expected ${status} ${String(code)}, got ${res.status}: ${text}`);
  const body = JSON.parse(text) as ErrorBody;
  const codes = Array.isArray(code) ? code : [code];
  assert.ok(codes.includes(body.code), `expected code ${codes.join('|')}, got ${body.code}`);
  assert.equal(typeof body.message, 'string');
  assert.ok(body.message.length > 0, 'the message says what went wrong');
  assert.equal(typeof body.correlationId, 'string');
  assert.ok(body.correlationId.length > 0);
  assert.equal(res.headers.get('x-request-id'), body.correlationId, 'x-request-id header matches the correlation id');
  return body;
}

for (const dialect of dialects) {
  describe(`bad input over HTTP on ${dialect}`, { skip: dialect === 'postgres' ? (pgSkip ?? false) : false }, () => {
    let te: TestEnvironment;
    let running: RunningApp;
    let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
    const webhook = () => `${running.baseUrl}/webhooks/api/demo-api`;
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${running.baseUrl}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${running.adminToken}`, ...(init.headers as Record<string, string> | undefined) },
      });
    const signedPost = (body: string | Buffer, headers: Record<string, string> = { ...signApiRequest(apiSecret, body) }) =>
      fetch(webhook(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : new Uint8Array(body),
      });
    const stored = async () => {
      const db = running.app.database.db;
      const messages = await db
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const receipts = await db
        .selectFrom('inbound_receipts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const contacts = await db
        .selectFrom('contacts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { messages: Number(messages.n), receipts: Number(receipts.n), contacts: Number(contacts.n) };
    };
    const validBody = (id: string) => JSON.stringify({ messageId: id, from: { id: 'app-user-bad-input', name: 'Ana' }, text: 'oi' });

    before(async () => {
      receiver = await startCallbackReceiver(apiSecret);
      te = await createTestEnvironment(dialect, { FIO_DEMO_API_CALLBACK_URL: receiver.url, FIO_DEMO_API_SECRET: apiSecret });
      running = await startTestApp(te);
    });
    after(async () => {
      await running?.app.close();
      await receiver?.close();
      await te?.cleanup();
    });

    test('answers 400 and stores nothing when a correctly signed webhook body is not JSON', async () => {
      const before = await stored();
      const malformed = Buffer.from('{"messageId": "m-1", "from": {"id": "u1"}, "text": "oi"', 'utf8');
      const body = await expectError(await signedPost(malformed), 400, ['invalid_payload', 'invalid_json']);
      assert.match(body.message, /JSON/);
      // Valid JSON of the wrong shape names the field.
      const wrongShape = JSON.stringify({ messageId: 'm-2', from: { id: 'u1' } });
      const shape = await expectError(await signedPost(wrongShape), 400, 'invalid_payload');
      assert.match(shape.message, /text/);
      assert.deepEqual(await stored(), before);
    });

    test('answers 404 unknown_connection when the connection id or the channel type is wrong', async () => {
      const body = validBody('m-unknown');
      const headers = { 'content-type': 'application/json', ...signApiRequest(apiSecret, body) };
      await expectError(
        await fetch(`${running.baseUrl}/webhooks/api/no-such-connection`, { method: 'POST', headers, body }),
        404,
        'unknown_connection',
      );
      await expectError(
        await fetch(`${running.baseUrl}/webhooks/whatsapp/demo-api`, { method: 'POST', headers, body }),
        404,
        'unknown_connection',
      );
      await expectError(
        await fetch(`${running.baseUrl}/webhooks/not-a-channel/demo-api`, { method: 'POST', headers, body }),
        404,
        'unknown_connection',
      );
      await expectError(
        await fetch(`${running.baseUrl}/webhooks/api/demo-webchat`, { method: 'POST', headers, body }),
        404,
        'unknown_connection',
      );
      assert.equal((await stored()).messages, 0);
    });

    test('answers 404 no_webhook when the channel is the webchat', async () => {
      const body = validBody('m-webchat');
      const res = await fetch(`${running.baseUrl}/webhooks/webchat/demo-webchat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signApiRequest(apiSecret, body) },
        body,
      });
      await expectError(res, 404, 'no_webhook');
    });

    test('answers 413 body_too_large when the webhook body exceeds the channel limit', async () => {
      const before = await stored();
      const text = 'a'.repeat(300 * 1024);
      const body = JSON.stringify({ messageId: 'm-big', from: { id: 'u-big' }, text });
      await expectError(await signedPost(body), 413, 'body_too_large');
      const huge = Buffer.alloc(2 * 1024 * 1024, 'a');
      await expectError(await signedPost(huge), 413, 'body_too_large');
      assert.deepEqual(await stored(), before);
    });

    test('answers 401 when the signature is missing, does not match the body, or is stale', async () => {
      const before = await stored();
      const body = validBody('m-sig');
      await expectError(await signedPost(body, {}), 401, 'missing_signature');
      const { 'x-fio-timestamp': ts } = signApiRequest(apiSecret, body);
      await expectError(await signedPost(body, { 'x-fio-timestamp': ts }), 401, 'missing_signature');

      const signed = signApiRequest(apiSecret, body);
      const tampered = body.replace('"oi"', '"oi!"');
      await expectError(await signedPost(tampered, { ...signed }), 401, 'bad_signature');
      await expectError(await signedPost(body, { ...signApiRequest('some-other-secret-0123456789', body) }), 401, 'bad_signature');
      await expectError(await signedPost(body, { ...signed, 'x-fio-signature': 'sha256=zz' }), 401, 'bad_signature');

      const anHourAgo = new Date(Date.now() - 3600_000);
      await expectError(await signedPost(body, { ...signApiRequest(apiSecret, body, anHourAgo) }), 401, 'stale_timestamp');
      const inAnHour = new Date(Date.now() + 3600_000);
      await expectError(await signedPost(body, { ...signApiRequest(apiSecret, body, inAnHour) }), 401, 'stale_timestamp');
      assert.deepEqual(await stored(), before);
    });

    test('answers 503 channel_misconfigured and stores nothing when the connection has no secret', async () => {
      // The workspace loader refuses a file without the secret, so the runtime context is emptied
      // instead: what a secret store that lost the value would give.
      const connection = running.app.deps.connections.get('demo-api');
      assert.ok(connection);
      const ctx = connection.ctx as { secrets: unknown };
      const original = ctx.secrets;
      ctx.secrets = {};
      try {
        const before = await stored();
        const body = validBody('m-nosecret');
        await expectError(await signedPost(body), 503, 'channel_misconfigured');
        // Unsigned requests are refused the same way: a missing secret is never a pass.
        await expectError(await signedPost(body, {}), 503, 'channel_misconfigured');
        assert.deepEqual(await stored(), before);
      } finally {
        ctx.secrets = original;
      }
    });

    test('answers 401 unauthorized when an API call has no token or a wrong one', async () => {
      await expectError(await fetch(`${running.baseUrl}/api/v1/conversations`), 401, 'unauthorized');
      await expectError(
        await fetch(`${running.baseUrl}/api/v1/conversations`, { headers: { authorization: 'Bearer not-a-real-token' } }),
        401,
        'unauthorized',
      );
      await expectError(
        await fetch(`${running.baseUrl}/api/v1/contacts`, { headers: { authorization: `Basic ${running.adminToken}` } }),
        401,
        'unauthorized',
      );
      await expectError(
        await fetch(`${running.baseUrl}/api/v1/deliveries/dead`, { headers: { authorization: 'Bearer' } }),
        401,
        'unauthorized',
      );
      await expectError(await fetch(`${running.baseUrl}/api/v1/deliveries/1/retry`, { method: 'POST' }), 401, 'unauthorized');
    });

    test('answers 404 not_found when the route does not exist', async () => {
      const body = await expectError(await fetch(`${running.baseUrl}/no/such/route?x=1`), 404, 'not_found');
      assert.match(body.message, /\/no\/such\/route/);
      await expectError(await api('/api/v1/nothing-here'), 404, 'not_found');
      await expectError(await fetch(`${running.baseUrl}/webhooks/api/demo-api`, { method: 'DELETE' }), 404, 'not_found');
    });

    test('answers 400 validation_failed when the query has a bad limit', async () => {
      for (const path of [
        '/api/v1/conversations?limit=0',
        '/api/v1/conversations?limit=abc',
        '/api/v1/contacts?limit=-1',
        '/api/v1/contacts?limit=201',
        '/api/v1/deliveries/dead?limit=1.5',
        '/api/v1/conversations?status=nonsense',
      ]) {
        const body = await expectError(await api(path), 400, 'validation_failed');
        assert.ok(body.message.length > 0, path);
      }
      await expectError(await api('/api/v1/deliveries/abc/retry', { method: 'POST' }), 400, 'validation_failed');
    });

    test('answers 400 invalid_cursor when the cursor is not one the API issued', async () => {
      const foreign = Buffer.from(JSON.stringify({ k: 'not-a-number' })).toString('base64url');
      const noKey = Buffer.from(JSON.stringify({ x: 1 })).toString('base64url');
      for (const path of [
        '/api/v1/conversations?cursor=!!!not-base64!!!',
        `/api/v1/conversations?cursor=${noKey}`,
        '/api/v1/contacts?cursor=bm9wZQ',
        `/api/v1/deliveries/dead?cursor=${foreign}`,
      ]) {
        await expectError(await api(path), 400, 'invalid_cursor');
      }
    });

    test('answers 400 invalid_cursor when a message-list cursor does not hold a sequence number', async () => {
      const res = await signedPost(validBody('m-for-cursor'));
      assert.equal(res.status, 200, await res.clone().text());
      const { messages } = (await res.json()) as { messages: Array<{ conversationId: string }> };
      const conversationId = messages[0]?.conversationId;
      assert.ok(conversationId);
      const foreign = Buffer.from(JSON.stringify({ k: 'cv_not_a_seq' })).toString('base64url');
      await expectError(await api(`/api/v1/conversations/${conversationId}/messages?cursor=${foreign}`), 400, 'invalid_cursor');
      await expectError(await api(`/api/v1/conversations/${conversationId}/messages?cursor=%%%`), 400, ['invalid_cursor', 'bad_request']);
    });

    test('answers 400 invalid_json when an authenticated API call sends a malformed JSON body', async () => {
      const res = await api('/api/v1/deliveries/1/retry', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"oops":',
      });
      await expectError(res, 400, 'invalid_json');
    });

    test('keeps the request id the client sent as the correlation id', async () => {
      const res = await fetch(`${running.baseUrl}/api/v1/contacts`, { headers: { 'x-request-id': 'client-req-0123456789' } });
      const body = await expectError(res, 401, 'unauthorized');
      assert.equal(body.correlationId, 'client-req-0123456789');
      // A request id that is not a plain token is replaced, not echoed.
      const odd = await fetch(`${running.baseUrl}/api/v1/contacts`, { headers: { 'x-request-id': 'a b<script>' } });
      const oddBody = await expectError(odd, 401, 'unauthorized');
      assert.notEqual(oddBody.correlationId, 'a b<script>');
    });

    test('still stores a valid message once after all the rejected requests', async () => {
      const before = await stored();
      const body = validBody('m-valid-after-abuse');
      const res = await signedPost(body);
      assert.equal(res.status, 200, await res.clone().text());
      const ingest = (await res.json()) as { messages: Array<{ duplicate: boolean; conversationId: string }> };
      assert.equal(ingest.messages[0]?.duplicate, false);
      const replay = await signedPost(body);
      assert.equal(replay.status, 200);
      assert.equal(((await replay.json()) as { messages: Array<{ duplicate: boolean }> }).messages[0]?.duplicate, true);
      const afterwards = await stored();
      assert.equal(afterwards.receipts, before.receipts + 1);
      assert.ok(afterwards.messages >= before.messages + 1);
      const health = await fetch(`${running.baseUrl}/healthz`);
      assert.equal(health.status, 200);
    });
  });
}
