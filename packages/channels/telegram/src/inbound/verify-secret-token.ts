import { safeEqual, type VerifyResult } from '@fio/channel-kit';

/** The header Telegram sends with every webhook once setWebhook was given a `secret_token`. */
export const secretTokenHeader = 'x-telegram-bot-api-secret-token';

/**
 * Telegram does not sign its webhooks: it echoes the `secret_token` given to setWebhook in a header.
 * The check is a constant-time comparison with the configured value; without one, nothing passes.
 */
export function verifySecretToken(headerValue: string | undefined, webhookSecret: string | undefined): VerifyResult {
  if (webhookSecret === undefined || webhookSecret === '') return { ok: false, reason: 'missing_secret' };
  if (headerValue === undefined || headerValue === '') return { ok: false, reason: 'missing_signature' };
  return safeEqual(headerValue, webhookSecret) ? { ok: true } : { ok: false, reason: 'bad_signature' };
}
