import { splitText } from '@fio/channel-kit';
import { countSmsSegments } from './count-sms-segments.ts';

/**
 * Splits text into SMS bodies of at most `maxSegments` segments each, at paragraph, sentence or word
 * boundaries (splitText's preferences). Each part is measured in its own encoding, so a GSM-7 part of
 * an otherwise UCS-2 text gets the room GSM-7 allows.
 */
export function splitBySegments(text: string, maxSegments: number): string[] {
  if (!Number.isInteger(maxSegments) || maxSegments < 1) throw new RangeError('maxSegments must be a positive integer');
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > 0) {
    if (countSmsSegments(rest).segments <= maxSegments) {
      parts.push(rest);
      break;
    }
    const part = largestFittingPart(rest, maxSegments);
    parts.push(part);
    rest = rest.slice(part.length).trimStart();
  }
  return parts.length > 0 ? parts : [text];
}

/** The longest boundary-cut prefix of `text` that fits in `maxSegments`. */
function largestFittingPart(text: string, maxSegments: number): string {
  // Start from the most UTF-16 units a part could hold (GSM-7: 153 per segment, 160 alone) and shrink
  // by what overflowed until the cut part fits; each round strictly shortens the budget.
  let budget = maxSegments === 1 ? 160 : 153 * maxSegments;
  for (;;) {
    const candidate = splitText(text, budget)[0] ?? '';
    const count = countSmsSegments(candidate);
    if (count.segments <= maxSegments || budget <= 1) return candidate;
    const perSegment = count.encoding === 'GSM-7' ? 153 : 67;
    const allowed = maxSegments === 1 ? (count.encoding === 'GSM-7' ? 160 : 70) : perSegment * maxSegments;
    // Units over the allowance, at least one: extension characters and surrogate pairs count double.
    budget = Math.max(1, Math.min(budget - 1, candidate.length - Math.max(1, count.units - allowed)));
  }
}
