/**
 * Splits text into parts of at most `maxLength` characters (UTF-16 units, as JS counts them),
 * cutting at the largest boundary that keeps a part reasonably full: paragraph, line, sentence, word,
 * and only as a last resort in the middle of a word (never inside a surrogate pair).
 */
export function splitText(text: string, maxLength: number): string[] {
  if (!Number.isInteger(maxLength) || maxLength < 1) throw new RangeError('maxLength must be a positive integer');
  const parts: string[] = [];
  let rest = text;
  while (rest.length > maxLength) {
    const { end, next } = findCut(rest, maxLength);
    const part = rest.slice(0, end).trimEnd();
    if (part.length > 0) parts.push(part);
    rest = rest.slice(next).trimStart();
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}

/** A cut: the part ends at `end` (exclusive); the remainder starts at `next`. */
interface Cut {
  end: number;
  next: number;
}

// Boundaries from the most to the least preferred. Each match's cut keeps the punctuation in the part.
const boundaryPatterns: RegExp[] = [/\n[ \t]*\n/g, /\n/g, /[.!?…。](?:["')\]»”]*)(?=\s)/g, /\s/g];

function findCut(text: string, maxLength: number): Cut {
  // Look at one character past the limit: a boundary right after the last allowed character counts.
  const window = text.slice(0, maxLength + 1);
  const comfortable = Math.floor(maxLength / 2);
  const candidates = boundaryPatterns.map((pattern) => lastBoundary(window, pattern, maxLength));
  const preferred = candidates.find((cut) => cut !== undefined && cut.end >= comfortable);
  if (preferred) return preferred;
  const any = candidates.find((cut) => cut !== undefined && cut.end > 0);
  if (any) return any;
  return hardCut(text, maxLength);
}

function lastBoundary(window: string, pattern: RegExp, maxLength: number): Cut | undefined {
  let found: Cut | undefined;
  for (const match of window.matchAll(pattern)) {
    const isWhitespace = /^\s/.test(match[0]);
    // Whitespace boundaries cut before the whitespace; punctuation boundaries cut after it.
    const end = isWhitespace ? match.index : match.index + match[0].length;
    if (end > maxLength || end === 0) continue;
    found = { end, next: match.index + match[0].length };
  }
  return found;
}

function hardCut(text: string, maxLength: number): Cut {
  let end = maxLength;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff && end > 1) end -= 1;
  return { end, next: end };
}
