import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * AES-256-GCM envelopes for secrets at rest: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts).
 * The key id lets old envelopes be read after a rotation (previous keys are kept for decryption only).
 */
export interface SecretBox {
  seal(plaintext: string): string;
  open(envelope: string): string;
  keyId: string;
  /** A 32-byte key for one purpose (signed media URLs, reply-address tokens), derived from the current key. */
  derive(purpose: string): Buffer;
}

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

function parseKey(raw: string, source: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new SecretBoxError(`${source}: the encryption key must be 32 bytes, base64 or hex encoded`);
  return key;
}

const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

export function createSecretBox(currentKey: string, previousKeys: string[] = []): SecretBox {
  const current = parseKey(currentKey, 'FIO_ENCRYPTION_KEY');
  const keys = new Map<string, Buffer>([[keyIdOf(current), current]]);
  for (const k of previousKeys) {
    const key = parseKey(k, 'FIO_ENCRYPTION_PREVIOUS_KEYS');
    keys.set(keyIdOf(key), key);
  }
  const keyId = keyIdOf(current);
  return {
    keyId,
    derive(purpose) {
      return Buffer.from(hkdfSync('sha256', current, Buffer.alloc(0), `fio:${purpose}`, 32));
    },
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
    },
    open(envelope) {
      const [version, id, iv, tag, ct] = envelope.split('.');
      if (version !== 'v1' || !id || !iv || !tag || ct === undefined) throw new SecretBoxError('not a sealed secret');
      const key = keys.get(id);
      if (!key) throw new SecretBoxError(`secret sealed with unknown key ${id}: set it in FIO_ENCRYPTION_PREVIOUS_KEYS`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/** Embedded mode: the key is generated on first run and kept (mode 0600) under the data dir. */
export function loadOrCreateKeyFile(dataDir: string): string {
  const file = join(dataDir, 'encryption.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}
