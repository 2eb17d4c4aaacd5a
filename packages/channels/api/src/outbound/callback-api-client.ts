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
      signal: AbortSignal.timeout(input.timeoutMs ?? 10_000),
    });
  } catch (error) {
    throw transportError(error);
  }
  if (response.status >= 200 && response.status < 300) {
    await response.body?.cancel().catch(() => undefined);
    return;
  }
  const text = await response.text().catch(() => '');
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
