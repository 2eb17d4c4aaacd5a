import { type Entity } from './entity.ts';

const localChar = /[a-z0-9._%+-]/;
const domainChar = /[a-z0-9.-]/;

/**
 * E-mail addresses, lower-cased. The scan starts from each "@" and walks outwards instead of running
 * one regex from every position, which would be quadratic on a long run of letters.
 */
export function findEmails(text: string, folded: string): Entity[] {
  const found: Entity[] = [];
  let from = 0;
  for (let at = folded.indexOf('@'); at !== -1; at = folded.indexOf('@', from)) {
    from = at + 1;
    let start = at;
    while (start > 0 && localChar.test(folded.charAt(start - 1))) start -= 1;
    while (start < at && /[.-]/.test(folded.charAt(start))) start += 1;
    let end = at + 1;
    while (end < folded.length && domainChar.test(folded.charAt(end))) end += 1;
    while (end > at + 1 && /[.-]/.test(folded.charAt(end - 1))) end -= 1;
    if (start === at) continue;
    const domain = folded.slice(at + 1, end);
    if (!/^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/.test(domain)) continue;
    // Lower-case of the original, not the folded text: an accent in an address must not vanish.
    const original = text.slice(start, end);
    found.push({ type: 'email', value: original.toLowerCase(), text: original, start, end });
    from = end;
  }
  return found;
}
