import { badRequest, type BotApiFailure } from './bot-api-failure.ts';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface TelegramWebhookSettings {
  url: string;
  secretToken?: string;
  maxConnections: number;
  allowedUpdates?: string[];
  dropPendingUpdates: boolean;
}

/** The Bot API takes parameters in the query string, a JSON body or a form body; null when unreadable. */
export function parseParams(query: Record<string, string>, body: Buffer, contentType: string | undefined): Json | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (body.length === 0) return { ...query };
  if (type === 'application/json') {
    const parsed = safeJson(body.toString('utf8'));
    return isObject(parsed) ? { ...query, ...parsed } : null;
  }
  if (type === 'application/x-www-form-urlencoded') {
    const form = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
    // Form bodies carry objects (reply_markup) as JSON strings.
    const reply = typeof form.reply_markup === 'string' ? safeJson(form.reply_markup) : undefined;
    return { ...query, ...form, ...(reply !== undefined ? { reply_markup: reply } : {}) };
  }
  return null;
}

/**
 * setWebhook's parameters checked as Telegram does: an empty url removes the webhook (null); the URL
 * must be HTTPS (the emulator also calls plain HTTP on loopback, where tests listen); secret_token is
 * 1-256 of A-Z a-z 0-9 _ -; max_connections 1-100 (default 40); allowed_updates a list of kinds.
 */
export function parseWebhookSettings(params: Json): TelegramWebhookSettings | null | BotApiFailure {
  const url = typeof params.url === 'string' ? params.url : '';
  if (url === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return badRequest('bad webhook: Failed to resolve host: Name or service not known');
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(loopback && parsed.protocol === 'http:')) {
    return badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  }
  const secret = params.secret_token;
  if (secret !== undefined && (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) {
    return badRequest('secret token contains unallowed characters');
  }
  const maxConnections = params.max_connections === undefined ? 40 : Number(params.max_connections);
  if (!Number.isInteger(maxConnections) || maxConnections < 1 || maxConnections > 100) {
    return badRequest('bad webhook: max_connections must be between 1 and 100');
  }
  const allowed = typeof params.allowed_updates === 'string' ? safeJson(params.allowed_updates) : params.allowed_updates;
  const allowedUpdates = Array.isArray(allowed) ? allowed.filter((kind): kind is string => typeof kind === 'string') : undefined;
  if (allowed !== undefined && allowedUpdates?.length !== (Array.isArray(allowed) ? allowed.length : -1)) {
    return badRequest("can't parse allowed updates");
  }
  return {
    url,
    ...(typeof secret === 'string' ? { secretToken: secret } : {}),
    maxConnections,
    ...(allowedUpdates !== undefined ? { allowedUpdates } : {}),
    dropPendingUpdates: params.drop_pending_updates === true || params.drop_pending_updates === 'true',
  };
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
