import { ChannelError, readCappedBody } from '@fio/channel-kit';
import { transportError } from './twilio-rest-client.ts';
import { twilioErrorFromResponse } from './twilio-error-from-response.ts';

export interface DownloadTwilioMediaInput {
  /** A MediaUrl from a webhook (or a recording URL): absolute http(s). */
  url: string;
  /** The connection's API base URL: its origin, and Twilio's own hosts, get the credentials. */
  apiBaseUrl: string;
  /** `Basic ...` for AccountSid:AuthToken. */
  authorization: string;
  maxBytes: number;
  fetch: typeof fetch;
  now: Date;
  timeoutMs?: number;
}

export interface DownloadedMedia {
  body: Uint8Array;
  mimeType: string | undefined;
}

const maxRedirects = 5;

/**
 * Downloads media Twilio holds. Media URLs may require basic auth and answer with a redirect to a signed
 * storage URL; redirects are followed by hand (Fio's fetch never follows them) and the credentials go
 * only to Twilio's hosts, never to the storage host. `maxBytes` is enforced while reading.
 */
export async function downloadTwilioMedia(input: DownloadTwilioMediaInput): Promise<DownloadedMedia> {
  let url = parseHttpUrl(input.url);
  const trustedOrigin = parseHttpUrl(input.apiBaseUrl).origin;
  const abort = new AbortController();
  const timer = setTimeout(
    () => abort.abort(new DOMException('the media download took too long', 'TimeoutError')),
    input.timeoutMs ?? 30_000,
  );
  try {
    for (let hop = 0; hop <= maxRedirects; hop += 1) {
      const withAuth = url.origin === trustedOrigin || isTwilioHost(url);
      let response: Response;
      try {
        response = await input.fetch(url.href, {
          method: 'GET',
          headers: { 'user-agent': 'Fio', ...(withAuth ? { authorization: input.authorization } : {}) },
          redirect: 'manual',
          signal: abort.signal,
        });
      } catch (error) {
        throw transportError(abort.signal.aborted ? abort.signal.reason : error);
      }
      if (response.status >= 300 && response.status < 400) {
        const location = response.headers.get('location');
        await response.body?.cancel().catch(() => undefined);
        if (!location) throw rejected(`the media URL answered ${response.status} without a Location`);
        url = parseHttpUrl(new URL(location, url).href);
        continue;
      }
      if (response.status < 200 || response.status >= 300) {
        const text = await response.text().catch(() => '');
        throw twilioErrorFromResponse(response.status, text, response.headers.get('retry-after'), input.now);
      }
      const body = await readCappedBody(response, input.maxBytes, 'the media');
      return { body, mimeType: response.headers.get('content-type')?.split(';')[0]?.trim() || undefined };
    }
    throw rejected(`the media URL redirected more than ${maxRedirects} times`);
  } finally {
    clearTimeout(timer);
  }
}

function isTwilioHost(url: URL): boolean {
  return url.protocol === 'https:' && (url.hostname === 'twilio.com' || url.hostname.endsWith('.twilio.com'));
}

function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw rejected(`"${raw.slice(0, 80)}" is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw rejected(`"${url.protocol}" media URLs are not fetched`);
  return url;
}

function rejected(message: string): ChannelError {
  return new ChannelError({ code: 'rejected', message, retryable: false });
}
