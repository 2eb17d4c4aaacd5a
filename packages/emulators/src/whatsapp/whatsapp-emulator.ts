import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createEmulatorState,
  postWebhook,
  readBody,
  sendJson,
  type CustomerIdentity,
  type CustomerView,
  type ProviderEmulator,
  type WebhookAnswer,
} from '../emulator-kit.ts';
import { toSender, windowKey } from './customer-identity.ts';
import { toCustomerView } from './customer-view.ts';
import { defaultTemplates, listTemplatesPage, type EmulatedTemplate } from './message-templates.ts';
import { validateMessage, type GraphErrorBody } from './validate-message.ts';
import {
  customerMessageValue,
  messagesWebhook,
  newMessageId,
  signWebhook,
  statusValue,
  type BusinessNumber,
  type WhatsAppStatusError,
} from './webhook-payloads.ts';

export interface WhatsAppEmulatorOptions {
  phoneNumberId: string;
  accessToken: string;
  appSecret: string;
  /** Fio's webhook URL for this connection; a function when it is known only once Fio listens. */
  webhookUrl: string | (() => string);
  displayPhoneNumber?: string;
  businessAccountId?: string;
  /** After each accepted send, post these statuses in order (default none: tests that count requests stay exact). */
  statusCallbacks?: ('sent' | 'delivered' | 'read')[];
  /** The emulator's clock (the 24-hour window and timestamps); `setNow`/`advance` move it. */
  now?: () => Date;
  /** Base URL media download links point at (default: the Host the request came to). */
  publicBaseUrl?: string;
  /** The account's message templates (default: three approved, one pending; see message-templates.ts). */
  templates?: readonly EmulatedTemplate[];
  /**
   * Whether webhooks carry each customer's business-scoped user id (`user_id`, `from_user_id`) beside
   * the phone, as Meta's have since 2026 (default true).
   */
  businessScopedUserIds?: boolean;
}

export interface WhatsAppCustomerMedia {
  kind: 'image' | 'audio' | 'video' | 'document' | 'sticker';
  bytes: Uint8Array;
  mimeType: string;
  filename?: string;
  caption?: string;
}

export interface WhatsAppCustomerActions {
  sendText(from: CustomerIdentity, text: string): Promise<WebhookAnswer>;
  pickOption(from: CustomerIdentity, message: CustomerView, optionIndex: number): Promise<WebhookAnswer>;
  sendMedia(from: CustomerIdentity, media: WhatsAppCustomerMedia): Promise<WebhookAnswer>;
  sendLocation(
    from: CustomerIdentity,
    location: { latitude: number; longitude: number; name?: string; address?: string },
  ): Promise<WebhookAnswer>;
}

export interface WhatsAppEmulator extends ProviderEmulator {
  readonly customer: WhatsAppCustomerActions;
  /** Posts a status webhook for a message the emulator accepted (a failed one with Meta's error). */
  postStatus(
    providerMessageId: string,
    status: 'sent' | 'delivered' | 'read' | 'failed',
    error?: WhatsAppStatusError,
  ): Promise<WebhookAnswer>;
  /** Posts any body with a valid signature (or the given one), for tests of odd payloads. */
  postRaw(body: string, signature?: string): Promise<WebhookAnswer>;
  /** Stores bytes as WhatsApp media and returns its media id. */
  addMedia(bytes: Uint8Array, mimeType: string): string;
  /** From now on this customer's webhooks show only the BSUID (a username adopted, the number hidden). */
  hidePhoneNumber(address: string): void;
  setNow(date: Date): void;
  advance(ms: number): void;
}

