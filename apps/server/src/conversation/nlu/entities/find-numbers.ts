import type { Language } from '../../../workspace/workspace.schema.ts';
import { parseDecimal } from './parse-decimal.ts';
import { findNumberWords } from './find-number-words.ts';

/** A number found in folded text; `digits` tells "3" from "três" (money needs that). */
export interface NumberMatch {
  start: number;
  end: number;
  value: number;
  digits: boolean;
}

// Mandatory separators between digit groups keep this linear: no two ways to split "1234".
const digitNumberPattern = /(?<![\w.,])\d+(?:[.,]\d+)*/g;
const multiplierPattern = /^\s*(mil|k)\b/;

/**
 * Numbers in folded text, in digits ("3", "1.234,5", "1,5 mil", "2k") or words ("três", "vinte e
 * cinco", "three"). Lone articles ("um pedido", "una pregunta") are left out unless they are the
 * whole text.
 */
export function findNumbers(folded: string, language: Language): NumberMatch[] {
  const found: NumberMatch[] = [];
  for (const match of folded.matchAll(digitNumberPattern)) {
    const value = parseDecimal(match[0], language);
    if (value === null) continue;
    let end = match.index + match[0].length;
    let scaled = value;
    const multiplier = multiplierPattern.exec(folded.slice(end, end + 8));
    if (multiplier) {
      scaled = Math.round(value * 1000 * 100) / 100;
      end += multiplier[0].length;
    }
    found.push({ start: match.index, end, value: scaled, digits: true });
  }
  const wholeText = folded.trim();
  const digitMatches = [...found];
  for (const words of findNumberWords(folded, language)) {
    // "1,5 mil": the "mil" already scaled the digits before it.
    if (digitMatches.some((digits) => digits.start < words.end && words.start < digits.end)) continue;
    if (words.article && folded.slice(words.start, words.end) !== wholeText) continue;
    found.push({ start: words.start, end: words.end, value: words.value, digits: false });
  }
  return found.sort((a, b) => a.start - b.start);
}
