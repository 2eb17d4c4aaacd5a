import { safeEqual } from '@fio/channel-kit';
import { createHmac } from 'node:crypto';

/** Fio's own path for a stored media file; content urls of inbound media point here. */
export function mediaPath(mediaId: string): string {
  return `/media/${mediaId}`;
}

export function mediaIdFromPath(url: string): string | null {
  const match = /^\/media\/(med_[0-9a-z]{22})$/.exec(url);
  return match?.[1] ?? null;
}

/**
 * A link a provider (or a browser without our token) can fetch until it expires: providers download
 * the media we send by URL, so the URL itself carries the permission, signed and short-lived.
 */
export function signMediaUrl(key: Buffer, baseUrl: string, mediaId: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return `${baseUrl.replace(/\/$/, '')}${mediaPath(mediaId)}?exp=${exp}&sig=${signature(key, mediaId, exp)}`;
}

export function verifyMediaSignature(key: Buffer, mediaId: string, exp: string | undefined, sig: string | undefined, now: Date): boolean {
  if (!exp || !sig || !/^\d{1,12}$/.test(exp)) return false;
  const expires = Number(exp);
  if (expires * 1000 < now.getTime()) return false;
  return safeEqual(signature(key, mediaId, expires), sig);
}

function signature(key: Buffer, mediaId: string, exp: number): string {
  return createHmac('sha256', key).update(`${mediaId}.${exp}`).digest('base64url').slice(0, 32);
}
