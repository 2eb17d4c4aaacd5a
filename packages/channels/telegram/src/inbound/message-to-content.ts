import type { Content, IdentityClaim, MediaContent, MediaType } from '@fio/contracts';
import { fileRef } from '../provider-ids.ts';
import type { TelegramMessage } from './update.schema.ts';

export interface MessageContent {
  content: Content;
  /** Identities the message itself proves: the sender sharing their own phone number. */
  identities: IdentityClaim[];
}

// Message fields that say what a message is when Fio has no canonical kind for it: the placeholder
// names the first one present. Anything else falls back to "[message]".
const otherKinds = [
  'poll',
  'dice',
  'game',
  'story',
  'invoice',
  'successful_payment',
  'paid_media',
  'giveaway',
  'giveaway_winners',
  'checklist',
  'passport_data',
  'web_app_data',
  'users_shared',
  'chat_shared',
  'write_access_allowed',
  'forum_topic_created',
] as const;

// Service messages: Telegram telling the chat something happened (members joined, title changed, a
// message pinned). Nobody wrote to the business, so they become no event at all.
const serviceKinds = [
  'new_chat_members',
  'left_chat_member',
  'new_chat_title',
  'new_chat_photo',
  'delete_chat_photo',
  'group_chat_created',
  'supergroup_chat_created',
  'channel_chat_created',
  'message_auto_delete_timer_changed',
  'migrate_to_chat_id',
  'migrate_from_chat_id',
  'pinned_message',
  'proximity_alert_triggered',
  'boost_added',
  'chat_background_set',
  'video_chat_scheduled',
  'video_chat_started',
  'video_chat_ended',
  'video_chat_participants_invited',
  'forum_topic_edited',
  'forum_topic_closed',
  'forum_topic_reopened',
  'general_forum_topic_hidden',
  'general_forum_topic_unhidden',
  'connected_website',
] as const;

/**
 * A Telegram message's canonical content: text, the largest photo size, files, voice notes (audio),
 * round video notes (video), GIF animations (video), venues and locations, contacts. Stickers, polls,
 * dice and the rest are kept as unsupported with a readable placeholder; nothing is dropped. Service
 * messages (nobody wrote anything) give null.
 */
export function messageToContent(message: TelegramMessage): MessageContent | null {
  const caption = message.caption;
  const media = (mediaType: MediaType, file: { file_id: string; mime_type?: string; file_name?: string; file_size?: number }) =>
    only(mediaContent(mediaType, file, caption));

  if (message.text !== undefined) return only({ kind: 'text', text: message.text });
  if (message.photo !== undefined) {
    const largest = largestPhoto(message.photo);
    if (largest) return media('image', { ...largest, mime_type: 'image/jpeg' });
  }
  // An animation also carries a `document` copy: read it first, as the GIF (an MPEG-4 clip) it is.
  if (message.animation) return media('video', message.animation);
  if (message.document) return media('file', message.document);
  if (message.audio) return media('audio', message.audio);
  if (message.voice) return media('audio', { ...message.voice, mime_type: message.voice.mime_type ?? 'audio/ogg' });
  if (message.video) return media('video', message.video);
  if (message.video_note) return media('video', { ...message.video_note, mime_type: message.video_note.mime_type ?? 'video/mp4' });
  if (message.sticker) {
    const emoji = message.sticker.emoji ? ` ${message.sticker.emoji}` : '';
    return only({ kind: 'unsupported', placeholder: `[sticker${emoji}]`, providerKind: 'sticker' });
  }
  // A venue also carries its `location`: read it first, with its name and address.
  if (message.venue) {
    const { location, title, address } = message.venue;
    return only({ kind: 'location', latitude: location.latitude, longitude: location.longitude, name: title, address });
  }
  if (message.location) return only({ kind: 'location', latitude: message.location.latitude, longitude: message.location.longitude });
  if (message.contact) return contactContent(message);
  if (serviceKinds.some((key) => key in message)) return null;
  const kind = otherKinds.find((key) => key in message) ?? 'message';
  return only({ kind: 'unsupported', placeholder: `[${kind.replaceAll('_', ' ')}]`, providerKind: kind });
}

function contactContent(message: TelegramMessage): MessageContent {
  const contact = message.contact;
  if (!contact) return only({ kind: 'unsupported', placeholder: '[contact]', providerKind: 'contact' });
  const name = [contact.first_name, contact.last_name ?? ''].join(' ').trim() || contact.phone_number;
  const digits = contact.phone_number.replace(/[^\d]/g, '');
  // Telegram fills user_id with the sender's own id only when the number is the one on their account
  // (the "share my phone number" button): then the phone is proven, and joins their other channels.
  const ownNumber = contact.user_id !== undefined && contact.user_id === message.from?.id && digits.length >= 8;
  return {
    content: { kind: 'contact_card', name: name.slice(0, 1024), phones: [contact.phone_number], emails: [] },
    identities: ownNumber ? [{ kind: 'phone', value: `+${digits}`, verified: true }] : [],
  };
}

function mediaContent(
  mediaType: MediaType,
  file: { file_id: string; mime_type?: string; file_name?: string; file_size?: number },
  caption: string | undefined,
): MediaContent {
  return {
    kind: 'media',
    mediaType,
    url: fileRef(file.file_id),
    ...(file.mime_type ? { mimeType: file.mime_type } : {}),
    ...(file.file_name ? { filename: file.file_name } : {}),
    ...(caption ? { caption } : {}),
    ...(file.file_size !== undefined ? { sizeBytes: file.file_size } : {}),
  };
}

/** Telegram sends every size it made of a photo; the largest is the one the customer sent. */
function largestPhoto<T extends { width?: number; height?: number; file_size?: number }>(sizes: T[]): T | undefined {
  const area = (size: T) => (size.width ?? 0) * (size.height ?? 0) || (size.file_size ?? 0);
  return sizes.reduce<T | undefined>((best, size) => (best === undefined || area(size) >= area(best) ? size : best), undefined);
}

function only(content: Content): MessageContent {
  return { content, identities: [] };
}
