import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
let lastMs = 0;
let counter = 0;

/**
 * Time-ordered ids (ULID-like, lower-case Crockford base32): 10 chars of milliseconds, 4 of a
 * per-millisecond counter and 8 random ones, so ids sort by creation and pagination can use them.
 */
export function newId(prefix: string): string {
  const now = Date.now();
  if (now === lastMs) counter++;
  else {
    lastMs = now;
    counter = 0;
  }
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = alphabet[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let seq = '';
  let c = counter;
  for (let i = 0; i < 4; i++) {
    seq = alphabet[c % 32] + seq;
    c = Math.floor(c / 32);
  }
  const rnd = randomBytes(8);
  let rand = '';
  for (const b of rnd) rand += alphabet[b % 32];
  return `${prefix}_${time}${seq}${rand}`;
}
