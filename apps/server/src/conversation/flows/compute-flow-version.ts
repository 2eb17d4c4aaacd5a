import { createHash } from 'node:crypto';

/**
 * A flow's version: the first 12 hex digits of the sha256 of its canonical JSON (keys sorted at
 * every depth), so the same content always gets the same version whatever the key order or the
 * file's formatting, and any change to what runs gets a new one.
 */
export function computeFlowVersion(content: unknown): string {
  return createHash('sha256').update(toCanonicalJson(content)).digest('hex').slice(0, 12);
}

function toCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => toCanonicalJson(item === undefined ? null : item)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${toCanonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
