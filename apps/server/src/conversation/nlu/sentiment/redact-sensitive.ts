import type { SensitiveKind } from './detect-sensitive-data.ts';

export interface RedactableSpan {
  start: number;
  end: number;
  kind?: SensitiveKind;
  /** Spans with `disclosed: false` only mention a secret ("posso mandar o cartão?") and stay readable. */
  disclosed?: boolean;
}

/**
 * The text with every disclosed secret masked, the rest untouched so an agent can still read it:
 * a card keeps its last four digits and its spacing ("•••• •••• •••• 1111", as receipts print it),
 * anything else becomes "••••" (its length would be a hint). Spans out of range or overlapping
 * an earlier one are clamped or skipped, never thrown on.
 */
export function redactSensitive(text: string, spans: readonly RedactableSpan[]): string {
  const ordered = spans
    .filter((span) => span.disclosed !== false && Number.isFinite(span.start) && Number.isFinite(span.end))
    .map((span) => ({ ...span, start: clamp(span.start, text.length), end: clamp(span.end, text.length) }))
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start);
  let out = '';
  let last = 0;
  for (const span of ordered) {
    if (span.start < last) continue;
    out += text.slice(last, span.start) + mask(text.slice(span.start, span.end), span.kind);
    last = span.end;
  }
  return out + text.slice(last);
}

function mask(secret: string, kind: SensitiveKind | undefined): string {
  if (kind !== 'credit_card') return '••••';
  let digitsLeft = (secret.match(/\d/g) ?? []).length;
  return secret.replace(/\d/g, (digit) => (digitsLeft-- <= 4 ? digit : '•'));
}

function clamp(index: number, length: number): number {
  return Math.min(Math.max(0, Math.floor(index)), length);
}
