/**
 * The visitor's unacknowledged messages, oldest first. Pure list operations; the element persists the
 * list in localStorage so a message typed offline survives a reload and is resent with the same
 * clientMessageId (the server dedupes on it).
 */
import { readField } from './read-field.ts';

export interface OutboxEntry {
  clientMessageId: string;
  text: string;
  payload?: string;
  /** ISO time the visitor sent it: shown in the bubble and used to expire stale entries. */
  createdAt: string;
}

export const OUTBOX_MAX_ENTRIES = 50;
export const OUTBOX_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export function addToOutbox(outbox: readonly OutboxEntry[], entry: OutboxEntry): OutboxEntry[] {
  const rest = outbox.filter((e) => e.clientMessageId !== entry.clientMessageId);
  return [...rest, entry].slice(-OUTBOX_MAX_ENTRIES);
}

export function removeFromOutbox(outbox: readonly OutboxEntry[], clientMessageId: string): OutboxEntry[] {
  return outbox.filter((e) => e.clientMessageId !== clientMessageId);
}

function toEntry(value: unknown): OutboxEntry | null {
  const clientMessageId = readField(value, 'clientMessageId');
  const text = readField(value, 'text');
  const payload = readField(value, 'payload');
  const createdAt = readField(value, 'createdAt');
  if (typeof clientMessageId !== 'string' || clientMessageId.length < 8 || clientMessageId.length > 128) return null;
  if (typeof text !== 'string' || text.length === 0 || text.length > 4096) return null;
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) return null;
  const entry: OutboxEntry = { clientMessageId, text, createdAt };
  if (typeof payload === 'string' && payload.length <= 256) entry.payload = payload;
  return entry;
}

/** Reads what localStorage held: anything malformed or older than a week is dropped, never thrown. */
export function parseOutbox(raw: string | null, now: number): OutboxEntry[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const entries: OutboxEntry[] = [];
  for (const item of data) {
    const entry = toEntry(item);
    if (entry && now - Date.parse(entry.createdAt) < OUTBOX_MAX_AGE_MS) entries.push(entry);
  }
  return entries.slice(-OUTBOX_MAX_ENTRIES);
}
