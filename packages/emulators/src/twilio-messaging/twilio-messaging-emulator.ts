import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createEmulatorState,
  postWebhook,
  readBody,
  sendJson,
  type CustomerIdentity,
  type ProviderEmulator,
  type WebhookAnswer,
} from '../emulator-kit.ts';
import { encodeForm, signTwilioWebhook } from './sign-twilio-webhook.ts';
import { incomingMessageForm, statusCallbackForm } from './webhook-forms.ts';
import {
  countSegments,
  injectedErrorBody,
  readMessageRequest,
  validateMessageRequest,
  type TwilioApiError,
} from './validate-message-request.ts';

export type TwilioMessageStatus = 'sent' | 'delivered' | 'read' | 'undelivered' | 'failed';

export interface TwilioMessagingEmulatorOptions {
  accountSid: string;
  authToken: string;
  /** The account's senders: E.164 numbers and `whatsapp:+...` senders. The first of each kind receives. */
  numbers: string[];
  messagingServiceSids?: string[];
  /** The numbers' "a message comes in" webhook: Fio's webhook URL for the connection (late-bound allowed). */
  webhookUrl: string | (() => string);
  /** Statuses posted to StatusCallback after each send, in order (default sent, delivered). */
  statusCallbacks?: TwilioMessageStatus[];
  /** Sign status callbacks with X-Twilio-Signature (default true; false imitates a forged callback). */
  signStatusCallbacks?: boolean;
  /** Media URLs require basic auth, as with "Enforce HTTP Auth on Media URLs" (default true). */
  mediaRequiresAuth?: boolean;
  /** Twilio's default opt-out keywords; a customer texting one is unsubscribed from that sender. */
  optOutKeywords?: string[];
  /**
   * Where media URLs redirect to: Twilio's storage lives on another host than the API. Serve the same
   * emulator on a second listener and give its URL here to test that (default: the API's own base URL).
   */
  mediaStorageBaseUrl?: string;
  /** The emulator's own base URL, for the media URLs it hands out (default: learned from the first API call). */
  baseUrl?: string | (() => string);
  optInKeywords?: string[];
}

export interface InboundMedia {
  body: Uint8Array;
  contentType: string;
}

export interface TwilioMessagingEmulator extends ProviderEmulator {
  readonly customer: ProviderEmulator['customer'] & {
    /** An MMS (or WhatsApp media): the media is stored here and its URL sent as MediaUrl0. */
    sendMedia(from: CustomerIdentity, media: InboundMedia, caption?: string): Promise<WebhookAnswer>;
  };
  /** Resolves once every status callback scheduled so far was posted. */
  settled(): Promise<void>;
  /** Fio's answers to status callbacks, oldest first. */
  readonly callbackAnswers: readonly WebhookAnswer[];
  /** Whether `address` has opted out of `sender` (a number or Messaging Service SID). */
  isUnsubscribed(sender: string, address: string): boolean;
}

const defaultOptOut = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'];
const defaultOptIn = ['START', 'YES', 'UNSTOP'];

