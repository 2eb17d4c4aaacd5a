import { createHash } from 'node:crypto';
import type { CustomerIdentity } from '../emulator-kit.ts';
import type { CustomerSender } from './webhook-payloads.ts';

// How the emulated customer is named in webhooks: the wa_id, the business-scoped user id, or both.

/** `+55 11 99998-8888` → wa_id digits (and the customer's BSUID); an address that is not a phone is a BSUID. */
export function toSender(from: CustomerIdentity, withBsuid: boolean, hiddenPhones: ReadonlySet<string>): CustomerSender {
  const name = from.name ? { name: from.name } : {};
  if (!/^\+?[\d\s().-]+$/.test(from.address)) return { userId: from.address, ...name };
  const waId = from.address.replace(/[^\d]/g, '');
  if (!withBsuid) return { waId, ...name };
  const userId = businessScopedUserId(waId);
  // A customer who adopted a username and has not talked to the business lately shows only the BSUID.
  return hiddenPhones.has(waId) ? { userId, ...name } : { waId, userId, ...name };
}

const countryByCallingCode: [string, string][] = [
  ['55', 'BR'],
  ['351', 'PT'],
  ['54', 'AR'],
  ['52', 'MX'],
  ['34', 'ES'],
  ['1', 'US'],
];

/** Meta gives every user a stable BSUID per business portfolio: the country, a dot, then digits. */
export function businessScopedUserId(waId: string): string {
  const country = countryByCallingCode.find(([code]) => waId.startsWith(code))?.[1] ?? 'US';
  const hash = createHash('sha256')
    .update(`bsuid:${windowKey(waId)}`)
    .digest('hex')
    .slice(0, 16);
  return `${country}.${BigInt(`0x${hash}`).toString().padStart(20, '1')}`;
}

/** Brazilian mobiles with and without the 9th digit are one customer for the 24-hour window. */
export function windowKey(address: string): string {
  const match = /^55(\d{2})([6-9]\d{7})$/.exec(address);
  return match ? `55${match[1]}9${match[2]}` : address;
}
