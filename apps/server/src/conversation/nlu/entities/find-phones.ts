import { findPhoneNumbersInText } from 'libphonenumber-js';
import { type Entity } from './entity.ts';
import { toE164Phone } from './to-e164-phone.ts';

// A run of digits and phone punctuation: one linear scan finds where a phone could be.
const clusterPattern = /[+(]?\d[\d\s().-]*/g;
/** Longer runs are tables or noise, not a phone; libphonenumber is slow on them. */
const maxClusterLength = 48;
// Brazilian mobiles without the 9th digit, which libphonenumber no longer calls valid.
const oldMobilePattern = /(?<![\d+])(?:\+?55[\s.-]?)?\(?[1-9][1-9]\)?[\s.-]?[6-9]\d{3}[\s.-]?\d{4}(?!\d)/g;

/** Phone numbers, as E.164 (Brazil assumed without a country code). */
export function findPhones(text: string): Entity[] {
  const found: Entity[] = [];
  for (const cluster of text.matchAll(clusterPattern)) {
    const digits = cluster[0].replace(/\D/g, '').length;
    if (cluster[0].length > maxClusterLength || digits < 8) continue;
    const offset = cluster.index;
    for (const match of findPhoneNumbersInText(cluster[0], { defaultCountry: 'BR' })) {
      const value = toE164Phone(match.number.number);
      const start = offset + match.startsAt;
      const end = offset + match.endsAt;
      if (value) found.push({ type: 'phone', value, text: text.slice(start, end), start, end });
    }
    for (const match of cluster[0].matchAll(oldMobilePattern)) {
      const start = offset + match.index;
      const end = start + match[0].length;
      if (found.some((phone) => phone.start < end && start < phone.end)) continue;
      const value = toE164Phone(match[0]);
      if (value) found.push({ type: 'phone', value, text: match[0], start, end });
    }
  }
  return found;
}
