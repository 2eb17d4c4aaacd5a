import type { Content, MediaType } from '@fio/contracts';
import type { FormParams } from './read-form-params.ts';

/** Twilio attaches at most ten media to one message. */
const maxMedia = 10;

export type ContentsResult = { ok: true; contents: Content[] } | { ok: false; reason: string };

/**
 * The canonical contents of one inbound message, in order. Media come one per content (Twilio sends up
 * to ten on one MMS) with the text as the first one's caption, so nothing is split from its picture.
 * WhatsApp's quick-reply buttons (`ButtonText`/`ButtonPayload`) and list picks (`ListTitle`/`ListId`)
 * become text with the option's payload; on plain SMS there are no buttons, so a stray ButtonText is
 * ignored. Shared locations become location content.
 */
export function readMessageContents(params: FormParams, whatsapp: boolean): ContentsResult {
  const body = params.get('Body') ?? '';
  const media = readMedia(params);
  if (!media.ok) return media;
  if (media.items.length > 0) {
    const contents: Content[] = media.items.map((item, index) => ({
      kind: 'media',
      mediaType: item.mediaType,
      url: item.url,
      ...(item.mimeType ? { mimeType: item.mimeType } : {}),
      ...(index === 0 && body.trim() ? { caption: body.slice(0, 4096) } : {}),
    }));
    return { ok: true, contents };
  }

  const location = readLocation(params);
  if (location) return { ok: true, contents: [location] };

  if (whatsapp) {
    const buttonText = params.get('ButtonText');
    if (buttonText) return { ok: true, contents: [withPayload(buttonText, params.get('ButtonPayload'))] };
    const listTitle = params.get('ListTitle');
    if (listTitle) return { ok: true, contents: [withPayload(listTitle, params.get('ListId'))] };
  }

  if (body !== '') return { ok: true, contents: [{ kind: 'text', text: body }] };
  const messageType = params.get('MessageType');
  const kind = messageType && messageType !== 'text' ? messageType.slice(0, 64) : 'empty';
  return {
    ok: true,
    contents: [{ kind: 'unsupported', placeholder: kind === 'empty' ? '[empty message]' : `[${kind}]`, providerKind: kind }],
  };
}

function withPayload(text: string, payload: string | undefined): Content {
  return payload ? { kind: 'text', text, payload: payload.slice(0, 256) } : { kind: 'text', text };
}

interface MediaItem {
  url: string;
  mimeType: string | undefined;
  mediaType: MediaType;
}

function readMedia(params: FormParams): { ok: true; items: MediaItem[] } | { ok: false; reason: string } {
  const rawCount = params.get('NumMedia') ?? '0';
  if (!/^\d{1,2}$/.test(rawCount) || Number(rawCount) > maxMedia) {
    return { ok: false, reason: `NumMedia "${rawCount.slice(0, 20)}" is not a count from 0 to ${maxMedia}` };
  }
  const items: MediaItem[] = [];
  for (let index = 0; index < Number(rawCount); index += 1) {
    const url = params.get(`MediaUrl${index}`)?.trim();
    // A count without its URLs is a cut or forged body: refusing beats storing half a message.
    if (!url) return { ok: false, reason: `NumMedia is ${rawCount} but MediaUrl${index} is missing` };
    if (url.length > 4096) return { ok: false, reason: `MediaUrl${index} is longer than 4096 characters` };
    const mimeType = params.get(`MediaContentType${index}`)?.trim().toLowerCase() || undefined;
    items.push({ url, mimeType: mimeType?.slice(0, 255), mediaType: mediaTypeOf(mimeType, url) });
  }
  return { ok: true, items };
}

/** By the content type Twilio reports, or the file extension when it reports none. */
export function mediaTypeOf(mimeType: string | undefined, url: string): MediaType {
  const family = mimeType?.split('/')[0];
  if (family === 'image' || family === 'video' || family === 'audio') return family;
  if (mimeType) return 'file';
  const extension = /\.([a-z0-9]{2,5})(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase() ?? '';
  if (['jpg', 'jpeg', 'png', 'gif', 'webp', 'bmp', 'heic'].includes(extension)) return 'image';
  if (['mp4', '3gp', 'mov', 'webm', 'mpeg'].includes(extension)) return 'video';
  if (['mp3', 'ogg', 'oga', 'opus', 'amr', 'm4a', 'aac', 'wav'].includes(extension)) return 'audio';
  return 'file';
}

function readLocation(params: FormParams): Content | null {
  const rawLatitude = params.get('Latitude')?.trim();
  const rawLongitude = params.get('Longitude')?.trim();
  if (!rawLatitude || !rawLongitude) return null;
  const latitude = Number(rawLatitude);
  const longitude = Number(rawLongitude);
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  const name = params.get('Label')?.trim();
  const address = params.get('Address')?.trim();
  return {
    kind: 'location',
    latitude,
    longitude,
    ...(name ? { name: name.slice(0, 1024) } : {}),
    ...(address ? { address: address.slice(0, 1024) } : {}),
  };
}
