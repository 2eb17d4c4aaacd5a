import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
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
import { badRequest, failure, injectedFailureBody, type BotApiFailure } from './bot-api-failure.ts';
import type { TelegramWebhookSettings } from './bot-api-params.ts';
import { callbackQuery, customerMessage } from './customer-updates.ts';
import { botMessage, toCustomerView } from './bot-messages.ts';
import { validateSend } from './validate-send.ts';
import { parseParams, parseWebhookSettings } from './bot-api-params.ts';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export type { TelegramWebhookSettings } from './bot-api-params.ts';

export interface TelegramEmulatorOptions {
  /** The token Fio must put in `/bot<token>/...`; its number before the colon is the bot's user id. */
  botToken: string;
  botUsername?: string;
  /** Where updates go until setWebhook names a URL (tests and the playground skip the registration); read per update. */
  webhookUrl?: string | (() => string);
  /** The secret_token sent with updates until setWebhook names one. */
  webhookSecret?: string;
  /** Chats the bot may write to before their user wrote (private chats exist once a user starts the bot). */
  knownChats?: string[];
  /** The customer's app language, sent as `from.language_code`. */
  languageCode?: string;
  now?: () => Date;
}

export interface TelegramCustomerActions extends CustomerActions {
  sendText(from: CustomerIdentity, text: string): Promise<WebhookAnswer>;
  /** Presses inline button `optionIndex` (in keyboard order) of a message the bot sent: a callback_query. */
  pickOption(from: CustomerIdentity, message: CustomerView, optionIndex: number): Promise<WebhookAnswer>;
  /** Edits the customer's last message to `text`: an edited_message update. */
  editLastText(from: CustomerIdentity, text: string): Promise<WebhookAnswer>;
  /** Sends a photo (stored for getFile) with an optional caption. */
  sendPhoto(from: CustomerIdentity, photo: { body: Uint8Array; caption?: string }): Promise<WebhookAnswer>;
  /** Posts any update (its kind field and payload), numbered with the next update_id. */
  sendUpdate(fields: Json): Promise<WebhookAnswer>;
  /** Posts the last update again, as Telegram does when it did not get a 2xx in time. */
  redeliverLast(): Promise<WebhookAnswer>;
}

export interface TelegramEmulator extends ProviderEmulator {
  readonly customer: TelegramCustomerActions;
  /** What setWebhook registered (null until it is called). */
  readonly webhook: TelegramWebhookSettings | null;
  /** answerCallbackQuery calls received, in order. */
  readonly answeredCallbackQueries: readonly { id: string; text?: string }[];
  /** Stores a file as if a user had sent it; getFile and the file URL then serve it. */
  addFile(body: Uint8Array, opts?: { filePath?: string }): { fileId: string; fileUniqueId: string; filePath: string };
  /** The user blocks the bot: sends to their chat answer 403. */
  blockBot(address: string): void;
}

interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  filePath: string;
  body: Uint8Array;
}

/** Bots download files of up to 20 MB through getFile. */
const maxDownloadBytes = 20 * 1024 * 1024;

