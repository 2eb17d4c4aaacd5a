import { ChannelError, channelErrorFromHttpStatus, parseRetryAfter, type ChannelErrorCode } from '@fio/channel-kit';

/** Graph's error body: `{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}`. */
export interface GraphError {
  message: string;
  code: number | undefined;
  subcode: number | undefined;
}

/** Subcodes Meta answers when a free-form message misses the 24-hour (or human-agent) window. */
const outsideWindowSubcodes = new Set([2018278, 2018065, 2534022]);
/** Rate limits: app (4), user (17), page (32), custom (613), Messenger send-per-thread (80006). */
const rateLimitCodes = new Set([4, 17, 32, 613, 80006]);
/** Permission and policy refusals that the operator must fix in Meta's settings. */
const permissionCodes = new Set([3, 10, 200, 230, 299]);
/** Meta's own transient failures ("temporary send message failure", "unexpected error, retry later"). */
const transientCodes = new Set([1, 2, 1200]);
/** Without a Retry-After header, Graph throttles are worth a pause, not an immediate hammering. */
const defaultThrottleMs = 30_000;

export function readGraphError(bodyText: string): GraphError | undefined {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const error: unknown = Reflect.get(json, 'error');
  if (typeof error !== 'object' || error === null) return undefined;
  const message: unknown = Reflect.get(error, 'message');
  const code: unknown = Reflect.get(error, 'code');
  const subcode: unknown = Reflect.get(error, 'error_subcode');
  return {
    message: typeof message === 'string' ? message.slice(0, 1000) : 'no message',
    code: typeof code === 'number' ? code : undefined,
    subcode: typeof subcode === 'number' ? subcode : undefined,
  };
}

/**
 * A failed Graph call → a coded ChannelError carrying Meta's code (`code` or `code/subcode`) and message.
 * Graph answers most errors with HTTP 400 whatever they mean, so the code decides, then the status.
 */
export function mapGraphError(status: number, bodyText: string, retryAfter: string | null, now: Date): ChannelError {
  const graph = readGraphError(bodyText);
  if (graph?.code === undefined) return channelErrorFromHttpStatus(status, bodyText, retryAfter, undefined, now);
  const { code, subcode } = graph;
  const providerCode = subcode === undefined ? String(code) : `${code}/${subcode}`;
  const message = `Meta Graph error ${providerCode}: ${graph.message}`;
  const retryAfterMs = parseRetryAfter(retryAfter, now);
  const fail = (errorCode: ChannelErrorCode, retryable: boolean, wait?: number) =>
    new ChannelError({ code: errorCode, message, retryable, providerCode, ...(wait === undefined ? {} : { retryAfterMs: wait }) });

  if (subcode !== undefined && outsideWindowSubcodes.has(subcode)) return fail('outside_reply_window', false);
  if (code === 190) return fail('unauthorized', false);
  if (rateLimitCodes.has(code) || status === 429) return fail('rate_limited', true, retryAfterMs ?? defaultThrottleMs);
  if (transientCodes.has(code) || status >= 500) return fail('provider_unavailable', true, retryAfterMs);
  // 551: "This person isn't available right now"; 100/2018001: "No matching user found".
  if (code === 551 || (code === 100 && subcode === 2018001)) return fail('recipient_unreachable', false);
  if (permissionCodes.has(code)) return fail('unauthorized', false);
  return fail('rejected', false);
}
