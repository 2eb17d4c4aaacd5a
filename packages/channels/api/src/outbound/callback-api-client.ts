import { ChannelError, channelErrorFromHttpStatus } from '@fio/channel-kit';
import { signApiRequest } from '../sign-request.ts';

export interface PostCallbackInput {
  url: string;
  signingSecret: string;
  body: unknown;
  fetch: typeof fetch;
  now: Date;
  /** Aborts the call after this long (default 10 s). */
  timeoutMs?: number;
}

/**
 * POSTs one signed JSON callback to the business's URL. Thin: any failure becomes a coded
 * ChannelError (429/5xx/network/timeout retryable, honouring Retry-After; other 4xx permanent).
 * Redirects are not followed: the URL was checked when it was configured, its target was not.
 */
export async function postCallback(input: PostCallbackInput): Promise<void> {
  if (!input.signingSecret) {
    throw new ChannelError({ code: 'unauthorized', message: 'the connection has no signing secret', retryable: false });
  }
  const body = JSON.stringify(input.body);
  // A timer cleared when the call ends: AbortSignal.timeout would fire (and build an error) for every
  // call, finished or not, ten seconds later.
  const abort = new AbortController();
  const timer = setTimeout(
    () => abort.abort(new DOMException('the callback URL did not answer in time', 'TimeoutError')),
    input.timeoutMs ?? 10_000,
  );
  let response: Response;
  try {
    response = await input.fetch(input.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Fio',
        ...signApiRequest(input.signingSecret, body, input.now),
      },
      body,
      redirect: 'manual',
      signal: abort.signal,
    });
  } catch (error) {
    clearTimeout(timer);
    throw transportError(error);
  }
  if (response.status >= 200 && response.status < 300) {
    clearTimeout(timer);
    await response.body?.cancel().catch(() => undefined);
    return;
  }
  const text = await response.text().catch(() => '');
  clearTimeout(timer);
  throw channelErrorFromHttpStatus(response.status, text, response.headers.get('retry-after'), undefined, input.now);
}

function transportError(error: unknown): ChannelError {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ChannelError({ code: 'timeout', message: 'the callback URL did not answer in time', retryable: true, cause: error });
  }
  const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
  return new ChannelError({
    code: 'network_error',
    message: `could not reach the callback URL: ${reason}`,
    retryable: true,
    cause: error,
  });
}
