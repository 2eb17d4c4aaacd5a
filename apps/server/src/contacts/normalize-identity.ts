import type { IdentityClaim } from '@fio/contracts';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * The marker of a malformed e-mail or phone kept as typed: `raw:` can never start a normalised e-mail
 * or E.164 number, so a raw identity never equals (never joins) a real one.
 */
export const rawIdentityPrefix = 'raw:';

/**
 * Canonical forms, so one person is one identity however a channel spells it: e-mails lower-cased,
 * phones in E.164 with Brazilian mobiles always carrying the 9th digit (WhatsApp's wa_id omits it
 * for numbers registered before 2012: +55 11 8765-4321 and +55 11 98765-4321 are the same phone).
 */
export function normalizeIdentity(claim: IdentityClaim): IdentityClaim | null {
  switch (claim.kind) {
    case 'email': {
      const email = normalizeEmail(claim.value);
      return email ? { ...claim, value: email } : null;
    }
    case 'phone': {
      const phone = normalizePhone(claim.value);
      return phone ? { ...claim, value: phone } : null;
    }
    default: {
      const value = claim.value.trim();
      return value ? { ...claim, value } : null;
    }
  }
}

/**
 * Like normalizeIdentity, but a claim that does not normalise is kept instead of dropped: UNVERIFIED,
 * its trimmed value prefixed `raw:` (nothing a channel sent is thrown away, and it never matches a
 * real identity). Null only when nothing is left after trimming.
 */
export function normalizeOrKeepRaw(claim: IdentityClaim): IdentityClaim | null {
  const normalized = normalizeIdentity(claim);
  if (normalized) return normalized;
  const value = claim.value.trim();
  if (!value) return null;
  return { kind: claim.kind, value: `${rawIdentityPrefix}${value}`.slice(0, 512), verified: false };
}

/** True for an identity kept as typed because it did not normalise (see normalizeOrKeepRaw). */
export function isRawIdentity(claim: Pick<IdentityClaim, 'value'>): boolean {
  return claim.value.startsWith(rawIdentityPrefix);
}

export function normalizeEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}

export function normalizePhone(raw: string): string | null {
  let digits = raw.replace(/[^\d+]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  digits = digits.replace(/(?!^)\+/g, '');
  const bare = digits.replace(/^\+/, '');
  if (!/^\d{8,15}$/.test(bare)) return null;
  // libphonenumber knows each country's code and possible lengths ('+1 234' is no phone anywhere).
  const parsed = parsePhoneNumberFromString(`+${bare}`);
  if (!parsed?.isPossible()) return null;
  return `+${addBrazilianNinthDigit(`${parsed.countryCallingCode}${parsed.nationalNumber}`)}`;
}

/** 55 + 2-digit area code + 8-digit mobile (starting 6-9) gains the 9: 55 11 87654321 → 55 11 987654321. */
function addBrazilianNinthDigit(digits: string): string {
  if (digits.length === 12 && digits.startsWith('55')) {
    const area = digits.slice(2, 4);
    const subscriber = digits.slice(4);
    if (/^[1-9][1-9]$/.test(area) && /^[6-9]/.test(subscriber)) return `55${area}9${subscriber}`;
  }
  return digits;
}
