/**
 * A URL from message content the browser may load or open: http(s), same-origin paths, and blob:
 * (a local preview). Anything else (javascript:, data: documents, vbscript:) is refused, because
 * message content is the customer's and must never run in the agent's page.
 */
export function toSafeUrl(url: string): string | null {
  const trimmed = url.trim();
  if (trimmed.startsWith('/') && !trimmed.startsWith('//')) return trimmed;
  try {
    const parsed = new URL(trimmed);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:' || parsed.protocol === 'blob:') return parsed.href;
  } catch {
    return null;
  }
  return null;
}

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const linkPattern = /\bhttps?:\/\/[^\s<>"']+/gi;

/** Splits text into plain runs and http(s) links (trailing punctuation stays text), for auto-linking as React children. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(linkPattern)) {
    const start = match.index;
    let raw = match[0];
    const trailing = /[.,;:!?)\]]+$/.exec(raw);
    if (trailing) raw = raw.slice(0, raw.length - trailing[0].length);
    const href = toSafeUrl(raw);
    if (!href) continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
