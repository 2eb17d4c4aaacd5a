import { z } from 'zod';
import { ChannelError, channelErrorFromHttpStatus, parseRetryAfter, type ChannelErrorCode } from '@fio/channel-kit';

/** Graph API's error body: `{"error": {"message", "type", "code", "error_subcode", "error_data": {"details"}, "fbtrace_id"}}`. */
const graphErrorSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    code: z.number().int(),
    error_subcode: z.number().int().optional(),
    error_data: z.object({ details: z.string().optional() }).optional(),
    fbtrace_id: z.string().optional(),
  }),
});

// Meta's error codes (Cloud API error code reference), grouped by what Fio can do about them.
const rateLimited = new Set([4, 80007, 130429, 131048, 131056]);
const transient = new Set([1, 2, 131000, 131016, 131057, 133004]);
const unauthorized = new Set([0, 3, 10, 190, 200]);
const unreachable = new Set([131021, 131026, 131030, 131062]);
const unsupported = new Set([131051]);

/** When Meta gives no Retry-After: the pair rate limit frees up after 6 s, the others after a minute. */
const defaultRetryAfterMs = (code: number): number => (code === 131056 ? 6_000 : 60_000);

/**
 * A non-2xx Graph answer → a coded ChannelError. Meta's own code decides (it often answers HTTP 400
 * for rate limits); the HTTP status decides when the body is not a Graph error. Permanent errors carry
 * Meta's code as providerCode and its words (with the details and trace id) in the message.
 */
export function graphError(status: number, bodyText: string, retryAfter: string | null, now: Date): ChannelError {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    json = null;
  }
  const parsed = graphErrorSchema.safeParse(json);
  if (!parsed.success) return channelErrorFromHttpStatus(status, bodyText, retryAfter, undefined, now);
  const { code, error_subcode: subcode, message, error_data: data, fbtrace_id: trace } = parsed.data.error;
  const providerCode = String(code);
  const text = [
    `WhatsApp error ${code}${subcode !== undefined ? ` (subcode ${subcode})` : ''}: ${message ?? 'no message'}`,
    data?.details && data.details !== message ? ` (${data.details})` : '',
    trace ? ` [fbtrace_id ${trace}]` : '',
  ]
    .join('')
    .slice(0, 1000);

  if (code === 131047) {
    return new ChannelError({
      code: 'outside_reply_window',
      message:
        'More than 24 hours have passed since the customer last wrote on WhatsApp, so only an approved ' +
        `template can reach them until they write again. ${text}`,
      retryable: false,
      providerCode,
    });
  }
  if (rateLimited.has(code) || status === 429) {
    const retryAfterMs = parseRetryAfter(retryAfter, now) ?? defaultRetryAfterMs(code);
    return new ChannelError({ code: 'rate_limited', message: text, retryable: true, retryAfterMs, providerCode });
  }
  if (transient.has(code) || status >= 500) {
    const retryAfterMs = parseRetryAfter(retryAfter, now);
    return new ChannelError({
      code: 'provider_unavailable',
      message: text,
      retryable: true,
      providerCode,
      ...(retryAfterMs ? { retryAfterMs } : {}),
    });
  }
  const permanent: ChannelErrorCode = unauthorized.has(code)
    ? 'unauthorized'
    : unreachable.has(code)
      ? 'recipient_unreachable'
      : unsupported.has(code)
        ? 'unsupported_content'
        : status === 401 || status === 403
          ? 'unauthorized'
          : 'rejected';
  return new ChannelError({ code: permanent, message: text, retryable: false, providerCode });
}
