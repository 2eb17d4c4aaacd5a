import { safeEqual, type VerifyResult } from '@fio/channel-kit';
import { computeApiSignature, signatureHeader, timestampHeader } from '../sign-request.ts';

export interface VerifySignatureInput {
  headers: Readonly<Record<string, string | undefined>>;
  rawBody: Buffer;
  signingSecret: string | undefined;
  toleranceSeconds: number;
  /** When the request arrived. */
  now: Date;
}

/**
 * Checks `x-fio-signature: sha256=<hex>` over `${x-fio-timestamp}.${rawBody}` in constant time,
 * then that the timestamp is within the tolerance (replays). Pure; never says what was expected.
 */
export function verifySignature(input: VerifySignatureInput): VerifyResult {
  if (!input.signingSecret) return { ok: false, reason: 'missing_secret' };
  const timestamp = input.headers[timestampHeader]?.trim();
  const signature = input.headers[signatureHeader]?.trim();
  if (!timestamp || !signature) return { ok: false, reason: 'missing_signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad_signature' };

  const provided = signature.startsWith('sha256=') ? signature.slice('sha256='.length).toLowerCase() : '';
  const expected = computeApiSignature(input.signingSecret, timestamp, input.rawBody);
  if (!safeEqual(expected, provided)) return { ok: false, reason: 'bad_signature' };

  const ageSeconds = Math.abs(input.now.getTime() / 1000 - Number(timestamp));
  if (ageSeconds > input.toleranceSeconds) return { ok: false, reason: 'stale_timestamp' };
  return { ok: true };
}
