import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * scrypt is memory-hard: N=2^15, r=8 needs 128·N·r = 32 MiB per hash, which is what makes stolen
 * hashes expensive to guess on GPUs. Node's default maxmem (32 MiB) is exactly the need, so it is
 * raised. The parameters are stored in each hash: older ones still verify and are upgraded at sign-in.
 */
export const currentScryptParams: ScryptParams = { N: 32768, r: 8, p: 1 };

function scryptAsync(password: string, salt: Buffer, keylen: number, params: ScryptParams): Promise<Buffer> {
  const maxmem = 128 * params.N * params.r * params.p + 16 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keylen, { ...params, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** API tokens are random and high-entropy: a fast hash is enough, and lookups stay an index hit. */
export function generateApiToken(): string {
  return `fio_${randomBytes(24).toString('base64url')}`;
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

/** Passwords are people's: a slow, salted, memory-hard hash (scrypt). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = currentScryptParams;
  const hash = await scryptAsync(password, salt, 32, currentScryptParams);
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const actual = await scryptAsync(password, parsed.salt, parsed.hash.length, parsed.params);
  return actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash);
}

/** True when the hash was made with weaker parameters than today's (re-hash it at the next sign-in). */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  const { N, r, p } = parsed.params;
  return N < currentScryptParams.N || r < currentScryptParams.r || p < currentScryptParams.p;
}

/**
 * A hash of a random password nobody knows, with today's parameters: an unknown e-mail is checked
 * against it so that it takes as long to refuse as a wrong password.
 */
export const dummyPasswordHash = 'scrypt$32768$8$1$B13OczVJQ-PTAmN7SC-dSA$NeJHu_uxHvxFQJq-7bGQht-4d6wxaqFBgVaAgc0trv8';

function parseHash(stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } | null {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  // Refuse absurd stored parameters rather than allocate gigabytes for them.
  if (![params.N, params.r, params.p].every(Number.isSafeInteger) || params.N > 2 ** 20 || params.r > 32 || params.p > 16) return null;
  return { params, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}
