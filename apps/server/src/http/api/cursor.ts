import { AppError } from '../app-error.ts';

/** Opaque cursors: base64url of the last item's sort key. Clients must not build them. */
export function encodeCursor(key: string | number): string {
  return Buffer.from(JSON.stringify({ k: key })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | number | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { k?: unknown };
    if (typeof parsed.k === 'string' || typeof parsed.k === 'number') return parsed.k;
  } catch {
    // fall through
  }
  throw new AppError('invalid_cursor', 'the cursor is not one this API issued');
}

/** A cursor whose key must be a non-negative integer (a sequence number or a job id). */
export function decodeIntCursor(cursor: string | undefined): number | undefined {
  const key = decodeCursor(cursor);
  if (key === undefined) return undefined;
  if (typeof key === 'number' && Number.isSafeInteger(key) && key >= 0) return key;
  throw new AppError('invalid_cursor', 'the cursor is not one this API issued');
}
