import { ChannelError } from '@fio/channel-kit';
import type { ContactCardContent, Content, ListContent, LocationContent, MediaContent, QuickReply } from '@fio/contracts';
import { toCallbackData } from '../callback-data.ts';

/** One Bot API call: the method and its JSON parameters (chat_id included). */
export interface BotApiRequest {
  method: string;
  params: Record<string, unknown>;
}

/** Bot API limits Fio renders within (core.telegram.org/bots/api). */
export const telegramLimits = {
  textLength: 4096,
  captionLength: 1024,
  vcardBytes: 2048,
} as const;

const mediaMethods = {
  image: { method: 'sendPhoto', field: 'photo' },
  audio: { method: 'sendAudio', field: 'audio' },
  video: { method: 'sendVideo', field: 'video' },
  file: { method: 'sendDocument', field: 'document' },
} as const;

/**
 * Canonical content (already fitted to Telegram's capabilities) as the Bot API calls that show it, in
 * order. Usually one; media whose caption is longer than a caption may be goes out bare, its caption
 * following as a message. Throws ChannelError `unsupported_content` for what Telegram cannot show.
 */
export function renderRequests(address: string, content: Content): BotApiRequest[] {
  // Chat ids are integers (negative for groups); an address that is not one is a @channelusername.
  const chatId: number | string = /^-?\d{1,20}$/.test(address) && Number.isSafeInteger(Number(address)) ? Number(address) : address;
  switch (content.kind) {
    case 'text':
      return [textRequest(chatId, content.text, content.quickReplies)];
    case 'list':
      return [listRequest(chatId, content)];
    case 'media':
      return mediaRequests(chatId, content);
    case 'location':
      return [locationRequest(chatId, content)];
    case 'contact_card':
      return [contactRequest(chatId, content)];
    case 'template':
      // Telegram has no templates: fitting turns them into text; a stray one goes out as its fallback.
      if (content.fallbackText) return [textRequest(chatId, content.fallbackText)];
      throw unsupported(`a template ("${content.name}") without fallback text cannot be shown on Telegram`);
    case 'unsupported':
      throw unsupported(`content the customer sent as ${content.providerKind} cannot be sent back`);
  }
}

function textRequest(chatId: number | string, text: string, quickReplies: QuickReply[] = []): BotApiRequest {
  if (text.trim() === '') throw unsupported('Telegram refuses an empty message text');
  if (text.length > telegramLimits.textLength) throw unsupported(`text of ${text.length} characters is over Telegram's 4096`);
  return { method: 'sendMessage', params: { chat_id: chatId, text, ...inlineKeyboard(quickReplies) } };
}

/** A list is its text and one callback button per row; row descriptions join the text while it fits. */
function listRequest(chatId: number | string, list: ListContent): BotApiRequest {
  const rows = list.sections.flatMap((section) => section.rows);
  const described = rows.filter((row) => row.description).map((row) => `• ${row.title}: ${row.description ?? ''}`);
  const withDescriptions = described.length > 0 ? `${list.text}\n\n${described.join('\n')}` : list.text;
  const text = withDescriptions.length <= telegramLimits.textLength ? withDescriptions : list.text;
  return textRequest(
    chatId,
    text,
    rows.map((row) => ({ id: row.id, label: row.title })),
  );
}

function inlineKeyboard(options: QuickReply[]): { reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] } } {
  if (options.length === 0) return {};
  // One button per row: labels of up to 64 characters stay whole on a phone.
  return { reply_markup: { inline_keyboard: options.map((option) => [{ text: option.label, callback_data: toCallbackData(option.id) }]) } };
}

function mediaRequests(chatId: number | string, media: MediaContent): BotApiRequest[] {
  if (!/^https?:\/\//i.test(media.url)) throw unsupported(`Telegram fetches media by http(s) URL; got "${media.url.slice(0, 40)}"`);
  const { method, field } = mediaMethod(media);
  const caption = media.caption ?? '';
  const fits = caption.length <= telegramLimits.captionLength;
  const request: BotApiRequest = {
    method,
    params: { chat_id: chatId, [field]: media.url, ...(caption !== '' && fits ? { caption } : {}) },
  };
  return fits || caption.trim() === '' ? [request] : [request, textRequest(chatId, caption)];
}

/**
 * sendAudio plays MP3 and M4A only; an OGG/Opus recording is a voice note (sendVoice); any other audio
 * goes as a file, which every client can open.
 */
function mediaMethod(media: MediaContent): { method: string; field: string } {
  if (media.mediaType !== 'audio' || media.mimeType === undefined) return mediaMethods[media.mediaType];
  const type = media.mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (['audio/mpeg', 'audio/mp3', 'audio/mp4', 'audio/m4a', 'audio/x-m4a', 'audio/aac'].includes(type)) return mediaMethods.audio;
  if (['audio/ogg', 'audio/opus'].includes(type)) return { method: 'sendVoice', field: 'voice' };
  return mediaMethods.file;
}

function locationRequest(chatId: number | string, location: LocationContent): BotApiRequest {
  const { latitude, longitude } = location;
  const title = location.name || location.address;
  // A named place is a venue (title and address both required); a bare point is a location.
  if (!title) return { method: 'sendLocation', params: { chat_id: chatId, latitude, longitude } };
  return { method: 'sendVenue', params: { chat_id: chatId, latitude, longitude, title, address: location.address || title } };
}

function contactRequest(chatId: number | string, card: ContactCardContent): BotApiRequest {
  const phone = card.phones.find((p) => p.trim() !== '');
  if (phone === undefined) {
    // sendContact needs a phone number: a card of e-mails only goes out as text.
    return textRequest(chatId, [card.name, ...card.emails].join('\n'));
  }
  const vcard = toVcard(card);
  return {
    method: 'sendContact',
    params: {
      chat_id: chatId,
      phone_number: phone,
      first_name: card.name,
      ...(vcard !== undefined ? { vcard } : {}),
    },
  };
}

/** Every phone and e-mail of the card, as vCard 3.0 (Telegram shows them), when it fits 2048 bytes. */
function toVcard(card: ContactCardContent): string | undefined {
  if (card.phones.length <= 1 && card.emails.length === 0) return undefined;
  const escape = (value: string) => value.replace(/[\\,;]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
  const lines = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `FN:${escape(card.name)}`,
    ...card.phones.map((phone) => `TEL;TYPE=CELL:${escape(phone)}`),
    ...card.emails.map((email) => `EMAIL:${escape(email)}`),
    'END:VCARD',
  ];
  const vcard = lines.join('\n');
  return Buffer.byteLength(vcard, 'utf8') <= telegramLimits.vcardBytes ? vcard : undefined;
}

function unsupported(message: string): ChannelError {
  return new ChannelError({ code: 'unsupported_content', message, retryable: false });
}
