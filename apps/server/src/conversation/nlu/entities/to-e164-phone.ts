import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { normalizePhone } from '../../../contacts/normalize-identity.ts';

/**
 * A phone as E.164, Brazil assumed when no country code is given. Brazilian mobiles written without
 * the 9th digit ("11 8765-4321", still common) gain it, exactly as contacts store them, so the slot
 * value matches the contact's identity.
 */
export function toE164Phone(raw: string): string | null {
  if (raw.length > 40) return null;
  const digits = raw.replace(/\D/g, '');
  const international = raw.trim().startsWith('+') || raw.trim().startsWith('00');
  const candidates = [raw];
  const withoutNinth = international ? /^55([1-9][1-9])([6-9]\d{7})$/.exec(digits) : /^(?:55)?([1-9][1-9])([6-9]\d{7})$/.exec(digits);
  if (withoutNinth) candidates.push(`+55${withoutNinth[1]}9${withoutNinth[2]}`);
  for (const candidate of candidates) {
    const phone = parsePhoneNumberFromString(candidate, 'BR');
    if (phone?.isValid()) return normalizePhone(phone.number);
  }
  return null;
}
