import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The common shape of Fio's provider emulators: local stand-ins for APIs we cannot reach from tests
 * (Meta Graph, Telegram Bot API, Twilio) written from the providers' documented wire formats. They are
 * independent of the channel packages on purpose: a test passes only if both sides read the docs alike.
 */

/** One API call Fio made to the emulator, as it arrived. */
export interface RecordedRequest {
  method: string;
  /** Path relative to the emulator's base URL, without the query string. */
  path: string;
  query: Record<string, string>;
  /** Header names lower-cased. */
  headers: Record<string, string | undefined>;
  body: Buffer;
  at: string;
}

/** What the customer sees of one message Fio sent: for the playground's phones and for tests. */
export interface CustomerView {
  /** The provider's id for it (what its status callbacks name). */
  providerMessageId: string;
  /** The customer's address on this provider (phone, chat id, PSID, e-mail). */
  to: string;
  text: string;
  /** Buttons, quick replies or list rows offered, in order. */
  options?: { id: string; label: string }[];
  media?: { kind: string; url: string; caption?: string };
  /** Voice: what the call does next ("gather", "dial sip:queue@...", "hangup"). */
  action?: string;
  /** The provider request as sent, for the playground's "raw" toggle. */
  raw: unknown;
  at: string;
}

/** Fio's HTTP answer to a webhook the emulator sent on the customer's behalf. */
export interface WebhookAnswer {
  status: number;
  body: string;
  contentType?: string;
}

export interface CustomerIdentity {
  /** The provider-side address: an E.164 phone (+5511...), a Telegram user id, a PSID, an e-mail address. */
  address: string;
  name?: string;
}

/** Plays the customer on one provider: sends the webhooks (or mail) the provider would send. */
export interface CustomerActions {
  sendText(from: CustomerIdentity, text: string): Promise<WebhookAnswer>;
  /** Picks option `optionIndex` of a message Fio sent (a button, quick reply, list row, or a digit on voice). */
  pickOption?(from: CustomerIdentity, message: CustomerView, optionIndex: number): Promise<WebhookAnswer>;
}

export interface FailureInjection {
  /** The next `count` API calls answer `status` (with Retry-After when given) instead of succeeding. */
  failNext(count: number, status: number, opts?: { retryAfterSeconds?: number; body?: string }): void;
}

export interface ProviderEmulator extends FailureInjection {
  readonly provider: string;
  /** Answers one request to the provider's API; `path` is relative to the emulator's base URL. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void>;
  /** Every API call received, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Every message delivered to a customer, oldest first. */
  readonly delivered: readonly CustomerView[];
  /** Called for each message delivered to a customer; returns the unsubscribe function. */
  onDelivered(listener: (view: CustomerView) => void): () => void;
  readonly customer: CustomerActions;
}

/** The bookkeeping every emulator shares: recorded requests, delivered messages, listeners, failures. */
export function createEmulatorState() {
  const requests: RecordedRequest[] = [];
  const delivered: CustomerView[] = [];
  const listeners = new Set<(view: CustomerView) => void>();
  let failures: { remaining: number; status: number; retryAfterSeconds?: number; body?: string } | null = null;
  return {
    requests,
    delivered,
    record(req: IncomingMessage, path: string, body: Buffer): RecordedRequest {
      const url = new URL(req.url ?? '/', 'http://emulator.local');
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      const recorded = {
        method: req.method ?? 'GET',
        path,
        query: Object.fromEntries(url.searchParams),
        headers,
        body,
        at: new Date().toISOString(),
      };
      requests.push(recorded);
      return recorded;
    },
    deliver(view: CustomerView): void {
      delivered.push(view);
      for (const listener of listeners) listener(view);
    },
    onDelivered(listener: (view: CustomerView) => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    failNext(count: number, status: number, opts: { retryAfterSeconds?: number; body?: string } = {}): void {
      failures = count > 0 ? { remaining: count, status, ...opts } : null;
    },
    /** Answers with the injected failure and returns true when one is pending. */
    answerInjectedFailure(res: ServerResponse): boolean {
      if (!failures || failures.remaining <= 0) return false;
      failures.remaining -= 1;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failures.retryAfterSeconds !== undefined) headers['retry-after'] = String(failures.retryAfterSeconds);
      res.writeHead(failures.status, headers).end(failures.body ?? JSON.stringify({ error: { message: 'injected failure' } }));
      if (failures.remaining === 0) failures = null;
      return true;
    },
  };
}

export async function readBody(req: IncomingMessage, limitBytes = 100 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > limitBytes) throw new Error(`request body over ${limitBytes} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** Posts a webhook to Fio the way a provider does and returns Fio's answer. */
export async function postWebhook(url: string, body: string | Uint8Array, headers: Record<string, string>): Promise<WebhookAnswer> {
  const payload = typeof body === 'string' ? body : new Uint8Array(body);
  const res = await fetch(url, { method: 'POST', body: payload, headers, redirect: 'manual' });
  return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') ?? undefined };
}

/** Serves one emulator on its own loopback port (tests); the playground mounts `handle` inside Fio instead. */
export async function listenEmulator(emulator: Pick<ProviderEmulator, 'handle'>): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://emulator.local').pathname;
    emulator.handle(req, res, path).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: err instanceof Error ? err.message : String(err) } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/**
 * Listens before the emulator exists: Fio needs the emulator's URL to start and the emulator needs
 * Fio's webhook URL to be made, so the port comes first and `set` plugs the emulator in afterwards.
 */
export async function listenLateEmulator<E extends Pick<ProviderEmulator, 'handle'>>(): Promise<{
  url: string;
  close(): Promise<void>;
  set(emulator: E): void;
}> {
  const holder: { emulator?: E } = {};
  const server = await listenEmulator({
    handle: async (req, res, path) => {
      if (!holder.emulator) throw new Error('emulator not ready');
      return holder.emulator.handle(req, res, path);
    },
  });
  return { url: server.url, close: () => server.close(), set: (emulator) => void (holder.emulator = emulator) };
}
