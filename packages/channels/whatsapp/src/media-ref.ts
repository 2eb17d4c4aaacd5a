/**
 * Inbound media content carries the WhatsApp media id, not a URL: Meta's download URLs expire within
 * minutes and need the access token, so fetchMedia resolves the id when Fio stores the file.
 */
const prefix = 'whatsapp-media:';

export function mediaRef(mediaId: string): string {
  return `${prefix}${mediaId}`;
}

/** The media id in a ref this adapter wrote, or null for anything else. */
export function parseMediaRef(ref: string): string | null {
  if (!ref.startsWith(prefix)) return null;
  const id = ref.slice(prefix.length);
  return /^[A-Za-z0-9._-]{1,256}$/.test(id) ? id : null;
}
