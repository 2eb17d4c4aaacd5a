import { ChannelError, type ChannelErrorCode, parseRetryAfter } from '@fio/channel-kit';

/** Twilio's REST error body: `{ code, message, more_info, status }`. */
export interface TwilioErrorBody {
  code: number | undefined;
  message: string | undefined;
  moreInfo: string | undefined;
}

// Twilio's documented error codes that say more than the HTTP status does. Anything not listed falls
// back to the status (429/5xx retryable, 401/403 unauthorized, other 4xx rejected).
const permanentByCode: Readonly<Record<number, ChannelErrorCode>> = {
  20003: 'unauthorized', // authentication failed (bad Account SID or Auth Token)
  20005: 'unauthorized', // account not active
  20008: 'unauthorized', // resource not accessible with test credentials
  21211: 'rejected', // invalid 'To' phone number
  21408: 'rejected', // permission to send to the 'To' region not enabled
  21606: 'rejected', // 'From' is not a message-capable number of this account
  21608: 'rejected', // trial account: 'To' not verified
  21610: 'recipient_unreachable', // the recipient texted STOP to this sender
  21612: 'rejected', // 'To' not reachable with this 'From' (or this combination is not allowed)
  21614: 'recipient_unreachable', // 'To' is not a mobile number
  21635: 'recipient_unreachable', // 'To' is a landline
  63016: 'outside_reply_window', // WhatsApp: free-form message outside the 24-hour window
  63014: 'recipient_unreachable', // WhatsApp: the user blocked the sender
};

const rateLimitedCodes = new Set([20429, 14107, 63018]);

/** Reads Twilio's JSON error body; `undefined` fields when the body is not Twilio's shape. */
export function parseTwilioErrorBody(bodyText: string): TwilioErrorBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return { code: undefined, message: undefined, moreInfo: undefined };
  }
  if (typeof parsed !== 'object' || parsed === null) return { code: undefined, message: undefined, moreInfo: undefined };
  const code = 'code' in parsed ? Number(parsed.code) : Number.NaN;
  return {
    code: Number.isInteger(code) ? code : undefined,
    message: 'message' in parsed && typeof parsed.message === 'string' ? parsed.message : undefined,
    moreInfo: 'more_info' in parsed && typeof parsed.more_info === 'string' ? parsed.more_info : undefined,
  };
}

/**
 * Turns a failed Twilio REST answer into a coded ChannelError: Twilio's own code decides where it is
 * known (21610 unsubscribed → recipient_unreachable, 20429 → rate_limited...), the HTTP status otherwise.
 * The provider's code travels in `providerCode` and its reason in the message, so agents see why.
 */
export function twilioErrorFromResponse(status: number, bodyText: string, retryAfter: string | null, now: Date = new Date()): ChannelError {
  const body = parseTwilioErrorBody(bodyText);
  const providerCode = body.code === undefined ? undefined : String(body.code);
  const reason = body.message ?? (bodyText.slice(0, 300) || 'no error body');
  const message = `Twilio answered HTTP ${status}${providerCode ? ` (error ${providerCode})` : ''}: ${reason}`;
  const retryAfterMs = parseRetryAfter(retryAfter, now);

  if (status === 429 || (body.code !== undefined && rateLimitedCodes.has(body.code))) {
    return new ChannelError({ code: 'rate_limited', message, retryable: true, retryAfterMs, providerCode });
  }
  if (status >= 500) {
    return new ChannelError({ code: 'provider_unavailable', message, retryable: true, retryAfterMs, providerCode });
  }
  const byCode = body.code === undefined ? undefined : permanentByCode[body.code];
  if (byCode) return new ChannelError({ code: byCode, message, retryable: false, providerCode });
  if (status === 401 || status === 403) return new ChannelError({ code: 'unauthorized', message, retryable: false, providerCode });
  if (status === 408) return new ChannelError({ code: 'timeout', message, retryable: true, retryAfterMs, providerCode });
  return new ChannelError({ code: 'rejected', message, retryable: false, providerCode });
}
