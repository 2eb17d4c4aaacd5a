/**
 * The Bot API's failure shape, `{ ok: false, error_code, description, parameters? }`, with the
 * descriptions Telegram really uses (core.telegram.org/bots/api#making-requests).
 */
export interface BotApiFailure {
  status: number;
  body: { ok: false; error_code: number; description: string; parameters?: { retry_after?: number; migrate_to_chat_id?: number } };
}

export function failure(status: number, description: string, parameters?: BotApiFailure['body']['parameters']): BotApiFailure {
  return { status, body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) } };
}

export const badRequest = (what: string): BotApiFailure => failure(400, `Bad Request: ${what}`);

/** What failNext answers by default for a status: the body Telegram sends with it. */
export function injectedFailureBody(status: number, retryAfterSeconds: number | undefined): string {
  const description: Record<number, string> = {
    400: 'Bad Request: chat not found',
    401: 'Unauthorized',
    403: 'Forbidden: bot was blocked by the user',
    429: `Too Many Requests: retry after ${retryAfterSeconds ?? 1}`,
    500: 'Internal Server Error',
    502: 'Bad Gateway',
  };
  const parameters = status === 429 ? { retry_after: retryAfterSeconds ?? 1 } : undefined;
  return JSON.stringify(failure(status, description[status] ?? `Error ${status}`, parameters).body);
}
