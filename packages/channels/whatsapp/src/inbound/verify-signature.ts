import { hmacSha256Hex, safeEqual, type VerifyResult } from '@fio/channel-kit';

export const signatureHeader = 'x-hub-signature-256';

export interface VerifySignatureInput {
  /** The X-Hub-Signature-256 header as received. */
  signature: string | undefined;
  rawBody: Buffer;
  appSecret: string | undefined;
}

/**
 * Checks `X-Hub-Signature-256: sha256=<hex>`, Meta's HMAC-SHA256 of the raw body keyed with the app
 * secret. Pure and constant-time; the body is never re-serialised (Meta signs its own escaping) and the
 * expected value is never returned.
 */
export function verifySignature(input: VerifySignatureInput): VerifyResult {
  if (!input.appSecret) return { ok: false, reason: 'missing_secret' };
  const header = input.signature?.trim();
  if (!header) return { ok: false, reason: 'missing_signature' };
  const provided = header.toLowerCase().startsWith('sha256=') ? header.slice('sha256='.length).toLowerCase() : '';
  const expected = hmacSha256Hex(input.appSecret, input.rawBody);
  return safeEqual(expected, provided) ? { ok: true } : { ok: false, reason: 'bad_signature' };
}
