import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where media bytes live. Local disk under the data dir by default; an S3-compatible store implements
 * the same three calls. Keys are Fio's (workspace/yyyy/mm/id), never a provider's or a customer's.
 */
export interface MediaStore {
  put(key: string, body: Uint8Array): Promise<void>;
  /** Null when the key holds nothing. */
  open(key: string): Promise<{ stream: Readable; sizeBytes: number } | null>;
  remove(key: string): Promise<void>;
}

export function createLocalMediaStore(rootDir: string): MediaStore {
  const root = resolve(rootDir);
  const pathOf = (key: string) => {
    const path = resolve(root, key);
    // Keys are built by Fio, but a key that climbs out of the root is refused all the same.
    if (!path.startsWith(root + sep)) throw new Error(`media key escapes the store: ${key}`);
    return path;
  };
  return {
    async put(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Written aside then renamed: a reader never sees half a file, a crash never leaves one.
      const partial = `${path}.partial`;
      await writeFile(partial, body);
      await rename(partial, path);
    },
    async open(key) {
      const path = pathOf(key);
      try {
        const info = await stat(path);
        return { stream: createReadStream(path), sizeBytes: info.size };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

export function mediaStorageKey(workspaceId: string, mediaId: string, now: Date): string {
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return join(workspaceId, String(now.getUTCFullYear()), month, mediaId).split(sep).join('/');
}
