import type { ServerResponse } from 'node:http';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChannelError, type SendContext } from '@fio/channel-kit';
import { buildOutboundMessage } from '@fio/channel-kit/contract-suite';
import { apiChannel, postCallback, verifySignature, type ApiConfig, type ApiSecrets } from '../src/index.ts';
import { signingSecret } from './fixtures/build-api-request.ts';

interface Recorded {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A business's callback endpoint that answers what the test scripts, and records what it got. */
let server: Server;
let baseUrl = '';
let recorded: Recorded[] = [];
let script: (res: ServerResponse) => void = (res) => res.end('ok');

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      recorded.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
      script(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const now = new Date('2026-03-01T12:00:00Z');

function buildSendContext(callbackUrl = `${baseUrl}/fio/callback`): SendContext<ApiConfig, ApiSecrets> {
  return {
    connectionId: 'conn_api_1',
    workspaceId: 'ws_1',
    config: { callbackUrl, timestampToleranceSeconds: 300 },
    secrets: { signingSecret },
    fetch: globalThis.fetch,
    now: () => now,
    realtime: { push: () => 0 },
  };
}

function answer(status: number, headers: Record<string, string> = {}, body = '') {
  recorded = [];
  script = (res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
}

async function sendExpectingError(ctx = buildSendContext()): Promise<ChannelError> {
  try {
    await apiChannel.sendMessage(buildOutboundMessage(), ctx);
  } catch (error) {
    assert.ok(error instanceof ChannelError, `expected a ChannelError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected sendMessage to throw');
}

test('POSTs the signed message to the callback URL and reports delivered when the app answers 200', async () => {
  answer(200, {}, 'ok');
  const message = buildOutboundMessage({
    messageId: 'msg_77',
    conversationId: 'conv_9',
    recipient: { address: 'user-42' },
    content: { kind: 'text', text: 'Seu pedido saiu', quickReplies: [{ id: 'track', label: 'Rastrear' }] },
  });
  const result = await apiChannel.sendMessage(message, buildSendContext());
  assert.deepEqual(result, { providerMessageId: 'msg_77', status: 'delivered' });

  assert.equal(recorded.length, 1);
  const [request] = recorded;
  assert.ok(request);
  assert.equal(request.method, 'POST');
  assert.equal(request.url, '/fio/callback');
  assert.equal(request.headers['content-type'], 'application/json');
  assert.equal(request.headers['user-agent'], 'Fio');
  assert.equal(request.headers['x-fio-timestamp'], String(now.getTime() / 1000));
  assert.match(String(request.headers['x-fio-signature']), /^sha256=[0-9a-f]{64}$/);
  const headers = {
    'x-fio-timestamp': String(request.headers['x-fio-timestamp']),
    'x-fio-signature': String(request.headers['x-fio-signature']),
  };
  assert.deepEqual(verifySignature({ headers, rawBody: request.body, signingSecret, toleranceSeconds: 300, now }), { ok: true });
  assert.deepEqual(JSON.parse(request.body.toString()), {
    type: 'message',
    messageId: 'msg_77',
    conversationId: 'conv_9',
    to: { id: 'user-42' },
    content: { kind: 'text', text: 'Seu pedido saiu', quickReplies: [{ id: 'track', label: 'Rastrear' }] },
    text: 'Seu pedido saiu',
    createdAt: '2026-01-01T12:00:00.000Z',
  });
});

test('throws a retryable rate_limited error honouring Retry-After when the app answers 429', async () => {
  answer(429, { 'retry-after': '30' }, 'slow down');
  const error = await sendExpectingError();
  assert.equal(error.code, 'rate_limited');
  assert.equal(error.retryable, true);
  assert.equal(error.retryAfterMs, 30_000);
});

test('reads an HTTP-date Retry-After against the send clock when the app answers 429', async () => {
  answer(429, { 'retry-after': new Date(now.getTime() + 90_000).toUTCString() });
  const error = await sendExpectingError();
  assert.equal(error.retryAfterMs, 90_000);
});

test('throws a retryable provider_unavailable error when the app answers 500', async () => {
  answer(500, {}, 'boom');
  const error = await sendExpectingError();
  assert.equal(error.code, 'provider_unavailable');
  assert.equal(error.retryable, true);
  assert.match(error.message, /HTTP 500: boom/);
});

test('throws a permanent rejected error when the app answers 400', async () => {
  answer(400, { 'content-type': 'application/json' }, '{"error":"unknown user"}');
  const error = await sendExpectingError();
  assert.equal(error.code, 'rejected');
  assert.equal(error.retryable, false);
  assert.match(error.message, /unknown user/);
});

test('throws a permanent unauthorized error when the app answers 401', async () => {
  answer(401);
  const error = await sendExpectingError();
  assert.equal(error.code, 'unauthorized');
  assert.equal(error.retryable, false);
});

test('does not follow a redirect and treats it as a rejection when the app answers 302', async () => {
  answer(302, { location: 'http://169.254.169.254/latest/meta-data' });
  const error = await sendExpectingError();
  assert.equal(error.retryable, false);
  assert.equal(recorded.length, 1);
});

test('throws a retryable network_error when the connection is refused', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const error = await sendExpectingError(buildSendContext(`http://127.0.0.1:${port}/cb`));
  assert.equal(error.code, 'network_error');
  assert.equal(error.retryable, true);
});

test('throws a retryable timeout when the app does not answer in time', async () => {
  recorded = [];
  script = () => undefined; // never answers
  await assert.rejects(
    postCallback({ url: `${baseUrl}/slow`, signingSecret, body: {}, fetch: globalThis.fetch, now, timeoutMs: 100 }),
    (error: unknown) => error instanceof ChannelError && error.code === 'timeout' && error.retryable,
  );
});

test('throws a permanent error without calling out when the connection has no secret', async () => {
  answer(200);
  const ctx = { ...buildSendContext(), secrets: { signingSecret: '' } };
  const error = await sendExpectingError(ctx);
  assert.equal(error.retryable, false);
  assert.equal(recorded.length, 0);
});
