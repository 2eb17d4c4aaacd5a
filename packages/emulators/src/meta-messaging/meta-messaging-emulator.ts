import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import {
  createEmulatorState,
  postWebhook,
  readBody,
  sendJson,
  type CustomerActions,
  type CustomerIdentity,
  type CustomerView,
  type ProviderEmulator,
  type WebhookAnswer,
} from '../emulator-kit.ts';
import { buildWebhookBody, signWebhookBody } from './build-webhook-payload.ts';
import { graphError, validateSendRequest, type Platform, type SendRequest } from './validate-send-request.ts';

/** One Facebook Page (Messenger) or Instagram professional account the emulator serves. */
export interface MetaMessagingAccount {
  platform: Platform;
  /** The Page id, or the Instagram professional account id: webhooks name it as entry id and recipient. */
  id: string;
  accessToken: string;
  appSecret: string;
  /** Fio's webhook URL for this account; may be given later with `setWebhookUrl`. */
  webhookUrl?: string;
}

export interface MetaMessagingEmulatorOptions {
  accounts: MetaMessagingAccount[];
  /** Status webhooks after each accepted send: none (default), delivered, or delivered and then read. */
  statusCallbacks?: 'none' | 'delivered' | 'read';
  /** Post an `is_echo` copy of each send, as Meta does for apps subscribed to message_echoes. */
  echoes?: boolean;
  /** Where the emulator's clock starts (default: now); move it with `setNow` / `advance`. */
  now?: Date;
}

/** The customer's side on Messenger or Instagram: everything a person can do in the thread. */
export interface MetaCustomerActions extends CustomerActions {
  pickOption(from: CustomerIdentity, message: CustomerView, optionIndex: number): Promise<WebhookAnswer>;
  /** Taps a button or an ice breaker / Get Started (a `postback`). */
  sendPostback(from: CustomerIdentity, title: string, payload: string): Promise<WebhookAnswer>;
  sendAttachment(from: CustomerIdentity, type: 'image' | 'audio' | 'video' | 'file', url: string): Promise<WebhookAnswer>;
}

export interface MetaMessagingEmulator extends ProviderEmulator {
  readonly customer: MetaCustomerActions;
  customerOf(accountId: string): MetaCustomerActions;
  setWebhookUrl(accountId: string, url: string): void;
  now(): Date;
  setNow(date: Date): void;
  advance(ms: number): void;
  /** Serves `body` at the returned path (relative to the emulator's URL), like Meta's CDN. */
  hostMedia(body: Uint8Array, mimeType: string): string;
  /** A signed webhook for `accountId` carrying one raw messaging item (for tests of odd payloads). */
  webhookFor(accountId: string, item: Record<string, unknown>): { url: string; body: string; headers: Record<string, string> };
  /** Fio's answers to the status and echo webhooks the emulator sent on its own, oldest first. */
  readonly callbackAnswers: readonly WebhookAnswer[];
}

const hour = 3_600_000;
const replyWindowMs = 24 * hour;
const humanAgentWindowMs = 7 * 24 * hour;
/** Messenger tags allowed outside the 24 hours for their documented purpose (no 7-day limit). */
const messengerUpdateTags = new Set(['CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE']);