export function createTelegramEmulator(options: TelegramEmulatorOptions): TelegramEmulator {
  const state = createEmulatorState();
  const now = options.now ?? (() => new Date());
  const botId = Number(options.botToken.split(':')[0]);
  const bot = { id: botId, is_bot: true, first_name: 'Fio Bot', username: options.botUsername ?? 'fio_test_bot' };
  const knownChats = new Set(options.knownChats ?? []);
  const blocked = new Set<string>();
  const messageCounters = new Map<string, number>();
  const sentMessages = new Map<string, Json>();
  const lastCustomerMessage = new Map<string, Json>();
  const pendingQueries = new Set<string>();
  const answered: { id: string; text?: string }[] = [];
  const files = new Map<string, StoredFile>();
  let webhook: TelegramWebhookSettings | null = null;
  // Telegram numbers updates sequentially from an arbitrary start.
  let nextUpdateId = 700_000_000 + Math.floor(Math.random() * 1000);
  let lastUpdate: string | null = null;

  const unix = () => Math.floor(now().getTime() / 1000);
  const nextMessageId = (chat: string) => {
    const id = (messageCounters.get(chat) ?? 0) + 1;
    messageCounters.set(chat, id);
    return id;
  };

  function addFile(body: Uint8Array, opts: { filePath?: string } = {}): StoredFile {
    const fileId = `AgAC${randomBytes(24).toString('base64url')}`;
    const stored = {
      fileId,
      fileUniqueId: `AQAD${randomBytes(6).toString('base64url')}`,
      filePath: opts.filePath ?? `photos/file_${files.size}.jpg`,
      body,
    };
    files.set(fileId, stored);
    return stored;
  }

  async function post(body: string): Promise<WebhookAnswer> {
    const url = webhook?.url ?? (typeof options.webhookUrl === 'function' ? options.webhookUrl() : options.webhookUrl);
    if (!url) throw new Error('no webhook: call setWebhook first or give webhookUrl');
    const secret = webhook ? webhook.secretToken : options.webhookSecret;
    lastUpdate = body;
    return postWebhook(url, body, {
      'content-type': 'application/json',
      ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}),
    });
  }

  const sendUpdate = (fields: Json) => post(JSON.stringify({ update_id: nextUpdateId++, ...fields }));

  function customerWrites(from: CustomerIdentity, fields: Json): Promise<WebhookAnswer> {
    knownChats.add(from.address);
    const message = customerMessage(from, nextMessageId(from.address), unix(), fields, options.languageCode);
    lastCustomerMessage.set(from.address, message);
    return sendUpdate({ message });
  }

  const customer: TelegramCustomerActions = {
    sendText: (from, text) => customerWrites(from, { text }),
    sendPhoto: (from, photo) => {
      const stored = addFile(photo.body);
      const size = (width: number, fileSize: number) => ({
        file_id: `${stored.fileId}${width}`,
        file_unique_id: `${stored.fileUniqueId}${width}`,
        width,
        height: Math.round(width * 0.75),
        file_size: fileSize,
      });
      // Telegram sends every size it made; the largest is the file itself.
      files.set(`${stored.fileId}1280`, stored);
      return customerWrites(from, {
        photo: [size(90, Math.min(1500, photo.body.byteLength)), size(1280, photo.body.byteLength)],
        ...(photo.caption ? { caption: photo.caption } : {}),
      });
    },
    editLastText: (from, text) => {
      const last = lastCustomerMessage.get(from.address);
      if (!last) throw new Error(`${from.address} has written nothing to edit`);
      const edited = { ...last, text, edit_date: unix() };
      lastCustomerMessage.set(from.address, edited);
      return sendUpdate({ edited_message: edited });
    },
    pickOption: (from, view, optionIndex) => {
      const message = sentMessages.get(view.providerMessageId);
      if (!message) throw new Error(`the bot sent no message ${view.providerMessageId}`);
      const keyboard =
        isObject(message.reply_markup) && Array.isArray(message.reply_markup.inline_keyboard) ? message.reply_markup.inline_keyboard : [];
      const button: unknown = keyboard.flat()[optionIndex];
      if (!isObject(button) || typeof button.callback_data !== 'string') throw new Error(`message has no callback button ${optionIndex}`);
      const queryId = String(BigInt(Math.floor(Math.random() * 1e15)) * 1000n + BigInt(answered.length));
      pendingQueries.add(queryId);
      return sendUpdate({ callback_query: callbackQuery(from, queryId, message, button.callback_data, options.languageCode) });
    },
    sendUpdate,
    redeliverLast: () => {
      if (lastUpdate === null) throw new Error('no update was sent yet');
      return post(lastUpdate);
    },
  };

  function callMethod(method: string, params: Json): { result: unknown; description?: string } | BotApiFailure {
    switch (method) {
      case 'getMe':
        return { result: { ...bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } };
      case 'sendMessage':
      case 'sendPhoto':
      case 'sendAudio':
      case 'sendVoice':
      case 'sendVideo':
      case 'sendDocument':
      case 'sendLocation':
      case 'sendVenue':
      case 'sendContact': {
        const chat = chatFailure(params.chat_id);
        if (chat) return chat;
        const invalid = validateSend(method, params);
        if (invalid) return invalid;
        const chatId = String(params.chat_id);
        const message = botMessage(method, params, { bot, messageId: nextMessageId(chatId), date: unix() });
        const view = toCustomerView(method, params, message, now().toISOString());
        sentMessages.set(view.providerMessageId, message);
        state.deliver(view);
        return { result: message };
      }
      case 'sendChatAction': {
        const chat = chatFailure(params.chat_id);
        if (chat) return chat;
        const actions = [
          'typing',
          'upload_photo',
          'record_video',
          'upload_video',
          'record_voice',
          'upload_voice',
          'upload_document',
          'choose_sticker',
          'find_location',
          'record_video_note',
          'upload_video_note',
        ];
        return typeof params.action === 'string' && actions.includes(params.action)
          ? { result: true }
          : badRequest('wrong parameter action in request');
      }
      case 'answerCallbackQuery': {
        const id = typeof params.callback_query_id === 'string' ? params.callback_query_id : '';
        if (!pendingQueries.delete(id)) return badRequest('query is too old and response timeout expired or query ID is invalid');
        answered.push({ id, ...(typeof params.text === 'string' ? { text: params.text } : {}) });
        return { result: true };
      }
      case 'getFile': {
        const file = typeof params.file_id === 'string' ? files.get(params.file_id) : undefined;
        if (!file) return badRequest('invalid file_id');
        if (file.body.byteLength > maxDownloadBytes) return badRequest('file is too big');
        return {
          result: { file_id: params.file_id, file_unique_id: file.fileUniqueId, file_size: file.body.byteLength, file_path: file.filePath },
        };
      }
      case 'setWebhook':
        return setWebhook(params);
      case 'deleteWebhook':
        webhook = null;
        return { result: true, description: 'Webhook was deleted' };
      case 'getWebhookInfo':
        return {
          result: {
            url: webhook?.url ?? '',
            has_custom_certificate: false,
            pending_update_count: 0,
            ...(webhook ? { max_connections: webhook.maxConnections } : {}),
            ...(webhook?.allowedUpdates ? { allowed_updates: webhook.allowedUpdates } : {}),
          },
        };
      default:
        return failure(404, 'Not Found');
    }
  }

  function chatFailure(chatId: unknown): BotApiFailure | null {
    if (typeof chatId !== 'string' && typeof chatId !== 'number') return badRequest('chat_id is empty');
    const chat = String(chatId);
    if (chat === '') return badRequest('chat_id is empty');
    if (blocked.has(chat)) return failure(403, 'Forbidden: bot was blocked by the user');
    if (!knownChats.has(chat)) return badRequest('chat not found');
    return null;
  }

  function setWebhook(params: Json): { result: unknown; description?: string } | BotApiFailure {
    const settings = parseWebhookSettings(params);
    if (settings !== null && 'status' in settings) return settings;
    webhook = settings;
    return { result: true, description: settings ? 'Webhook was set' : 'Webhook was deleted' };
  }

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const body = await readBody(req);
    const recorded = state.record(req, path, body);
    if (state.answerInjectedFailure(res)) return;
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(path);
    const call = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
    const token = decodeURIComponent(file?.[1] ?? call?.[1] ?? '');
    if (!file && !call) return answer(res, failure(404, 'Not Found'));
    if (token !== options.botToken) return answer(res, failure(401, 'Unauthorized'));
    if (file) {
      const filePath = decodeURIComponent(file[2] ?? '');
      const stored = [...files.values()].find((candidate) => candidate.filePath === filePath);
      if (!stored) return answer(res, failure(404, 'Not Found'));
      res
        .writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(stored.body.byteLength) })
        .end(Buffer.from(stored.body));
      return;
    }
    const params = parseParams(recorded.query, body, req.headers['content-type']);
    if (params === null) return answer(res, badRequest("can't parse JSON object"));
    const outcome = callMethod(call?.[2] ?? '', params);
    if ('status' in outcome) return answer(res, outcome);
    sendJson(res, 200, { ok: true, result: outcome.result, ...(outcome.description ? { description: outcome.description } : {}) });
  }

  return {
    provider: 'telegram',
    handle,
    get requests() {
      return state.requests;
    },
    get delivered() {
      return state.delivered;
    },
    onDelivered: (listener) => state.onDelivered(listener),
    failNext: (count, status, opts = {}) =>
      state.failNext(count, status, { ...opts, body: opts.body ?? injectedFailureBody(status, opts.retryAfterSeconds) }),
    customer,
    get webhook() {
      return webhook;
    },
    answeredCallbackQueries: answered,
    addFile: (body, opts) => {
      const stored = addFile(body, opts);
      return { fileId: stored.fileId, fileUniqueId: stored.fileUniqueId, filePath: stored.filePath };
    },
    blockBot: (address) => void blocked.add(address),
  };
}

function answer(res: ServerResponse, outcome: BotApiFailure): void {
  const retryAfter = outcome.body.parameters?.retry_after;
  sendJson(res, outcome.status, outcome.body, retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {});
}
