import { hmacSha256Hex, safeEqual, type VerifyResult } from '@fio/channel-kit';

export interface VerifySignatureInput {
  headers: Readonly<Record<string, string | undefined>>;
  rawBody: Buffer;
  appSecret: string | undefined;
}

const header = 'x-hub-signature-256';
const prefix = 'sha256=';

/**
 * Checks `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>` in constant time, on
 * the bytes exactly as received (Meta signs its \u-escaped JSON). Pure; never says what was expected.
 */
export function verifySignature(input: VerifySignatureInput): VerifyResult {
  if (!input.appSecret) return { ok: false, reason: 'missing_secret' };
  const signature = input.headers[header]?.trim();
  if (!signature) return { ok: false, reason: 'missing_signature' };
  const provided = signature.toLowerCase().startsWith(prefix) ? signature.slice(prefix.length).toLowerCase() : '';
  const expected = hmacSha256Hex(input.appSecret, input.rawBody);
  return safeEqual(expected, provided) ? { ok: true } : { ok: false, reason: 'bad_signature' };
}
