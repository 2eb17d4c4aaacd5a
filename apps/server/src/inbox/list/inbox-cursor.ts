import { AppError } from '../../http/app-error.ts';
import { decodeCursor, encodeCursor } from '../../http/api/cursor.ts';

/**
 * The list's keyset: the unassigned queue pages by (priority rank, queued instant, id), every other
 * view by (last activity, id). The view's letter is kept in the cursor so that a cursor of one view
 * is refused by another instead of skipping rows.
 */
export type InboxSortKey = { order: 'queue'; rank: number; at: string; id: string } | { order: 'recent'; at: string; id: string };

export function encodeInboxCursor(key: InboxSortKey): string {
  return encodeCursor(JSON.stringify(key.order === 'queue' ? ['q', key.rank, key.at, key.id] : ['r', key.at, key.id]));
}

export function decodeInboxCursor(cursor: string | undefined, order: InboxSortKey['order']): InboxSortKey | undefined {
  const key = decodeCursor(cursor);
  if (key === undefined) return undefined;
  let parts: unknown;
  try {
    parts = typeof key === 'string' ? JSON.parse(key) : null;
  } catch {
    parts = null;
  }
  if (Array.isArray(parts)) {
    const items: unknown[] = parts;
    const [letter, a, b, c] = items;
    if (order === 'queue' && letter === 'q' && typeof a === 'number' && typeof b === 'string' && typeof c === 'string')
      return { order, rank: a, at: b, id: c };
    if (order === 'recent' && letter === 'r' && typeof a === 'string' && typeof b === 'string') return { order, at: a, id: b };
  }
  throw new AppError('invalid_cursor', 'the cursor is not one this list issued (was it from another view?)');
}
