import type { CustomerView } from '../emulator-kit.ts';
import { mediaField } from './validate-send.ts';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The Message object a send* method returns (and the chat shows), built from the call's parameters. */
export function botMessage(method: string, params: Json, ctx: { bot: Json; messageId: number; date: number }): Json {
  const chatId = Number(params.chat_id);
  const base: Json = {
    message_id: ctx.messageId,
    from: ctx.bot,
    chat: { id: Number.isFinite(chatId) ? chatId : params.chat_id, type: chatId < 0 ? 'group' : 'private' },
    date: ctx.date,
    ...(isObject(params.reply_markup) ? { reply_markup: params.reply_markup } : {}),
  };
  const caption = typeof params.caption === 'string' && params.caption !== '' ? { caption: params.caption } : {};
  const file = (extra: Json = {}) => ({ file_id: `BQAC${ctx.messageId}${method}`, file_unique_id: `AgAD${ctx.messageId}`, ...extra });
  switch (method) {
    case 'sendMessage':
      return { ...base, text: params.text };
    case 'sendPhoto':
      return { ...base, photo: [file({ width: 90, height: 67 }), file({ width: 1280, height: 960 })], ...caption };
    case 'sendAudio':
      return { ...base, audio: file({ duration: 0 }), ...caption };
    case 'sendVoice':
      return { ...base, voice: file({ duration: 0, mime_type: 'audio/ogg' }), ...caption };
    case 'sendVideo':
      return { ...base, video: file({ width: 0, height: 0, duration: 0 }), ...caption };
    case 'sendDocument':
      return { ...base, document: file({ file_name: lastSegment(str(params.document)) }), ...caption };
    case 'sendLocation':
      return { ...base, location: { latitude: params.latitude, longitude: params.longitude } };
    case 'sendVenue': {
      const location = { latitude: params.latitude, longitude: params.longitude };
      return { ...base, location, venue: { location, title: params.title, address: params.address } };
    }
    case 'sendContact':
      return {
        ...base,
        contact: {
          phone_number: params.phone_number,
          first_name: params.first_name,
          ...(typeof params.last_name === 'string' ? { last_name: params.last_name } : {}),
          ...(typeof params.vcard === 'string' ? { vcard: params.vcard } : {}),
        },
      };
    default:
      return base;
  }
}

/** What the customer's app shows for a message the bot sent. */
export function toCustomerView(method: string, params: Json, message: Json, at: string): CustomerView {
  const chat = isObject(message.chat) ? message.chat : {};
  const to = String(chat.id);
  const base = { providerMessageId: `${to}:${String(message.message_id)}`, to, raw: { method, params }, at };
  const keyboard =
    isObject(params.reply_markup) && Array.isArray(params.reply_markup.inline_keyboard) ? params.reply_markup.inline_keyboard : [];
  const options = keyboard
    .flat()
    .filter(isObject)
    .map((button) => ({ id: str(button.callback_data) || str(button.url), label: str(button.text) }));
  const withOptions = options.length > 0 ? { options } : {};
  const field = mediaField(method);
  if (field !== undefined) {
    const caption = str(params.caption);
    return {
      ...base,
      ...withOptions,
      text: caption || `[${field}]`,
      media: { kind: field, url: str(params[field]), ...(caption ? { caption } : {}) },
    };
  }
  switch (method) {
    case 'sendMessage':
      return { ...base, ...withOptions, text: str(params.text) };
    case 'sendLocation':
      return { ...base, text: `[location ${String(params.latitude)},${String(params.longitude)}]` };
    case 'sendVenue':
      return { ...base, text: `${str(params.title)}\n${str(params.address)}` };
    case 'sendContact':
      return { ...base, text: `[contact ${str(params.first_name)} ${str(params.phone_number)}]` };
    default:
      return { ...base, text: `[${method}]` };
  }
}

function lastSegment(url: string): string {
  const name = url.split(/[?#]/)[0]?.split('/').pop() ?? '';
  return name || 'file';
}
