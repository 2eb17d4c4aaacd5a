import { ChannelError, channelErrorFromHttpStatus, readCappedBody, type FetchedMedia, type FetchMediaRequest } from '@fio/channel-kit';
import { transportError } from './graph-api-client.ts';

/**
 * Downloads an inbound attachment from the CDN URL Meta put in the webhook (signed URLs, no token).
 * The size limit is enforced while reading: a body over `maxBytes` is abandoned, never buffered whole.
 */
export async function fetchMedia(req: FetchMediaRequest, fetchImpl: typeof fetch, now: Date, timeoutMs = 30_000): Promise<FetchedMedia> {
  if (!/^https?:\/\//i.test(req.ref)) {
    throw new ChannelError({ code: 'rejected', message: 'the attachment reference is not an http(s) URL', retryable: false });
  }
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new DOMException('the media download timed out', 'TimeoutError')), timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetchImpl(req.ref, { headers: { 'user-agent': 'Fio' }, signal: abort.signal });
    } catch (error) {
      throw transportError(error);
    }
    if (response.status < 200 || response.status >= 300) {
      const text = await response.text().catch(() => '');
      throw channelErrorFromHttpStatus(response.status, text.slice(0, 200), response.headers.get('retry-after'), undefined, now);
    }
    let body: Uint8Array;
    try {
      body = await readCappedBody(response, req.maxBytes, 'the attachment');
    } catch (error) {
      throw error instanceof ChannelError ? error : transportError(error);
    }
    const mimeType = response.headers.get('content-type')?.split(';')[0]?.trim() || req.mimeType || 'application/octet-stream';
    const filename = filenameFrom(req.ref);
    return { body, mimeType, ...(filename ? { filename } : {}) };
  } finally {
    clearTimeout(timer);
  }
}

/** The last path segment of the CDN URL, when it looks like a file name. */
function filenameFrom(ref: string): string | undefined {
  try {
    const last = decodeURIComponent(new URL(ref).pathname.split('/').pop() ?? '');
    return /^[\w .()-]{1,200}\.\w{1,8}$/.test(last) ? last : undefined;
  } catch {
    return undefined;
  }
}
