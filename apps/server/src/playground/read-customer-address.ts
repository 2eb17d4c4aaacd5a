import type { ChannelType, IdentityKind } from '@fio/contracts';

export type CustomerAddress = { ok: true; address: string; kind: IdentityKind } | { ok: false; reason: string };

/**
 * The customer's address on a channel, as its provider writes it: phones as `+` and digits exactly as
 * typed (a WhatsApp number may lack Brazil's 9th digit; Fio, not the playground, knows they are one),
 * e-mail lower-cased, numeric ids as digits. Also the identity kind Fio files it under.
 */
export function readCustomerAddress(channel: ChannelType, raw: string): CustomerAddress {
  const typed = raw.trim();
  switch (channel) {
    case 'whatsapp':
    case 'sms':
    case 'voice': {
      if (!/^\+?[\d\s().-]{8,24}$/.test(typed)) return { ok: false, reason: `"${typed}" is not a phone number such as +55 11 98765-4321` };
      const digits = typed.replace(/\D/g, '');
      if (digits.length < 8 || digits.length > 15) return { ok: false, reason: 'a phone number has 8 to 15 digits with its country code' };
      return { ok: true, address: `+${digits}`, kind: 'phone' };
    }
    case 'email': {
      const email = typed.toLowerCase();
      if (!/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(email)) return { ok: false, reason: `"${typed}" is not an e-mail address` };
      return { ok: true, address: email, kind: 'email' };
    }
    case 'telegram':
      return /^\d{1,15}$/.test(typed)
        ? { ok: true, address: typed, kind: 'telegram_user' }
        : { ok: false, reason: 'a Telegram user is its numeric user id, such as 781234567' };
    case 'messenger':
      return /^\d{1,32}$/.test(typed)
        ? { ok: true, address: typed, kind: 'messenger_psid' }
        : { ok: false, reason: 'a Messenger customer is their numeric page-scoped id (PSID)' };
    case 'instagram':
      return /^\d{1,32}$/.test(typed)
        ? { ok: true, address: typed, kind: 'instagram_igsid' }
        : { ok: false, reason: 'an Instagram customer is their numeric Instagram-scoped id (IGSID)' };
    case 'webchat':
    case 'api':
      return { ok: false, reason: `the playground does not play ${channel} customers through an emulator` };
  }
}

/** Whether two spellings of an address are the same (`whatsapp:+55…`, `55…` and `+55…` are). */
export function sameAddress(a: string, b: string): boolean {
  const canonical = (s: string) => (s.includes('@') ? s.trim().toLowerCase() : s.replace(/\D/g, ''));
  return canonical(a) === canonical(b);
}
