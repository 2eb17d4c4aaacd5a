import type { Content, MediaType } from '@fio/contracts';
import type { MetaAttachment } from './webhook-payload.schema.ts';

const mediaTypes: Record<string, MediaType> = { image: 'image', video: 'video', audio: 'audio', file: 'file' };

/** Sticker ids of Messenger's like button (small, medium, large thumbs up). */
const likeStickers = new Set(['369239263222822', '369239343222814', '369239383222810']);

/** Readable placeholders for kinds Fio keeps but cannot show as media (the payload goes to `raw`). */
const placeholders: Record<string, string> = {
  reel: '[reel]',
  ig_reel: '[reel]',
  ig_post: '[shared post]',
  share: '[shared post]',
  story_mention: '[story mention]',
  like_heart: '[like ❤️]',
  template: '[template]',
  product: '[product]',
};

/**
 * One attachment → canonical content. Media keeps the CDN URL (fetched by `fetchMedia`, no auth);
 * locations become coordinates; stickers, reels, shares, story mentions and link previews become
 * `unsupported` with a readable placeholder.
 */
export function attachmentToContent(attachment: MetaAttachment): Content {
  const payload = attachment.payload ?? {};
  const url = typeof payload['url'] === 'string' ? payload['url'] : undefined;
  const stickerId = payload['sticker_id'];
  if (stickerId !== undefined) {
    const like = (typeof stickerId === 'number' || typeof stickerId === 'string') && likeStickers.has(String(stickerId));
    return unsupported(like ? '[like 👍]' : '[sticker]', 'sticker');
  }
  const mediaType = mediaTypes[attachment.type];
  if (mediaType !== undefined && url !== undefined && /^https?:\/\//i.test(url) && url.length <= 4096) {
    return { kind: 'media', mediaType, url };
  }
  if (attachment.type === 'location') {
    const location = readCoordinates(payload['coordinates']);
    if (location) return { kind: 'location', ...location, ...(attachment.title ? { name: attachment.title.slice(0, 1024) } : {}) };
    return unsupported('[location]', 'location');
  }
  if (attachment.type === 'fallback') {
    const title = typeof payload['title'] === 'string' ? payload['title'] : attachment.title;
    const label = [title, url].filter((part) => part !== undefined && part !== '').join(' ');
    return unsupported(label ? `[shared link: ${label}]` : '[shared link]', 'fallback');
  }
  const known = placeholders[attachment.type];
  return unsupported(known ?? `[${attachment.type.replace(/[^\w -]/g, '').slice(0, 48) || 'attachment'}]`, attachment.type);
}

function readCoordinates(value: unknown): { latitude: number; longitude: number } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const lat: unknown = Reflect.get(value, 'lat');
  const long: unknown = Reflect.get(value, 'long');
  if (typeof lat !== 'number' || typeof long !== 'number') return undefined;
  if (Math.abs(lat) > 90 || Math.abs(long) > 180) return undefined;
  return { latitude: lat, longitude: long };
}

function unsupported(placeholder: string, providerKind: string): Content {
  return { kind: 'unsupported', placeholder: placeholder.slice(0, 256), providerKind: providerKind.slice(0, 128) };
}
