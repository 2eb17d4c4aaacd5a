import { createHmac } from 'node:crypto';
import { safeEqual } from '@fio/channel-kit';

/**
 * A conversation's token for reply addresses (`support+TOKEN@shop.example`): the id and a MAC, so a
 * reply to that address can be threaded even from another address, and a made-up token threads nothing.
 * Lower-case letters and digits only: it must survive mail systems that fold case.
 */
export function conversationToken(key: Buffer, conversationId: string): string {
  const body = conversationId.replace(/^cv_/, '');
  return `${body}${mac(key, conversationId)}`;
}

export function conversationIdFromToken(key: Buffer, token: string): string | null {
  const normalized = token.toLowerCase();
  const match = /^([0-9a-z]{22})([0-9a-f]{10})$/.exec(normalized);
  if (!match?.[1] || !match[2]) return null;
  const conversationId = `cv_${match[1]}`;
  return safeEqual(mac(key, conversationId), match[2]) ? conversationId : null;
}

function mac(key: Buffer, conversationId: string): string {
  return createHmac('sha256', key).update(conversationId).digest('hex').slice(0, 10);
}