const windowMs = 24 * 60 * 60 * 1000;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A local WhatsApp Business Cloud API (Graph) for one business number, written from Meta's docs. */
export function createWhatsAppEmulator(options: WhatsAppEmulatorOptions): WhatsAppEmulator {
  const state = createEmulatorState();
  const number: BusinessNumber = {
    phoneNumberId: options.phoneNumberId,
    businessAccountId: options.businessAccountId ?? '102290129340398',
    displayPhoneNumber: options.displayPhoneNumber ?? '5511900000000',
  };
  let offsetMs = 0;
  const now = () => new Date((options.now?.() ?? new Date()).getTime() + offsetMs);
  const media = new Map<string, { bytes: Uint8Array; mimeType: string }>();
  const lastCustomerMessageAt = new Map<string, number>();
  const sentTo = new Map<string, string>();

  const webhookUrl = () => (typeof options.webhookUrl === 'function' ? options.webhookUrl() : options.webhookUrl);
  const post = async (value: Record<string, unknown>) => {
    const { body, headers } = signWebhook(messagesWebhook(number, value), options.appSecret);
    return postWebhook(webhookUrl(), body, headers);
  };

  const addMedia = (bytes: Uint8Array, mimeType: string): string => {
    const id = String(10n ** 15n + BigInt(`0x${randomBytes(6).toString('hex')}`));
    media.set(id, { bytes, mimeType });
    return id;
  };

  const hiddenPhones = new Set<string>();
  const customerWrites = async (from: CustomerIdentity, message: Record<string, unknown> & { type: string }) => {
    const sender = toSender(from, options.businessScopedUserIds ?? true, hiddenPhones);
    for (const address of [sender.waId, sender.userId]) if (address) lastCustomerMessageAt.set(windowKey(address), now().getTime());
    return post(customerMessageValue(sender, { id: newMessageId(), ...message }, now()));
  };

  const handleSend = (body: Buffer, res: ServerResponse) => {
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return graphError(res, { status: 400, code: 100, message: '(#100) The request body is not valid JSON' });
    }
    if (!isObject(json)) return graphError(res, { status: 400, code: 100, message: '(#100) The request body must be a JSON object' });
    const message = json;
    if (message.status === 'read' && typeof message.message_id === 'string') return sendJson(res, 200, { success: true });
    const invalid = validateMessage(message);
    if (invalid) return graphError(res, invalid);
    const to = typeof message.to === 'string' ? message.to.replace(/^\+/, '') : String(message.recipient);
    const type = typeof message.type === 'string' ? message.type : 'text';
    const last = lastCustomerMessageAt.get(windowKey(to));
    if (type !== 'template' && (last === undefined || now().getTime() - last > windowMs)) {
      return graphError(res, {
        status: 400,
        code: 131047,
        message: 'Re-engagement message',
        details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
      });
    }
    const id = newMessageId();
    sentTo.set(id, to);
    const view = toCustomerView(id, to, message, now().toISOString());
    sendJson(res, 200, {
      messaging_product: 'whatsapp',
      contacts: [typeof message.to === 'string' ? { input: message.to, wa_id: to } : { input: to, user_id: to }],
      messages: [{ id }],
    });
    state.deliver(view);
    const statuses = options.statusCallbacks ?? [];
    if (statuses.length > 0) {
      // After the answer, in order, as Meta does: a failure here is the test's to notice, not the sender's.
      setImmediate(() => {
        void (async () => {
          // Meta downloads a media link after accepting the message; a link it cannot fetch fails it.
          const failure = await downloadLink(message[type]);
          if (failure) return post(statusValue(id, to, 'failed', now(), failure)).catch(() => undefined);
          for (const status of statuses) await post(statusValue(id, to, status, now())).catch(() => undefined);
        })();
      });
    }
  };

  const downloadLink = async (part: unknown): Promise<WhatsAppStatusError | null> => {
    const link = isObject(part) && typeof part.link === 'string' ? part.link : undefined;
    if (!link) return null;
    const failed = (reason: string): WhatsAppStatusError => ({ code: 131053, title: 'Media upload error', details: reason });
    try {
      const response = await fetch(link, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) return failed(`Downloading media from weblink failed with http code ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      addMedia(bytes, response.headers.get('content-type') ?? 'application/octet-stream');
      return null;
    } catch (error) {
      return failed(`Downloading media from weblink failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const handleMediaInfo = (req: IncomingMessage, res: ServerResponse, mediaId: string) => {
    const item = media.get(mediaId);
    if (!item) {
      return graphError(res, {
        status: 400,
        code: 100,
        subcode: 33,
        message: `Unsupported get request. Object with ID '${mediaId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      });
    }
    const base = options.publicBaseUrl ?? `http://${req.headers.host ?? '127.0.0.1'}`;
    sendJson(res, 200, {
      messaging_product: 'whatsapp',
      url: `${base.replace(/\/$/, '')}/whatsapp_business/attachments/?mid=${mediaId}&ext=${Date.now()}&hash=${randomBytes(8).toString('hex')}`,
      mime_type: item.mimeType,
      sha256: createHash('sha256').update(item.bytes).digest('hex'),
      file_size: item.bytes.byteLength,
      id: mediaId,
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const body = await readBody(req, 1024 * 1024);
    state.record(req, path, body);
    if (state.answerInjectedFailure(res)) return;
    if (req.headers.authorization !== `Bearer ${options.accessToken}`) {
      return graphError(res, { status: 401, code: 190, message: 'Invalid OAuth access token - Cannot parse access token' });
    }
    const segments = path.split('/').filter(Boolean);
    if (segments[0] === 'whatsapp_business' && segments[1] === 'attachments' && req.method === 'GET') {
      const mid = new URL(req.url ?? '/', 'http://emulator.local').searchParams.get('mid') ?? '';
      const item = media.get(mid);
      if (!item) return sendJson(res, 404, { error: { message: 'media not found' } });
      res.writeHead(200, { 'content-type': item.mimeType, 'content-length': String(item.bytes.byteLength) }).end(Buffer.from(item.bytes));
      return;
    }
    const [version, objectId, edge] = segments;
    if (!version || !/^v\d+\.\d+$/.test(version) || !objectId)
      return graphError(res, { status: 400, code: 100, message: `Unknown path ${path}` });
    if (req.method === 'POST' && edge === 'messages' && segments.length === 3) {
      if (objectId !== options.phoneNumberId) {
        return graphError(res, {
          status: 400,
          code: 100,
          subcode: 33,
          message: `Unsupported post request. Object with ID '${objectId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        });
      }
      return handleSend(body, res);
    }
    if (req.method === 'GET' && edge === 'message_templates' && segments.length === 3) {
      // Templates belong to the business account; the phone number's id is accepted too.
      if (objectId !== number.businessAccountId && objectId !== options.phoneNumberId)
        return graphError(res, {
          status: 400,
          code: 100,
          subcode: 33,
          message: `Unsupported get request. Object with ID '${objectId}' does not exist.`,
        });
      const query = new URL(req.url ?? '/', 'http://emulator.local').searchParams;
      return sendJson(res, 200, listTemplatesPage(options.templates ?? defaultTemplates, query));
    }
    if (req.method === 'GET' && segments.length === 2) return handleMediaInfo(req, res, objectId);
    return graphError(res, { status: 400, code: 100, message: `Unsupported ${req.method ?? 'GET'} request to ${path}` });
  };

  return {
    provider: 'whatsapp',
    handle,
    get requests() {
      return state.requests;
    },
    get delivered() {
      return state.delivered;
    },
    onDelivered: (listener) => state.onDelivered(listener),
    failNext: (count, status, opts) => state.failNext(count, status, opts),
    addMedia,
    hidePhoneNumber(address: string) {
      hiddenPhones.add(address.replace(/[^\d]/g, ''));
    },
    setNow(date: Date) {
      offsetMs += date.getTime() - now().getTime();
    },
    advance(ms: number) {
      offsetMs += ms;
    },
    postStatus(providerMessageId, status, error) {
      const to = sentTo.get(providerMessageId) ?? '';
      return post(statusValue(providerMessageId, to, status, now(), error));
    },
    postRaw(body, signature) {
      const expected = `sha256=${createHmac('sha256', options.appSecret).update(body).digest('hex')}`;
      return postWebhook(webhookUrl(), body, { 'content-type': 'application/json', 'x-hub-signature-256': signature ?? expected });
    },
    customer: {
      sendText: (from, text) => customerWrites(from, { type: 'text', text: { body: text } }),
      pickOption: (from, view, optionIndex) => {
        const option = view.options?.[optionIndex];
        if (!option) throw new Error(`message ${view.providerMessageId} has no option ${optionIndex}`);
        const interactive = isObject(view.raw) && isObject(view.raw.interactive) ? view.raw.interactive : {};
        const replyType = interactive.type === 'list' ? 'list_reply' : 'button_reply';
        return customerWrites(from, {
          type: 'interactive',
          context: { from: number.displayPhoneNumber, id: view.providerMessageId },
          interactive: { type: replyType, [replyType]: { id: option.id, title: option.label } },
        });
      },
      sendMedia: (from, item) => {
        const id = addMedia(item.bytes, item.mimeType);
        const sha256 = createHash('sha256').update(item.bytes).digest('base64');
        const part = {
          id,
          mime_type: item.mimeType,
          sha256,
          ...(item.caption ? { caption: item.caption } : {}),
          ...(item.filename && item.kind === 'document' ? { filename: item.filename } : {}),
          ...(item.kind === 'audio' ? { voice: false } : {}),
          ...(item.kind === 'sticker' ? { animated: false } : {}),
        };
        return customerWrites(from, { type: item.kind, [item.kind]: part });
      },
      sendLocation: (from, location) => customerWrites(from, { type: 'location', location }),
    },
  };
}

function graphError(res: ServerResponse, error: GraphErrorBody): void {
  sendJson(res, error.status, {
    error: {
      message: error.message,
      type: 'OAuthException',
      code: error.code,
      ...(error.subcode !== undefined ? { error_subcode: error.subcode } : {}),
      ...(error.details ? { error_data: { messaging_product: 'whatsapp', details: error.details } } : {}),
      fbtrace_id: randomBytes(9).toString('base64url'),
    },
  });
}
