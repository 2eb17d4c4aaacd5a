import { z } from 'zod';
import { ChannelError, readCappedBody } from '@fio/channel-kit';
import { graphError } from './graph-error.ts';

/** Where and how to reach the Graph API for one connection. */
export interface GraphConnection {
  apiBaseUrl: string;
  apiVersion: string;
  accessToken: string;
  fetch: typeof fetch;
  now: Date;
  /** Aborts a call after this long (default 15 s). */
  timeoutMs?: number;
}

const sendResponseSchema = z.object({ messages: z.array(z.object({ id: z.string().min(1).max(256) })).min(1) });

const mediaInfoSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  mime_type: z.string().min(1).max(255),
  file_size: z.coerce.number().int().nonnegative().optional(),
});
export type MediaInfo = z.output<typeof mediaInfoSchema>;

/**
 * The thin Graph API client: `POST /{version}/{phone-number-id}/messages` and the two media calls.
 * Every failure becomes a coded ChannelError (see graph-error.ts); nothing here knows Fio's content.
 */
export async function postMessage(conn: GraphConnection, phoneNumberId: string, body: Record<string, unknown>): Promise<string> {
  const response = await call(conn, `${encodeURIComponent(phoneNumberId)}/messages`, {
    method: 'POST',
    contentType: 'application/json',
    body: JSON.stringify(body),
  });
  const json = await readJson(response);
  const parsed = sendResponseSchema.safeParse(json);
  const id = parsed.success ? parsed.data.messages[0]?.id : undefined;
  if (id === undefined) {
    // Meta accepted the request but named no message: sending again could deliver it twice.
    throw new ChannelError({
      code: 'rejected',
      message: 'WhatsApp answered 2xx without a message id; the message may have been delivered, so it is not retried',
      retryable: false,
    });
  }
  return id;
}

/** `GET /{version}/{media-id}`: a short-lived download URL, its MIME type and size. */
export async function getMediaInfo(conn: GraphConnection, mediaId: string): Promise<MediaInfo> {
  const response = await call(conn, encodeURIComponent(mediaId), { method: 'GET' });
  const json = await readJson(response);
  const parsed = mediaInfoSchema.safeParse(json);
  if (!parsed.success) {
    throw new ChannelError({ code: 'rejected', message: `WhatsApp media ${mediaId}: unexpected media info answer`, retryable: false });
  }
  return parsed.data;
}

const templatesPageSchema = z.object({
  data: z.array(
    z.object({
      name: z.string().min(1).max(512),
      language: z.string().min(2).max(16),
      status: z.string().optional(),
      category: z.string().nullable().optional(),
      components: z.array(z.object({ type: z.string(), text: z.string().optional() }).passthrough()).default([]),
    }),
  ),
  paging: z.object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() }).optional(),
});
export type TemplatesPage = z.output<typeof templatesPageSchema>;

/** `GET /{version}/{waba-id}/message_templates?status=APPROVED`: one page of the account's approved templates. */
export async function getApprovedTemplates(conn: GraphConnection, accountId: string, after?: string): Promise<TemplatesPage> {
  const query = new URLSearchParams({ status: 'APPROVED', fields: 'name,language,status,category,components', limit: '100' });
  if (after) query.set('after', after);
  const response = await call(conn, `${encodeURIComponent(accountId)}/message_templates?${query.toString()}`, { method: 'GET' });
  const json = await readJson(response);
  const parsed = templatesPageSchema.safeParse(json);
  if (!parsed.success)
    throw new ChannelError({ code: 'rejected', message: 'WhatsApp: unexpected message_templates answer', retryable: false });
  return parsed.data;
}

/** The answer's JSON, or null when it is not JSON (the callers then refuse it with their own words). */
async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Downloads the media URL with the bearer token, refusing more than `maxBytes` while reading. */
export async function downloadMedia(conn: GraphConnection, url: string, maxBytes: number): Promise<Uint8Array> {
  return withTimeout(conn, async (signal) => {
    const response = await send(conn, url, { method: 'GET', signal });
    if (!response.ok) throw await failure(conn, response);
    return readCappedBody(response, maxBytes, 'WhatsApp media');
  });
}

export function tooLarge(size: number, maxBytes: number): ChannelError {
  return new ChannelError({
    code: 'rejected',
    message: `WhatsApp media is larger than the ${maxBytes}-byte limit (at least ${size} bytes)`,
    retryable: false,
  });
}

interface GraphRequest {
  method: 'GET' | 'POST';
  contentType?: string;
  body?: string;
  signal?: AbortSignal;
}

async function call(conn: GraphConnection, path: string, init: GraphRequest): Promise<Response> {
  const url = `${conn.apiBaseUrl.replace(/\/+$/, '')}/${encodeURIComponent(conn.apiVersion)}/${path}`;
  return withTimeout(conn, async (signal) => {
    const response = await send(conn, url, { ...init, signal });
    if (!response.ok) throw await failure(conn, response);
    return response;
  });
}

async function send(conn: GraphConnection, url: string, init: GraphRequest): Promise<Response> {
  if (!conn.accessToken) {
    throw new ChannelError({ code: 'unauthorized', message: 'the WhatsApp connection has no access token', retryable: false });
  }
  const headers: Record<string, string> = { authorization: `Bearer ${conn.accessToken}`, 'user-agent': 'Fio' };
  if (init.contentType) headers['content-type'] = init.contentType;
  try {
    return await conn.fetch(url, {
      method: init.method,
      headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
      // Media downloads may be redirected to a CDN (fetch drops the token across origins); sends never are.
      redirect: init.method === 'GET' ? 'follow' : 'manual',
    });
  } catch (error) {
    throw transportError(error);
  }
}

async function failure(conn: GraphConnection, response: Response): Promise<ChannelError> {
  const text = await response.text().catch(() => '');
  return graphError(response.status, text, response.headers.get('retry-after'), conn.now);
}

/** A timer cleared when the call ends (AbortSignal.timeout would fire later for every call). */
async function withTimeout<T>(conn: GraphConnection, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const timer = setTimeout(
    () => abort.abort(new DOMException('WhatsApp did not answer in time', 'TimeoutError')),
    conn.timeoutMs ?? 15_000,
  );
  try {
    return await run(abort.signal);
  } catch (error) {
    throw error instanceof ChannelError ? error : transportError(error);
  } finally {
    clearTimeout(timer);
  }
}

function transportError(error: unknown): ChannelError {
  if (error instanceof ChannelError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ChannelError({ code: 'timeout', message: 'WhatsApp did not answer in time', retryable: true, cause: error });
  }
  const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
  return new ChannelError({ code: 'network_error', message: `could not reach WhatsApp: ${reason}`, retryable: true, cause: error });
}
