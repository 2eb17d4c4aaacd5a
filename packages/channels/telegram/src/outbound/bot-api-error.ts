import { ChannelError, parseRetryAfter } from '@fio/channel-kit';

/** The Bot API's failure body: `{ ok: false, error_code, description, parameters? }`. */
export interface BotApiErrorBody {
  errorCode: number | undefined;
  description: string | undefined;
  /** Seconds to wait, on 429 ("Too Many Requests: retry after N"). */
  retryAfter: number | undefined;
  /** Where a group went when it became a supergroup (400): replies must go there now. */
  migrateToChatId: number | undefined;
}

export function parseBotApiErrorBody(bodyText: string): BotApiErrorBody {
  const empty: BotApiErrorBody = { errorCode: undefined, description: undefined, retryAfter: undefined, migrateToChatId: undefined };
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return empty;
  }
  if (typeof parsed !== 'object' || parsed === null) return empty;
  const parameters = 'parameters' in parsed && typeof parsed.parameters === 'object' && parsed.parameters !== null ? parsed.parameters : {};
  return {
    errorCode: 'error_code' in parsed && Number.isInteger(parsed.error_code) ? Number(parsed.error_code) : undefined,
    description: 'description' in parsed && typeof parsed.description === 'string' ? parsed.description : undefined,
    retryAfter: 'retry_after' in parameters && typeof parameters.retry_after === 'number' ? parameters.retry_after : undefined,
    migrateToChatId:
      'migrate_to_chat_id' in parameters && typeof parameters.migrate_to_chat_id === 'number' ? parameters.migrate_to_chat_id : undefined,
  };
}

/**
 * Turns a failed Bot API answer into a coded ChannelError. 429 waits `parameters.retry_after` (else the
 * Retry-After header); 5xx retries; 401 is a bad or revoked token; every 403 is the chat refusing the bot
 * (blocked by the user, user deactivated, kicked from the group, never started): the recipient cannot be
 * reached, and retrying would not change it; other 4xx (chat not found, empty text, bad button data,
 * media URL Telegram could not fetch) are refused as sent. The error code travels in `providerCode` and
 * Telegram's description in the message, so agents see why. The URL is never quoted: it holds the token.
 */
export function botApiError(method: string, status: number, bodyText: string, retryAfterHeader: string | null, now: Date): ChannelError {
  const body = parseBotApiErrorBody(bodyText);
  const code = body.errorCode ?? status;
  const providerCode = String(code);
  const reason = body.description ?? (bodyText.slice(0, 300) || 'no error body');
  const migrated = body.migrateToChatId === undefined ? '' : ` (the group is now chat ${body.migrateToChatId})`;
  const message = `Telegram answered ${method} with HTTP ${status}: ${reason}${migrated}`;

  if (code === 429 || status === 429) {
    const retryAfterMs = body.retryAfter !== undefined ? Math.round(body.retryAfter * 1000) : parseRetryAfter(retryAfterHeader, now);
    return new ChannelError({ code: 'rate_limited', message, retryable: true, retryAfterMs, providerCode });
  }
  if (status >= 500 || code >= 500) {
    return new ChannelError({
      code: 'provider_unavailable',
      message,
      retryable: true,
      retryAfterMs: parseRetryAfter(retryAfterHeader, now),
      providerCode,
    });
  }
  if (code === 401 || status === 401) return new ChannelError({ code: 'unauthorized', message, retryable: false, providerCode });
  if (code === 403 || status === 403) return new ChannelError({ code: 'recipient_unreachable', message, retryable: false, providerCode });
  return new ChannelError({ code: 'rejected', message, retryable: false, providerCode });
}