export function createTwilioMessagingEmulator(options: TwilioMessagingEmulatorOptions): TwilioMessagingEmulator {
  const state = createEmulatorState();
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  const accountPath = `/2010-04-01/Accounts/${options.accountSid}`;
  const unsubscribed = new Set<string>();
  const media = new Map<string, InboundMedia>();
  const callbackAnswers: WebhookAnswer[] = [];
  let pending: Promise<void> = Promise.resolve();
  let learnedBaseUrl = '';
  const ownBaseUrl = (): string => {
    const configured = typeof options.baseUrl === 'function' ? options.baseUrl() : options.baseUrl;
    const url = configured ?? learnedBaseUrl;
    if (!url) throw new Error('the emulator does not know its own URL yet: give options.baseUrl');
    return url.replace(/\/$/, '');
  };

  const webhookUrl = () => (typeof options.webhookUrl === 'function' ? options.webhookUrl() : options.webhookUrl);
  const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
  const optOut = new Set((options.optOutKeywords ?? defaultOptOut).map((k) => k.toUpperCase()));
  const optIn = new Set((options.optInKeywords ?? defaultOptIn).map((k) => k.toUpperCase()));
  const isUnsubscribed = (sender: string, address: string) => unsubscribed.has(`${sender}\u0000${address}`);

  async function postSigned(url: string, params: [string, string][]): Promise<WebhookAnswer> {
    return postWebhook(url, encodeForm(params), {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'TwilioProxy/1.1',
      'i-twilio-idempotency-token': randomBytes(16).toString('hex'),
      'x-twilio-signature': signTwilioWebhook(options.authToken, url, params),
    });
  }

  /** Posts what Twilio posts when the customer texts the business. */
  async function receive(from: CustomerIdentity, body: string, attached?: InboundMedia): Promise<WebhookAnswer> {
    const whatsapp = from.address.startsWith('whatsapp:');
    const to = options.numbers.find((n) => n.startsWith('whatsapp:') === whatsapp);
    if (!to) throw new Error(`the emulator has no ${whatsapp ? 'WhatsApp' : 'SMS'} number to receive on`);
    const messageSid = sid(attached ? 'MM' : 'SM');
    const keyword = body.trim().toUpperCase();
    const senders = [to, ...(options.messagingServiceSids ?? [])];
    let optOutType: string | undefined;
    if (optOut.has(keyword)) {
      for (const sender of senders) unsubscribed.add(`${sender}\u0000${from.address}`);
      optOutType = 'STOP';
    } else if (optIn.has(keyword)) {
      for (const sender of senders) unsubscribed.delete(`${sender}\u0000${from.address}`);
      optOutType = 'START';
    }
    let mediaParam: { contentType: string; url: string } | undefined;
    if (attached) {
      const mediaSid = sid('ME');
      media.set(mediaSid, attached);
      mediaParam = { contentType: attached.contentType, url: `${ownBaseUrl()}${accountPath}/Messages/${messageSid}/Media/${mediaSid}` };
    }
    const params = incomingMessageForm({
      accountSid: options.accountSid,
      messageSid,
      from: from.address,
      to,
      body,
      ...(mediaParam ? { media: mediaParam } : {}),
      ...(whatsapp && from.name ? { profileName: from.name } : {}),
      ...(optOutType ? { optOutType } : {}),
    });
    return postSigned(webhookUrl(), params);
  }

  function scheduleStatusCallbacks(message: { sid: string; to: string; from: string | null; service: string | null }, url: string) {
    const statuses = options.statusCallbacks ?? ['sent', 'delivered'];
    pending = pending.then(async () => {
      for (const status of statuses) {
        const params = statusCallbackForm({
          accountSid: options.accountSid,
          messageSid: message.sid,
          status,
          to: message.to,
          from: message.from,
          messagingServiceSid: message.service,
          ...(status === 'undelivered' || status === 'failed' ? { errorCode: '30003' } : {}),
        });
        const answer =
          options.signStatusCallbacks === false
            ? await postWebhook(url, encodeForm(params), {
                'content-type': 'application/x-www-form-urlencoded',
                'x-twilio-signature': 'AAAA',
              })
            : await postSigned(url, params);
        callbackAnswers.push(answer);
      }
    });
    pending = pending.catch(() => undefined);
  }

  function createMessage(res: ServerResponse, body: Buffer): void {
    const form = new URLSearchParams(body.toString('utf8'));
    const request = readMessageRequest(form);
    const invalid = validateMessageRequest(request, {
      numbers: options.numbers,
      messagingServiceSids: options.messagingServiceSids ?? [],
      isUnsubscribed,
    });
    if (invalid) return answerError(res, invalid);
    const now = new Date().toUTCString().replace('GMT', '+0000');
    const messageSid = sid(request.mediaUrls.length > 0 ? 'MM' : 'SM');
    const whatsapp = request.to.startsWith('whatsapp:');
    const resource = {
      account_sid: options.accountSid,
      api_version: '2010-04-01',
      body: request.body,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: request.messagingServiceSid ? null : request.from,
      messaging_service_sid: request.messagingServiceSid,
      num_media: String(request.mediaUrls.length),
      // Twilio reports 0 segments until a Messaging Service picks the sender.
      num_segments: request.messagingServiceSid ? '0' : String(whatsapp ? 1 : countSegments(request.body)),
      price: null,
      price_unit: 'USD',
      sid: messageSid,
      status: request.messagingServiceSid ? 'accepted' : 'queued',
      subresource_uris: { media: `${accountPath}/Messages/${messageSid}/Media.json` },
      to: request.to,
      uri: `${accountPath}/Messages/${messageSid}.json`,
    };
    sendJson(res, 201, resource);
    const mediaUrl = request.mediaUrls[0];
    state.deliver({
      providerMessageId: messageSid,
      to: request.to,
      text: request.body,
      ...optionsOf(request.body),
      ...(mediaUrl ? { media: { kind: kindOf(mediaUrl), url: mediaUrl, ...(request.body ? { caption: request.body } : {}) } } : {}),
      raw: Object.fromEntries([...form.keys()].map((k) => [k, form.getAll(k).length > 1 ? form.getAll(k) : form.get(k)])),
      at: new Date().toISOString(),
    });
    if (request.statusCallback) {
      scheduleStatusCallbacks(
        { sid: messageSid, to: request.to, from: request.from, service: request.messagingServiceSid },
        request.statusCallback,
      );
    }
  }

  function serveMedia(req: IncomingMessage, res: ServerResponse, path: string): void {
    const stored = /\/Media\/(ME[0-9a-f]{32})$/.exec(path);
    const item = stored?.[1] ? media.get(stored[1]) : undefined;
    if (!item || !stored?.[1])
      return answerError(res, { status: 404, code: 20404, message: `The requested resource ${path} was not found` });
    if ((options.mediaRequiresAuth ?? true) && req.headers.authorization !== authorization) {
      return answerError(res, { status: 401, code: 20003, message: 'Authenticate' });
    }
    // Twilio answers with a temporary redirect to a signed storage URL that needs no credentials.
    res
      .writeHead(307, {
        location: `${options.mediaStorageBaseUrl ?? ownBaseUrl()}/media-storage/${stored[1]}?Signature=${randomBytes(8).toString('hex')}`,
      })
      .end();
  }

  return {
    provider: 'twilio-messaging',
    requests: state.requests,
    delivered: state.delivered,
    callbackAnswers,
    onDelivered: (listener) => state.onDelivered(listener),
    // Injected failures answer in Twilio's error shape unless the test gives its own body.
    failNext: (count, status, opts) => state.failNext(count, status, { ...opts, body: opts?.body ?? injectedErrorBody(status) }),
    isUnsubscribed,
    settled: () => pending,
    async handle(req, res, path) {
      learnedBaseUrl ||= `http://${req.headers.host ?? '127.0.0.1'}`;
      const body = await readBody(req, 1024 * 1024);
      state.record(req, path, body);
      const storage = /^\/media-storage\/(ME[0-9a-f]{32})$/.exec(path);
      if (storage?.[1] && req.method === 'GET') {
        const item = media.get(storage[1]);
        if (!item) return answerError(res, { status: 404, code: 20404, message: 'not found' });
        res.writeHead(200, { 'content-type': item.contentType, 'content-length': String(item.body.byteLength) }).end(item.body);
        return;
      }
      if (!path.startsWith('/2010-04-01/Accounts/'))
        return answerError(res, { status: 404, code: 20404, message: `The requested resource ${path} was not found` });
      if (req.headers.authorization !== authorization && !path.includes('/Media/')) {
        return answerError(res, { status: 401, code: 20003, message: 'Authenticate' });
      }
      if (!path.startsWith(`${accountPath}/`))
        return answerError(res, { status: 404, code: 20404, message: `The requested resource ${path} was not found` });
      if (req.method === 'GET' && path.includes('/Media/')) return serveMedia(req, res, path);
      if (state.answerInjectedFailure(res)) return;
      if (req.method === 'POST' && path === `${accountPath}/Messages.json`) return createMessage(res, body);
      return answerError(res, { status: 404, code: 20404, message: `The requested resource ${path} was not found` });
    },
    customer: {
      sendText: (from, text) => receive(from, text),
      sendMedia: (from, item, caption) => receive(from, caption ?? '', item),
      // SMS has no buttons: the customer answers a numbered option with its number.
      pickOption: (from, _message, optionIndex) => receive(from, String(optionIndex + 1)),
    },
  };
}

function answerError(res: ServerResponse, error: TwilioApiError): void {
  sendJson(res, error.status, {
    code: error.code,
    message: error.message,
    more_info: `https://www.twilio.com/docs/errors/${error.code}`,
    status: error.status,
  });
}

/** Numbered options as SMS shows them ("1. Label" lines), for the playground's phone and pickOption. */
function optionsOf(body: string): { options?: { id: string; label: string }[] } {
  const options = [...body.matchAll(/^\s*(\d{1,2})[.)-]\s+(.+)$/gm)].map((m) => ({ id: m[1] ?? '', label: (m[2] ?? '').trim() }));
  return options.length > 0 ? { options } : {};
}

function kindOf(url: string): string {
  const ext = /\.([a-z0-9]{2,5})(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase() ?? '';
  if (['jpg', 'jpeg', 'png', 'gif', 'webp'].includes(ext)) return 'image';
  if (['mp4', '3gp', 'mov'].includes(ext)) return 'video';
  if (['mp3', 'ogg', 'amr', 'm4a', 'wav'].includes(ext)) return 'audio';
  return 'file';
}
