import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelError } from '@fio/channel-kit';
import { downloadTwilioMedia } from '../src/shared/download-twilio-media.ts';

interface Call {
  url: string;
  authorization: string | null;
}

/** A fetch that answers by URL and records which calls carried credentials. */
function routes(table: Record<string, () => Response>): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const f = async (input: Parameters<typeof fetch>[0], init: RequestInit = {}): Promise<Response> => {
    const url = input instanceof Request ? input.url : input.toString();
    calls.push({ url, authorization: new Headers(init.headers).get('authorization') });
    const answer = table[url];
    return answer ? answer() : new Response('not found', { status: 404 });
  };
  return { fetch: f, calls };
}

const base = {
  apiBaseUrl: 'https://api.twilio.com',
  authorization: 'Basic QUM6dG9rZW4=',
  maxBytes: 100,
  now: new Date('2026-03-02T12:00:00Z'),
};
const mediaUrl = 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1';
const redirect = (location: string) => () => new Response(null, { status: 307, headers: { location } });

describe('downloadTwilioMedia', () => {
  test('follows the redirect to storage and sends credentials to Twilio only', async () => {
    const { fetch, calls } = routes({
      [mediaUrl]: redirect('https://s3-external-1.amazonaws.com/media.twiliocdn.com/AC1/abc?X-Amz-Signature=1'),
      'https://s3-external-1.amazonaws.com/media.twiliocdn.com/AC1/abc?X-Amz-Signature=1': () =>
        new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'image/png; charset=binary' } }),
    });
    const media = await downloadTwilioMedia({ ...base, url: mediaUrl, fetch });
    assert.deepEqual(media, { body: new Uint8Array([1, 2, 3]), mimeType: 'image/png' });
    assert.deepEqual(
      calls.map((c) => c.authorization),
      ['Basic QUM6dG9rZW4=', null],
    );
  });

  test('sends no credentials to a media URL outside Twilio', async () => {
    const { fetch, calls } = routes({ 'https://cdn.example.com/a.jpg': () => new Response(new Uint8Array([9])) });
    await downloadTwilioMedia({ ...base, url: 'https://cdn.example.com/a.jpg', fetch });
    assert.equal(calls[0]?.authorization, null);
  });

  test('refuses a declared size over the limit before reading, and a streamed one while reading', async () => {
    const big = routes({ [mediaUrl]: () => new Response('x'.repeat(10), { headers: { 'content-length': '5000' } }) });
    await assert.rejects(
      downloadTwilioMedia({ ...base, url: mediaUrl, fetch: big.fetch }),
      (error) => error instanceof ChannelError && error.code === 'rejected' && /5000 bytes/.test(error.message),
    );
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(64));
      },
    });
    const endless = routes({ [mediaUrl]: () => new Response(stream) });
    await assert.rejects(
      downloadTwilioMedia({ ...base, url: mediaUrl, fetch: endless.fetch }),
      (error) => error instanceof ChannelError && error.code === 'rejected' && /100-byte limit/.test(error.message),
    );
  });

  test('gives up after five redirects and refuses URLs that are not http(s)', async () => {
    const loop = routes({ [mediaUrl]: redirect(mediaUrl) });
    await assert.rejects(
      downloadTwilioMedia({ ...base, url: mediaUrl, fetch: loop.fetch }),
      (error) => error instanceof ChannelError && /redirected more than 5 times/.test(error.message),
    );
    assert.equal(loop.calls.length, 6);
    await assert.rejects(
      downloadTwilioMedia({ ...base, url: 'file:///etc/passwd', fetch: loop.fetch }),
      (error) => error instanceof ChannelError && error.code === 'rejected',
    );
  });

  test('maps a missing media (404) to rejected and a 503 to retryable', async () => {
    const gone = routes({
      [mediaUrl]: () => new Response(JSON.stringify({ code: 20404, message: 'not found', status: 404 }), { status: 404 }),
    });
    await assert.rejects(
      downloadTwilioMedia({ ...base, url: mediaUrl, fetch: gone.fetch }),
      (error) => error instanceof ChannelError && error.code === 'rejected' && error.providerCode === '20404',
    );
    const down = routes({ [mediaUrl]: () => new Response('busy', { status: 503 }) });
    await assert.rejects(
      downloadTwilioMedia({ ...base, url: mediaUrl, fetch: down.fetch }),
      (error) => error instanceof ChannelError && error.retryable,
    );
  });
});