export function createMetaMessagingEmulator(options: MetaMessagingEmulatorOptions): MetaMessagingEmulator {
  const first = options.accounts[0];
  if (!first) throw new Error('createMetaMessagingEmulator needs at least one account');
  const state = createEmulatorState();
  const accounts = new Map(options.accounts.map((account) => [account.id, { ...account }]));
  const lastInbound = new Map<string, number>();
  const media = new Map<string, { body: Uint8Array; mimeType: string }>();
  const callbackAnswers: WebhookAnswer[] = [];
  // The clock runs with real time from `options.now`; tests move it with setNow/advance.
  let offset = options.now ? options.now.getTime() - Date.now() : 0;
  const clockMs = () => Date.now() + offset;
  const now = () => new Date(clockMs());
  const newMid = () => `m_${randomBytes(24).toString('base64url')}`;

  const accountOf = (id: string) => {
    const account = accounts.get(id);
    if (!account) throw new Error(`the emulator has no account ${id}`);
    return account;
  };

  const webhookFor = (accountId: string, item: Record<string, unknown>) => {
    const account = accountOf(accountId);
    if (!account.webhookUrl) throw new Error(`no webhook URL set for account ${accountId}: call setWebhookUrl first`);
    const body = buildWebhookBody(account.platform === 'messenger' ? 'page' : 'instagram', account.id, item, now());
    return { url: account.webhookUrl, body, headers: signWebhookBody(account.appSecret, body) };
  };

  const post = async (accountId: string, item: Record<string, unknown>): Promise<WebhookAnswer> => {
    const { url, body, headers } = webhookFor(accountId, item);
    return postWebhook(url, body, headers);
  };

  const customerOf = (accountId: string): MetaCustomerActions => {
    const account = accountOf(accountId);
    const fromCustomer = (from: CustomerIdentity, fields: Record<string, unknown>) => {
      const at = clockMs();
      lastInbound.set(`${account.id}:${from.address}`, at);
      return post(account.id, { sender: { id: from.address }, recipient: { id: account.id }, timestamp: at, ...fields });
    };
    return {
      sendText: (from, text) => fromCustomer(from, { message: { mid: newMid(), text } }),
      pickOption: (from, message, optionIndex) => {
        const option = message.options?.[optionIndex];
        if (!option) throw new Error(`message ${message.providerMessageId} has no option ${optionIndex}`);
        return fromCustomer(from, { message: { mid: newMid(), text: option.label, quick_reply: { payload: option.id } } });
      },
      sendPostback: (from, title, payload) => fromCustomer(from, { postback: { mid: newMid(), title, payload } }),
      sendAttachment: (from, type, url) => fromCustomer(from, { message: { mid: newMid(), attachments: [{ type, payload: { url } }] } }),
    };
  };

  /** Echo and status webhooks, after the send's answer, as Meta sends them (asynchronously). */
  const afterSend = (account: MetaMessagingAccount, mid: string, request: SendRequest) => {
    if (!account.webhookUrl) return;
    const items: Record<string, unknown>[] = [];
    const at = clockMs();
    const base = { timestamp: at };
    if (options.echoes) {
      const message = { mid, is_echo: true, ...(request.text ? { text: request.text } : {}) };
      items.push({ ...base, sender: { id: account.id }, recipient: { id: request.recipientId }, message });
    }
    const fromCustomer = { ...base, sender: { id: request.recipientId }, recipient: { id: account.id } };
    const statuses = options.statusCallbacks ?? 'none';
    if (statuses !== 'none' && account.platform === 'messenger') items.push({ ...fromCustomer, delivery: { mids: [mid], watermark: at } });
    if (statuses === 'read') {
      items.push({ ...fromCustomer, read: account.platform === 'messenger' ? { watermark: at } : { mid } });
    }
    if (items.length === 0) return;
    setImmediate(() => {
      void (async () => {
        for (const item of items)
          callbackAnswers.push(await post(account.id, item).catch((err: unknown) => ({ status: 0, body: String(err) })));
      })();
    });
  };

  const handleSend = async (req: IncomingMessage, res: ServerResponse, path: string, body: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://emulator.local');
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? url.searchParams.get('access_token') ?? '';
    const account = [...accounts.values()].find((candidate) => candidate.accessToken === token);
    if (!account) return sendJson(res, 400, graphError(190, 'Invalid OAuth access token - Cannot parse access token'));
    const node = /^\/v\d+\.\d+\/([^/]+)\/messages$/.exec(path)?.[1];
    if (node !== 'me' && node !== account.id) {
      return sendJson(
        res,
        400,
        graphError(100, `(#100) Object with ID '${node ?? ''}' does not exist or the token cannot send for it`, 33, 'GraphMethodException'),
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(res, 400, graphError(100, '(#100) The request body is not valid JSON'));
    }
    const validated = validateSendRequest(json, account.platform);
    if (!validated.ok) return sendJson(res, validated.status, validated.body);
    const request = validated.request;
    const since = lastInbound.get(`${account.id}:${request.recipientId}`);
    if (since === undefined) return sendJson(res, 400, graphError(100, '(#100) No matching user found', 2018001));
    const windowError = checkWindow(account.platform, request, clockMs() - since);
    if (windowError) return sendJson(res, 400, windowError);
    if (request.senderAction) return sendJson(res, 200, { recipient_id: request.recipientId });

    const mid = newMid();
    sendJson(res, 200, { recipient_id: request.recipientId, message_id: mid });
    state.deliver(toCustomerView(mid, request, json, now()));
    afterSend(account, mid, request);
  };

  return {
    provider: 'meta-messaging',
    requests: state.requests,
    delivered: state.delivered,
    callbackAnswers,
    onDelivered: (listener) => state.onDelivered(listener),
    failNext: (count, status, opts) => state.failNext(count, status, opts),
    customer: customerOf(first.id),
    customerOf,
    webhookFor,
    setWebhookUrl: (accountId, url) => {
      accountOf(accountId).webhookUrl = url;
    },
    now,
    setNow: (date) => {
      offset = date.getTime() - Date.now();
    },
    advance: (ms) => {
      offset += ms;
    },
    hostMedia: (body, mimeType) => {
      const id = randomBytes(12).toString('hex');
      media.set(id, { body, mimeType });
      return `/cdn/${id}`;
    },
    async handle(req, res, path) {
      const body = await readBody(req);
      state.record(req, path, body);
      const cdn = /^\/cdn\/([0-9a-f]+)$/.exec(path);
      if (req.method === 'GET' && cdn?.[1]) {
        const file = media.get(cdn[1]);
        if (!file) return void res.writeHead(404).end();
        return void res.writeHead(200, { 'content-type': file.mimeType, 'content-length': String(file.body.byteLength) }).end(file.body);
      }
      if (state.answerInjectedFailure(res)) return;
      if (req.method === 'POST' && /\/messages$/.test(path)) return handleSend(req, res, path, body);
      sendJson(res, 400, graphError(100, `(#100) Unknown path components: ${path.slice(0, 100)}`, undefined, 'GraphMethodException'));
    },
  };
}

/** Meta's windows: 24 hours for any reply, 7 days for HUMAN_AGENT; Messenger's update tags have none. */
function checkWindow(platform: Platform, request: SendRequest, ageMs: number) {
  const outside = graphError(10, '(#10) This message is sent outside of allowed window.', platform === 'messenger' ? 2018278 : 2534022);
  if (request.messagingType !== 'MESSAGE_TAG') return ageMs <= replyWindowMs ? undefined : outside;
  if (request.tag === 'HUMAN_AGENT') return ageMs <= humanAgentWindowMs ? undefined : outside;
  if (platform === 'messenger' && request.tag !== undefined && messengerUpdateTags.has(request.tag)) return undefined;
  return graphError(100, `(#100) Param tag must be one of the documented message tags; got ${String(request.tag).slice(0, 40)}`);
}

function toCustomerView(mid: string, request: SendRequest, raw: unknown, at: Date): CustomerView {
  return {
    providerMessageId: mid,
    to: request.recipientId,
    text: request.text ?? '',
    ...(request.quickReplies.length > 0
      ? { options: request.quickReplies.map((reply) => ({ id: reply.payload, label: reply.title })) }
      : {}),
    ...(request.attachment ? { media: { kind: request.attachment.type, url: request.attachment.url } } : {}),
    raw,
    at: at.toISOString(),
  };
}
