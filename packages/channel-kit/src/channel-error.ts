/**
 * The one failure type a channel's outbound side throws. It says whether a retry can help
 * and, when the provider said so, how long to wait (Retry-After).
 */
export type ChannelErrorCode =
  | 'rate_limited'
  | 'provider_unavailable'
  | 'network_error'
  | 'timeout'
  | 'rejected'
  | 'unauthorized'
  | 'recipient_unreachable'
  | 'outside_reply_window'
  | 'unsupported_content';

export class ChannelError extends Error {
  readonly code: ChannelErrorCode;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  /** The provider's own code and text, shown to agents. */
  readonly providerCode: string | undefined;

  constructor(opts: {
    code: ChannelErrorCode;
    message: string;
    retryable: boolean;
    retryAfterMs?: number;
    providerCode?: string;
    cause?: unknown;
  }) {
    super(opts.message, { cause: opts.cause });
    this.name = 'ChannelError';
    this.code = opts.code;
    this.retryable = opts.retryable;
    this.retryAfterMs = opts.retryAfterMs;
    this.providerCode = opts.providerCode;
  }
}

/** Parses an HTTP Retry-After header (seconds or HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now: Date = new Date()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}

/** Maps an HTTP response status to a ChannelError (used by the thin provider API clients). */
export function channelErrorFromHttpStatus(
  status: number,
  bodyText: string,
  retryAfter: string | null,
  providerCode?: string,
  now: Date = new Date(),
): ChannelError {
  const retryAfterMs = parseRetryAfter(retryAfter, now);
  const message = `provider answered HTTP ${status}${bodyText ? `: ${bodyText.slice(0, 500)}` : ''}`;
  if (status === 429) return new ChannelError({ code: 'rate_limited', message, retryable: true, retryAfterMs, providerCode });
  if (status >= 500) return new ChannelError({ code: 'provider_unavailable', message, retryable: true, retryAfterMs, providerCode });
  if (status === 401 || status === 403) return new ChannelError({ code: 'unauthorized', message, retryable: false, providerCode });
  if (status === 408) return new ChannelError({ code: 'timeout', message, retryable: true, retryAfterMs, providerCode });
  return new ChannelError({ code: 'rejected', message, retryable: false, providerCode });
}
