import { findPhoneNumbersInText } from 'libphonenumber-js';
import { type Entity } from './entity.ts';
import { toE164Phone } from './to-e164-phone.ts';

// Brazilian mobiles without the 9th digit, which libphonenumber no longer calls valid.
const oldMobilePattern = /(?<![\d+])(?:\+?55[\s.-]?)?\(?[1-9][1-9]\)?[\s.-]?[6-9]\d{3}[\s.-]?\d{4}(?![\d])/g;

/** Phone numbers, as E.164 (Brazil assumed without a country code). */
export function findPhones(text: string): Entity[] {
  const found: Entity[] = [];
  for (const match of findPhoneNumbersInText(text, { defaultCountry: 'BR' })) {
    const value = toE164Phone(match.number.number);
    if (value)
      found.push({ type: 'phone', value, text: text.slice(match.startsAt, match.endsAt), start: match.startsAt, end: match.endsAt });
  }
  for (const match of text.matchAll(oldMobilePattern)) {
    const start = match.index;
    const end = start + match[0].length;
    if (found.some((phone) => phone.start < end && start < phone.end)) continue;
    const value = toE164Phone(match[0]);
    if (value) found.push({ type: 'phone', value, text: match[0], start, end });
  }
  return found;
}
