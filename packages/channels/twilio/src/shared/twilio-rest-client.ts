import { ChannelError } from '@fio/channel-kit';
import { twilioErrorFromResponse } from './twilio-error-from-response.ts';

/** Form parameters; an array repeats the name (Twilio's `MediaUrl`), `undefined` leaves it out. */
export type TwilioFormParams = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface TwilioRestClientOptions {
  /** `https://api.twilio.com` in production; an emulator in tests. Trailing slashes are ignored. */
  apiBaseUrl: string;
  accountSid: string;
  authToken: string;
  fetch: typeof fetch;
  now?: () => Date;
  /** Aborts each call after this long (default 15 s). */
  timeoutMs?: number;
}

export interface TwilioRestClient {
  /** `/2010-04-01/Accounts/{AccountSid}/{resource}`, e.g. `accountPath('Messages.json')`. */
  accountPath(resource: string): string;
  /** POSTs form-encoded parameters to `apiBaseUrl + path`; resolves Twilio's JSON answer. Throws ChannelError. */
  postForm(path: string, params: TwilioFormParams): Promise<unknown>;
  /** The `Authorization` header value for calls made outside postForm (media downloads). */
  authorization(): string;
}

/**
 * A thin client for Twilio's REST API (2010-04-01): HTTP basic auth with AccountSid:AuthToken,
 * form-encoded bodies, and every failure turned into a coded ChannelError. Shared by SMS (Messages)
 * and voice (Calls). Credentials come per connection, never from module state.
 */
export function createTwilioRestClient(opts: TwilioRestClientOptions): TwilioRestClient {
  const base = opts.apiBaseUrl.replace(/\/+$/, '');
  const authorization = `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString('base64')}`;
  const now = opts.now ?? (() => new Date());

  async function postForm(path: string, params: TwilioFormParams): Promise<unknown> {
    if (!opts.accountSid || !opts.authToken) {
      throw new ChannelError({ code: 'unauthorized', message: 'the connection has no Twilio credentials', retryable: false });
    }
    const body = encodeForm(params);
    // A timer cleared when the call ends: AbortSignal.timeout would keep a timer (and build an error)
    // for every call, finished or not.
    const abort = new AbortController();
    const timer = setTimeout(
      () => abort.abort(new DOMException('Twilio did not answer in time', 'TimeoutError')),
      opts.timeoutMs ?? 15_000,
    );
    try {
      let response: Response;
      try {
        response = await opts.fetch(`${base}${path}`, {
          method: 'POST',
          headers: {
            authorization,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
            'user-agent': 'Fio',
          },
          body,
          redirect: 'manual',
          signal: abort.signal,
        });
      } catch (error) {
        // Some fetch implementations reject an abort with their own error: our timer says what happened.
        throw transportError(abort.signal.aborted ? abort.signal.reason : error);
      }
      const text = await response.text().catch(() => '');
      if (response.status < 200 || response.status >= 300) {
        throw twilioErrorFromResponse(response.status, text, response.headers.get('retry-after'), now());
      }
      try {
        return JSON.parse(text);
      } catch (error) {
        // A 2xx we cannot read may still have created the resource: not retried, so nothing goes twice.
        throw new ChannelError({
          code: 'rejected',
          message: `Twilio answered HTTP ${response.status} with a body that is not JSON`,
          retryable: false,
          cause: error,
        });
      }
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    accountPath: (resource) => `/2010-04-01/Accounts/${encodeURIComponent(opts.accountSid)}/${resource}`,
    postForm,
    authorization: () => authorization,
  };
}

/** `application/x-www-form-urlencoded`, parameters in the order given, arrays as repeated names. */
export function encodeForm(params: TwilioFormParams): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (typeof value === 'string') form.append(name, value);
    else for (const item of value) form.append(name, item);
  }
  return form.toString();
}

/** Network failures and timeouts are worth a retry: the message may simply not have reached Twilio. */
export function transportError(error: unknown): ChannelError {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ChannelError({ code: 'timeout', message: 'Twilio did not answer in time', retryable: true, cause: error });
  }
  const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
  return new ChannelError({ code: 'network_error', message: `could not reach Twilio: ${reason}`, retryable: true, cause: error });
}
