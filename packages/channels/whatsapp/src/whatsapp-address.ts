/**
 * The two ways WhatsApp names a customer: the `wa_id` (the phone number in international digits, no
 * plus) and, for people who hide their number behind a username, a business-scoped user id (BSUID):
 * an ISO country code, a dot, then letters and digits (`US.13491208655302741918`; a parent BSUID
 * shared by linked portfolios reads `US.ENT.1181...`).
 */
const waIdPattern = /^\d{8,15}$/;
const bsuidPattern = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;

/** A wa_id Fio accepts: 8 to 15 digits, the E.164 range Fio's phone identities use. */
export function isWaId(value: string): boolean {
  return waIdPattern.test(value);
}

export function isBsuid(value: string): boolean {
  return bsuidPattern.test(value);
}

/** Where an outbound message goes: `to` for a phone number, `recipient` for a BSUID (Meta's rule). */
export function recipientField(address: string): { to: string } | { recipient: string } | null {
  const trimmed = address.trim();
  if (isBsuid(trimmed)) return { recipient: trimmed };
  const digits = trimmed.replace(/^\+/, '');
  return isWaId(digits) ? { to: digits } : null;
}
