import { hmacSha256Hex } from '@fio/channel-kit';

/**
 * Signs a request body the way the API channel expects, in both directions: Fio signs its callbacks
 * with it, and a business's code (and our tests) sign what they POST to Fio's webhook.
 */
export const timestampHeader = 'x-fio-timestamp';
export const signatureHeader = 'x-fio-signature';

export interface ApiSignatureHeaders {
  'x-fio-timestamp': string;
  'x-fio-signature': string;
}

/** `timestamp` is unix seconds (or a Date); the signature covers `${timestamp}.${body}`. */
export function signApiRequest(secret: string, body: string | Buffer, timestamp: number | Date = new Date()): ApiSignatureHeaders {
  const seconds = String(typeof timestamp === 'number' ? Math.floor(timestamp) : Math.floor(timestamp.getTime() / 1000));
  return {
    [timestampHeader]: seconds,
    [signatureHeader]: `sha256=${computeApiSignature(secret, seconds, body)}`,
  };
}

/** Hex HMAC-SHA256 over the timestamp, a dot and the raw body bytes (never re-encoded). */
export function computeApiSignature(secret: string, timestamp: string, body: string | Buffer): string {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return hmacSha256Hex(secret, Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), bytes]));
}
