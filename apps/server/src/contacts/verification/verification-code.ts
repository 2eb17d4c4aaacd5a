import { createHmac, randomInt } from 'node:crypto';
import { safeEqual } from '@fio/channel-kit';

/** Six digits: easy to type on a phone, and with 5 attempts a guess succeeds once in 200,000. */
const codeDigits = 6;

/** A fresh one-time code, uniformly random (not Math.random: the code is the whole secret). */
export function generateVerificationCode(): string {
  return String(randomInt(0, 10 ** codeDigits)).padStart(codeDigits, '0');
}

/**
 * The stored form of a code: a MAC keyed by the server's derived verification key and bound to the
 * verification row, so a leaked table reveals nothing and a hash cannot be replayed on another row.
 */
export function hashVerificationCode(key: Buffer, verificationId: string, code: string): string {
  return createHmac('sha256', key).update(`${verificationId}:${code}`).digest('hex');
}

/** Constant time: how far a wrong code matches says nothing about the right one. */
export function verificationCodeMatches(key: Buffer, verificationId: string, code: string, storedHash: string): boolean {
  return safeEqual(hashVerificationCode(key, verificationId, code), storedHash);
}

/**
 * The code in a customer's message: the first run of 4 to 8 digits standing alone ("123456",
 * "o código é 123 456", "123-456"). Digits inside a longer number (a phone, an order) are not a code.
 */
export function extractVerificationCode(text: string): string | null {
  for (const match of text.matchAll(/(?<![\d])\d(?:[\s.-]?\d){3,7}(?![\d])/g)) {
    const digits = match[0].replace(/\D/g, '');
    if (digits.length >= 4 && digits.length <= 8) return digits;
  }
  return null;
}
