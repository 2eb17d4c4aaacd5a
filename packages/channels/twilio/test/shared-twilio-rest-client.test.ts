import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelError } from '@fio/channel-kit';
import { createTwilioRestClient, encodeForm } from '../src/shared/twilio-rest-client.ts';
import { twilioErrorFromResponse } from '../src/shared/twilio-error-from-response.ts';

const accountSid = 'AC00000000000000000000000000000001';

interface Recorded {
  url: string;
  init: RequestInit;
}

function fakeFetch(answer: () => Response | Promise<Response>): { fetch: typeof fetch; calls: Recorded[] } {
  const calls: Recorded[] = [];
  const f = async (input: Parameters<typeof fetch>[0], init: RequestInit = {}): Promise<Response> => {
    calls.push({ url: input instanceof Request ? input.url : input.toString(), init });
    return answer();
  };
  return { fetch: f, calls };
}

function twilioError(status: number, code: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

async function rejection(promise: Promise<unknown>): Promise<ChannelError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ChannelError, `expected a ChannelError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

describe('createTwilioRestClient', () => {
  test('posts form-encoded parameters with basic auth to the account path', async () => {
    const { fetch, calls } = fakeFetch(() => new Response(JSON.stringify({ sid: 'SM1' }), { status: 201 }));
    const client = createTwilioRestClient({ apiBaseUrl: 'https://api.example.test/', accountSid, authToken: 'tok', fetch });
    const answer = await client.postForm(client.accountPath('Messages.json'), {
      To: '+5511987654321',
      Body: 'Olá, ação!',
      MediaUrl: ['https://a.test/1.jpg', 'https://a.test/2.jpg'],
      StatusCallback: undefined,
    });
    assert.deepEqual(answer, { sid: 'SM1' });
    assert.equal(calls.length, 1);
    const call = calls[0]!;
    assert.equal(call.url, `https://api.example.test/2010-04-01/Accounts/${accountSid}/Messages.json`);
    assert.equal(call.init.method, 'POST');
    const headers = new Headers(call.init.headers);
    assert.equal(headers.get('authorization'), `Basic ${Buffer.from(`${accountSid}:tok`).toString('base64')}`);
    assert.equal(headers.get('content-type'), 'application/x-www-form-urlencoded');
    assert.equal(
      call.init.body,
      'To=%2B5511987654321&Body=Ol%C3%A1%2C+a%C3%A7%C3%A3o%21&MediaUrl=https%3A%2F%2Fa.test%2F1.jpg&MediaUrl=https%3A%2F%2Fa.test%2F2.jpg',
    );
  });

  test('maps 429 with Retry-After to a retryable rate_limited error', async () => {
    const { fetch } = fakeFetch(() => twilioError(429, 20429, 'Too Many Requests', { 'retry-after': '7' }));
    const client = createTwilioRestClient({ apiBaseUrl: 'https://api.twilio.com', accountSid, authToken: 'tok', fetch });
    const error = await rejection(client.postForm('/x', {}));
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.retryable, true);
    assert.equal(error.retryAfterMs, 7000);
    assert.equal(error.providerCode, '20429');
  });

  test('maps 21610 (the recipient texted STOP) to a permanent recipient_unreachable', async () => {
    const { fetch } = fakeFetch(() => twilioError(400, 21610, 'Attempt to send to unsubscribed recipient'));
    const client = createTwilioRestClient({ apiBaseUrl: 'https://api.twilio.com', accountSid, authToken: 'tok', fetch });
    const error = await rejection(client.postForm('/x', {}));
    assert.equal(error.code, 'recipient_unreachable');
    assert.equal(error.retryable, false);
    assert.equal(error.providerCode, '21610');
    assert.match(error.message, /unsubscribed recipient/);
  });

  test('maps 5xx to a retryable provider_unavailable and a network failure to network_error', async () => {
    const server = createTwilioRestClient({
      apiBaseUrl: 'https://api.twilio.com',
      accountSid,
      authToken: 'tok',
      fetch: fakeFetch(() => new Response('upstream down', { status: 503 })).fetch,
    });
    const unavailable = await rejection(server.postForm('/x', {}));
    assert.equal(unavailable.code, 'provider_unavailable');
    assert.equal(unavailable.retryable, true);

    const offline = createTwilioRestClient({
      apiBaseUrl: 'https://api.twilio.com',
      accountSid,
      authToken: 'tok',
      fetch: fakeFetch(() => {
        throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
      }).fetch,
    });
    const network = await rejection(offline.postForm('/x', {}));
    assert.equal(network.code, 'network_error');
    assert.equal(network.retryable, true);
    assert.match(network.message, /ECONNREFUSED/);
  });

  test('times out a call Twilio never answers', async () => {
    const hanging = async (_input: Parameters<typeof fetch>[0], init: RequestInit = {}): Promise<Response> =>
      new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(new Error('aborted', { cause: init.signal?.reason }))),
      );
    const client = createTwilioRestClient({
      apiBaseUrl: 'https://api.twilio.com',
      accountSid,
      authToken: 'tok',
      fetch: hanging,
      timeoutMs: 20,
    });
    const error = await rejection(client.postForm('/x', {}));
    assert.equal(error.code, 'timeout');
    assert.equal(error.retryable, true);
  });

  test('refuses to call without credentials', async () => {
    const { fetch, calls } = fakeFetch(() => new Response('{}'));
    const client = createTwilioRestClient({ apiBaseUrl: 'https://api.twilio.com', accountSid, authToken: '', fetch });
    const error = await rejection(client.postForm('/x', {}));
    assert.equal(error.code, 'unauthorized');
    assert.equal(calls.length, 0);
  });
});

describe('twilioErrorFromResponse', () => {
  const cases: Array<[number, number, string, boolean]> = [
    [401, 20003, 'unauthorized', false],
    [400, 21211, 'rejected', false],
    [400, 21408, 'rejected', false],
    [400, 21612, 'rejected', false],
    [400, 21614, 'recipient_unreachable', false],
    [400, 63016, 'outside_reply_window', false],
    [400, 21602, 'rejected', false],
  ];
  for (const [status, code, expected, retryable] of cases) {
    test(`maps Twilio ${code} (HTTP ${status}) to ${expected}`, () => {
      const error = twilioErrorFromResponse(status, JSON.stringify({ code, message: `reason ${code}`, status }), null);
      assert.equal(error.code, expected);
      assert.equal(error.retryable, retryable);
      assert.equal(error.providerCode, String(code));
      assert.match(error.message, new RegExp(`reason ${code}`));
    });
  }

  test('falls back to the HTTP status when the body is not Twilio JSON', () => {
    const error = twilioErrorFromResponse(403, '<html>forbidden</html>', null);
    assert.equal(error.code, 'unauthorized');
    assert.equal(error.providerCode, undefined);
  });
});

describe('encodeForm', () => {
  test('leaves undefined out and repeats array names', () => {
    assert.equal(encodeForm({ A: 'x y', B: undefined, C: ['1', '2'] }), 'A=x+y&C=1&C=2');
  });
});
