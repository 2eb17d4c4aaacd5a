import type { IdentityClaim } from '@fio/contracts';

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
  return `+${addBrazilianNinthDigit(bare)}`;
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
