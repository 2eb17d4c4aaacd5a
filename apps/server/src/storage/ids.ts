import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
let lastMs = 0;
let counter = 0;

// One call to the system's random source per 512 ids rather than one per id.
let pool = Buffer.alloc(0);
let poolOffset = 0;
function randomChunk(): Buffer {
  if (poolOffset + 8 > pool.length) {
    pool = randomBytes(4096);
    poolOffset = 0;
  }
  const chunk = pool.subarray(poolOffset, poolOffset + 8);
  poolOffset += 8;
  return chunk;
}

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
  let rand = '';
  for (const b of randomChunk()) rand += alphabet[b % 32];
  return `${prefix}_${time}${seq}${rand}`;
}
