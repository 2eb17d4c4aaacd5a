import { badRequest, type BotApiFailure } from './bot-api-failure.ts';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Bot API limits (core.telegram.org/bots/api): text 1-4096, caption 0-1024, callback_data 1-64 bytes. */
export const limits = { text: 4096, caption: 1024, callbackDataBytes: 64, vcardBytes: 2048 } as const;

const mediaFields: Readonly<Record<string, string>> = {
  sendPhoto: 'photo',
  sendAudio: 'audio',
  sendVoice: 'voice',
  sendVideo: 'video',
  sendDocument: 'document',
};

/** The field a media method carries its file in (`photo` for sendPhoto...), or undefined. */
export function mediaField(method: string): string | undefined {
  return mediaFields[method];
}

/** Checks one send* call the way the Bot API does; null when it would be accepted. */
export function validateSend(method: string, params: Json): BotApiFailure | null {
  const keyboard = validateReplyMarkup(params.reply_markup);
  if (keyboard) return keyboard;
  switch (method) {
    case 'sendMessage': {
      const text = typeof params.text === 'string' ? params.text : '';
      if (text.trim() === '') return badRequest('message text is empty');
      if (text.length > limits.text) return badRequest('message is too long');
      return null;
    }
    case 'sendPhoto':
    case 'sendAudio':
    case 'sendVoice':
    case 'sendVideo':
    case 'sendDocument': {
      const field = mediaFields[method] ?? '';
      const file = params[field];
      if (typeof file !== 'string' || file === '') return badRequest(`there is no ${field} in the request`);
      if (!/^https?:\/\/[^\s]+$/i.test(file) && !/^[A-Za-z0-9_-]{20,}$/.test(file)) {
        return badRequest('wrong file identifier/HTTP URL specified');
      }
      if (typeof params.caption === 'string' && params.caption.length > limits.caption) return badRequest('message caption is too long');
      return null;
    }
    case 'sendLocation':
    case 'sendVenue': {
      if (typeof params.latitude !== 'number' || params.latitude < -90 || params.latitude > 90)
        return badRequest('wrong latitude specified');
      if (typeof params.longitude !== 'number' || params.longitude < -180 || params.longitude > 180) {
        return badRequest('wrong longitude specified');
      }
      if (method === 'sendVenue') {
        if (typeof params.title !== 'string' || params.title === '') return badRequest('venue title is empty');
        if (typeof params.address !== 'string' || params.address === '') return badRequest('venue address is empty');
      }
      return null;
    }
    case 'sendContact': {
      if (typeof params.phone_number !== 'string' || params.phone_number === '') return badRequest('phone number is empty');
      if (typeof params.first_name !== 'string' || params.first_name === '') return badRequest('first name is empty');
      if (typeof params.vcard === 'string' && Buffer.byteLength(params.vcard) > limits.vcardBytes) return badRequest('vCard is too long');
      return null;
    }
    default:
      return null;
  }
}

function validateReplyMarkup(markup: unknown): BotApiFailure | null {
  if (markup === undefined) return null;
  if (!isObject(markup) || !Array.isArray(markup.inline_keyboard)) return badRequest("can't parse reply keyboard markup JSON object");
  for (const row of markup.inline_keyboard) {
    if (!Array.isArray(row)) return badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
    for (const button of row) {
      if (!isObject(button) || typeof button.text !== 'string')
        return badRequest("can't parse inline keyboard button: Text must be non-empty");
      if (button.text.trim() === '') return badRequest('BUTTON_TEXT_INVALID');
      const data = button.callback_data;
      if (data === undefined && typeof button.url !== 'string') {
        return badRequest("can't parse inline keyboard button: InlineKeyboardButton must have exactly one of optional fields");
      }
      if (data !== undefined && (typeof data !== 'string' || data === '' || Buffer.byteLength(data) > limits.callbackDataBytes)) {
        return badRequest('BUTTON_DATA_INVALID');
      }
    }
  }
  return null;
}
