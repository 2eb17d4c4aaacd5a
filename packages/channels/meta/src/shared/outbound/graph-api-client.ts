import { ChannelError } from '@fio/channel-kit';
import { mapGraphError } from './map-graph-error.ts';

export interface GraphCall {
  url: string;
  accessToken: string;
  fetch: typeof fetch;
  now: Date;
  timeoutMs?: number;
}

/**
 * POSTs JSON to the Graph API and returns the parsed answer. Thin: failures become coded ChannelErrors
 * (network, timeout, 429 and 5xx retryable; Graph codes mapped by mapGraphError). The token travels in
 * the Authorization header, which Graph accepts like `?access_token=` and which no access log records.
 */
export async function postGraph(call: GraphCall, body: unknown): Promise<unknown> {
  if (!call.accessToken) {
    throw new ChannelError({ code: 'unauthorized', message: 'the connection has no page access token', retryable: false });
  }
  const abort = new AbortController();
  // A timer cleared when the call ends, rather than AbortSignal.timeout that fires for every call later.
  const timer = setTimeout(
    () => abort.abort(new DOMException('the Graph API did not answer in time', 'TimeoutError')),
    call.timeoutMs ?? 15_000,
  );
  try {
    let response: Response;
    try {
      response = await call.fetch(call.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${call.accessToken}`, 'user-agent': 'Fio' },
        body: JSON.stringify(body),
        redirect: 'manual',
        signal: abort.signal,
      });
    } catch (error) {
      throw transportError(error);
    }
    const text = await response.text().catch(() => '');
    if (response.status < 200 || response.status >= 300)
      throw mapGraphError(response.status, text, response.headers.get('retry-after'), call.now);
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  } finally {
    clearTimeout(timer);
  }
}

export function transportError(error: unknown): ChannelError {
  if (error instanceof ChannelError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ChannelError({ code: 'timeout', message: 'the Graph API did not answer in time', retryable: true, cause: error });
  }
  const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
  return new ChannelError({ code: 'network_error', message: `could not reach the Graph API: ${reason}`, retryable: true, cause: error });
}
