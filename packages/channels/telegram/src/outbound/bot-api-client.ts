import { ChannelError, readCappedBody } from '@fio/channel-kit';
import { botApiError } from './bot-api-error.ts';

export interface BotApiClientOptions {
  /** `https://api.telegram.org` in production; a local Bot API server or the emulator otherwise. */
  apiBaseUrl: string;
  botToken: string;
  fetch: typeof fetch;
  now?: () => Date;
  /** Aborts each method call after this long (default 15 s; downloads get 60 s). */
  timeoutMs?: number;
}

export interface BotApiClient {
  /** POSTs JSON parameters to `/bot<token>/<method>`; resolves the answer's `result`. Throws ChannelError. */
  call(method: string, params: Readonly<Record<string, unknown>>): Promise<unknown>;
  /** GETs `/file/bot<token>/<filePath>`, refusing (rejected) past `maxBytes` while reading. */
  download(filePath: string, maxBytes: number): Promise<{ body: Uint8Array; contentType: string | null }>;
}

/**
 * A thin client for the Bot API: the token rides in the path, parameters in a JSON body, answers are
 * `{ ok, result }` or `{ ok: false, error_code, description }`. Credentials come per connection, and no
 * error message ever quotes a URL (it holds the token).
 */
export function createBotApiClient(opts: BotApiClientOptions): BotApiClient {
  const base = opts.apiBaseUrl.replace(/\/+$/, '');
  const now = opts.now ?? (() => new Date());
  // A fetch error may quote the URL it failed on, and the URL holds the token.
  const redact = (text: string) => (opts.botToken ? text.split(opts.botToken).join('<bot token>') : text);

  function requireToken(): void {
    if (!opts.botToken) throw new ChannelError({ code: 'unauthorized', message: 'the connection has no bot token', retryable: false });
  }

  async function call(method: string, params: Readonly<Record<string, unknown>>): Promise<unknown> {
    requireToken();
    return withTimeout(opts.timeoutMs ?? 15_000, redact, async (signal) => {
      const response = await send(signal, `${base}/bot${opts.botToken}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'Fio' },
        body: JSON.stringify(params),
      });
      const text = await response.text().catch(() => '');
      if (response.status < 200 || response.status >= 300) {
        throw botApiError(method, response.status, text, response.headers.get('retry-after'), now());
      }
      let answer: unknown;
      try {
        answer = JSON.parse(text);
      } catch (error) {
        // A 2xx we cannot read may still have sent the message: not retried, so nothing goes twice.
        throw new ChannelError({
          code: 'rejected',
          message: `Telegram answered ${method} with HTTP ${response.status} and a body that is not JSON`,
          retryable: false,
          cause: error,
        });
      }
      if (typeof answer !== 'object' || answer === null || !('ok' in answer) || answer.ok !== true || !('result' in answer)) {
        throw botApiError(method, response.status, text, response.headers.get('retry-after'), now());
      }
      return answer.result;
    });
  }

  async function download(filePath: string, maxBytes: number): Promise<{ body: Uint8Array; contentType: string | null }> {
    requireToken();
    const path = filePath.split('/').map(encodeURIComponent).join('/');
    return withTimeout(opts.timeoutMs ?? 60_000, redact, async (signal) => {
      const response = await send(signal, `${base}/file/bot${opts.botToken}/${path}`, { method: 'GET', headers: { 'user-agent': 'Fio' } });
      if (response.status < 200 || response.status >= 300) {
        const text = await response.text().catch(() => '');
        throw botApiError('file download', response.status, text, response.headers.get('retry-after'), now());
      }
      return { body: await readCappedBody(response, maxBytes, 'the Telegram file'), contentType: response.headers.get('content-type') };
    });
  }

  async function send(signal: AbortSignal, url: string, init: RequestInit): Promise<Response> {
    try {
      return await opts.fetch(url, { ...init, redirect: 'manual', signal });
    } catch (error) {
      // Some fetch implementations reject an abort with their own error: our timer says what happened.
      throw transportError(signal.aborted ? signal.reason : error, redact);
    }
  }

  return { call, download };
}

/** Runs `work` with a signal aborted after `ms`; the timer is cleared when the work ends. */
async function withTimeout<T>(ms: number, redact: (text: string) => string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  // Not AbortSignal.timeout: it keeps a timer (and builds an error) for every call, finished or not.
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new DOMException('Telegram did not answer in time', 'TimeoutError')), ms);
  try {
    return await work(abort.signal);
  } catch (error) {
    if (error instanceof ChannelError) throw error;
    throw transportError(abort.signal.aborted ? abort.signal.reason : error, redact);
  } finally {
    clearTimeout(timer);
  }
}

/** Network failures and timeouts are worth a retry: the call may simply not have reached Telegram. */
function transportError(error: unknown, redact: (text: string) => string): ChannelError {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ChannelError({ code: 'timeout', message: 'Telegram did not answer in time', retryable: true, cause: error });
  }
  const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
  // The cause is not kept: loggers print it, and it may quote the URL with the token.
  return new ChannelError({ code: 'network_error', message: `could not reach Telegram: ${redact(reason)}`, retryable: true });
}
