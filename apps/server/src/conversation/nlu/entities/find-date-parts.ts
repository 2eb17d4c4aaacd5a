import type { Language } from '../../../workspace/workspace.schema.ts';
import { dateWords } from './date-words.ts';
import { type PartOfDay } from './entity.ts';
import { findNumbers } from './find-numbers.ts';
import { type DateRule } from './resolve-date-rule.ts';

/** A time as written: `padded` when it was written with minutes or a leading zero ("15:00", "03h"). */
export interface ClockTime {
  hour: number;
  minute: number;
  meridiem: 'am' | 'pm' | null;
  padded: boolean;
}

/** A piece of a date or time expression in folded text; neighbouring pieces join into one entity. */
export type DatePart = { start: number; end: number } & (
  | { kind: 'date'; rule: DateRule }
  | ({ kind: 'time' } & ClockTime)
  | { kind: 'part_of_day'; partOfDay: PartOfDay; bare: boolean; today: boolean }
);

const alternation = (words: Iterable<string>): string =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/ /g, '\\s+'))
    .join('|');

const weekdayNames = alternation(Object.keys(dateWords.weekdays));
const monthNames = alternation(Object.keys(dateWords.months));
const hourWords = alternation(Object.keys(dateWords.hours));
// "segunda via do boleto", "quinta parcela": ordinals, not weekdays.
const notAWeekday = '(?!\\s+(?:via|vez|parcela|opcao|chance|mao|prestacao|etapa|fase|pergunta|tentativa|edicao|classe|geracao|unidade))';

// Every pattern here is a fixed sequence of bounded pieces: no nested repetition, linear on any input.
const datePatterns: readonly [RegExp, (match: RegExpExecArray, language: Language) => DateRule | null][] = [
  [new RegExp(`\\b(\\d{1,2})\\s+de\\s+(${monthNames})\\.?(?:\\s+de\\s+(\\d{4}))?\\b`, 'g'), (m) => calendar(m[1], monthOf(m[2]), m[3])],
  [
    new RegExp(`\\b(${monthNames})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`, 'g'),
    (m) => calendar(m[2], monthOf(m[1]), m[3]),
  ],
  [
    new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${monthNames})\\.?(?:,?\\s+(\\d{4}))?\\b`, 'g'),
    (m) => calendar(m[1], monthOf(m[2]), m[3]),
  ],
  [/(?<![\d/.,:-])(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\d/:]|[.,-]\d)/g, readNumericDate],
  [/\b(?:dia|the)\s+(\d{1,2})(?:st|nd|rd|th)?(?![\d/:.,h])/g, (m) => ({ type: 'month_day', day: Number(m[1]) })],
  [/\b(\d{1,2})(?:st|nd|rd|th)\b/g, (m) => ({ type: 'month_day', day: Number(m[1]) })],
  [new RegExp(`\\b(${alternation(dateWords.relativeDays.map(([phrase]) => phrase))})\\b`, 'g'), (m) => relativeDay(m[1])],
  [
    new RegExp(
      `\\b(?:(proxim[ao]|next|coming|this)\\s+)?(${weekdayNames})(?:[\\s-]feira)?${notAWeekday}(?:\\s+(que\\s+vem|que\\s+viene|proxim[ao]))?\\b`,
      'g',
    ),
    (m) => ({ type: 'weekday', weekday: weekdayNumberOf(m[2]), next: m[1] !== undefined && m[1] !== 'this' ? true : m[3] !== undefined }),
  ],
  [/\b(?:semana\s+que\s+vem|proxima\s+semana|semana\s+que\s+viene|next\s+week)\b/g, () => ({ type: 'week', weeks: 1 })],
  [/\b(?:semana\s+passada|ultima\s+semana|semana\s+pasada|last\s+week)\b/g, () => ({ type: 'week', weeks: -1 })],
  [/\b(?:fim\s+de\s+semana|final\s+de\s+semana|fin\s+de\s+semana|weekend)\b/g, () => ({ type: 'weekend' })],
  [
    /\b(?:daqui\s+a|daqui|em|dentro\s+de|en|in)\s+(\d{1,3}|[a-z]+)\s+(dias?|semanas?|days?|weeks?)\b/g,
    (m, language) => counted(m[1], m[2], language),
  ],
];

const timePatterns: readonly [RegExp, (match: RegExpExecArray) => ClockTime | null][] = [
  [/(?<![\d:/.,])(\d{1,2}):([0-5]\d)(?![\d:])(?:\s?(?:h|hs|hrs)\b)?(?:\s?(am|pm|a\.m\.|p\.m\.))?/g, (m) => clock(m[1], m[2], m[3])],
  [/(?<![\d:/.,])(\d{1,2})\s?(?:h|hs|hrs)(?:\s?([0-5]\d)(?:\s?min)?)?(?![a-z\d])/g, (m) => clock(m[1], m[2], undefined)],
  [/(?<![\d:/.,])(\d{1,2})\s?(am|pm|a\.m\.|p\.m\.)(?![a-z])/g, (m) => clock(m[1], undefined, m[2])],
  [
    new RegExp(
      `\\b(?:as|a\\s+las|las|a\\s+la|at|pelas|ate\\s+as|hasta\\s+las|around)\\s+(\\d{1,2}|${hourWords})(?:\\s+(?:horas?|o'?clock))?(?![\\d:/.,])`,
      'g',
    ),
    (m) => clock(m[1], undefined, undefined),
  ],
  [
    new RegExp(
      `(?<![\\d:/.,])(\\d{1,2}|\\b(?:${hourWords}))\\s+(?=(?:da|de\\s+la|in\\s+the|at)\\s+(?:manha|tarde|noite|madrugada|manana|noche|morning|afternoon|evening|night)\\b)`,
      'g',
    ),
    (m) => clock(m[1], undefined, undefined),
  ],
  [/\b(meio[\s-]?dia|mediodia|noon|midday)\b/g, () => ({ hour: 12, minute: 0, meridiem: null, padded: true }) satisfies ClockTime],
  [/\b(meia[\s-]?noite|medianoche|midnight)\b/g, () => ({ hour: 0, minute: 0, meridiem: null, padded: true }) satisfies ClockTime],
];

const partOfDayPatterns: readonly [RegExp, { bare: boolean; today: boolean }][] = [
  [/\b(?:de|da|pela|a|na|durante\s+a)\s+(manha|tarde|noite|madrugada)\b/g, { bare: false, today: false }],
  [/\b(?:nesta|nessa|esta|essa)\s+(manha|tarde|noite|madrugada|manana|noche)\b/g, { bare: false, today: true }],
  [/\b(?:por|en|de|a|durante)\s+la\s+(manana|tarde|noche|madrugada)\b/g, { bare: false, today: false }],
  [/\bde\s+(madrugada|noche)\b/g, { bare: false, today: false }],
  [/\b(?:in|during)\s+the\s+(morning|afternoon|evening)\b/g, { bare: false, today: false }],
  [/\bat\s+(night)\b/g, { bare: false, today: false }],
  [/\bthis\s+(morning|afternoon|evening)\b/g, { bare: false, today: true }],
  [/\bto(night)\b/g, { bare: false, today: true }],
  [/\b(manha|tarde|noite|noche|madrugada|morning|afternoon|evening|night|cedo|temprano|early)\b/g, { bare: true, today: false }],
];

/**
 * Date, time and part-of-day pieces in folded text, non-overlapping: "sexta", "às 15h", "à tarde",
 * "dia 15", "15/12", "3 da tarde", "next monday", "10am". Pieces are joined by findDateTimes.
 */
export function findDateParts(folded: string, language: Language): DatePart[] {
  const parts: DatePart[] = [];
  const add = (part: DatePart): void => {
    if (part.end > part.start && parts.every((taken) => taken.end <= part.start || part.end <= taken.start)) parts.push(part);
  };
  // Part-of-day phrases first: "por la mañana" is a morning, not "mañana" (tomorrow).
  for (const [pattern, flags] of partOfDayPatterns) {
    for (const match of folded.matchAll(pattern)) {
      const word = match[1] === 'manana' ? 'manha' : match[1];
      const partOfDay = partOfDayOf(word);
      if (partOfDay) add({ kind: 'part_of_day', partOfDay, ...flags, start: match.index, end: match.index + match[0].length });
    }
  }
  for (const [pattern, read] of timePatterns) {
    for (const match of folded.matchAll(pattern)) {
      const time = read(match);
      if (!time) continue;
      let end = match.index + match[0].trimEnd().length;
      // "às 3 e meia", "a las 4 y cuarto".
      const fraction =
        time.minute === 0 ? /^\s+(?:e|y|and\s+a)\s+(meia|media|quinze|cuarto|quarter|half)\b/.exec(folded.slice(end, end + 16)) : null;
      if (fraction) {
        time.minute = ['quinze', 'cuarto', 'quarter'].includes(fraction[1] ?? '') ? 15 : 30;
        end += fraction[0].length;
      }
      add({ kind: 'time', ...time, start: match.index, end });
    }
  }
  for (const [pattern, read] of datePatterns) {
    for (const match of folded.matchAll(pattern)) {
      const rule = read(match, language);
      if (rule) add({ kind: 'date', rule, start: match.index, end: match.index + match[0].length });
    }
  }
  return parts.sort((a, b) => a.start - b.start);
}

function partOfDayOf(word: string | undefined): PartOfDay | null {
  if (word === 'cedo' || word === 'temprano' || word === 'early') return 'morning';
  return word !== undefined && Object.hasOwn(dateWords.partsOfDay, word) ? (dateWords.partsOfDay[word] ?? null) : null;
}

function wordValue(table: Readonly<Record<string, number>>, word: string | undefined): number | null {
  return word !== undefined && Object.hasOwn(table, word) ? (table[word] ?? null) : null;
}

function monthOf(word: string | undefined): number | null {
  return wordValue(dateWords.months, word);
}

function weekdayNumberOf(word: string | undefined): number {
  return wordValue(dateWords.weekdays, word) ?? 0;
}

function calendar(day: string | undefined, month: number | null, year: string | undefined): DateRule | null {
  if (month === null || day === undefined) return null;
  return { type: 'calendar', day: Number(day), month, year: readYear(year) };
}

function readYear(year: string | undefined): number | null {
  if (year === undefined) return null;
  return year.length === 2 ? 2000 + Number(year) : Number(year);
}

/**
 * "15/12", "15/12/2026", "15-12-2026": day first, as pt-BR and es write it and as a Brazilian
 * business reads it. In en the month comes first only when the other order cannot be a date
 * ("12/15" is 15 December); "03/04" stays 3 April. Dots and dashes need a year ("1.5" is a number).
 */
function readNumericDate(match: RegExpExecArray, language: Language): DateRule | null {
  const [, first = '', separator, second = '', year] = match;
  if (separator !== '/' && year === undefined) return null;
  let day = Number(first);
  let month = Number(second);
  if (language === 'en' && month > 12 && day <= 12) [day, month] = [month, day];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { type: 'calendar', day, month, year: readYear(year) };
}

function relativeDay(phrase: string | undefined): DateRule | null {
  const normalised = phrase?.replace(/\s+/g, ' ');
  const entry = dateWords.relativeDays.find(([words]) => words === normalised);
  return entry ? { type: 'offset', days: entry[1] } : null;
}

function counted(amount: string | undefined, unit: string | undefined, language: Language): DateRule | null {
  if (amount === undefined || unit === undefined) return null;
  const [number] = findNumbers(amount, language);
  // "em uma semana": the article is the number here.
  const value = number?.value ?? (['um', 'uma', 'un', 'una', 'a', 'one'].includes(amount) ? 1 : null);
  if (value === null || !Number.isInteger(value) || value > 366) return null;
  return { type: 'offset', days: /^(semana|week)/.test(unit) ? value * 7 : value };
}

function clock(hourText: string | undefined, minuteText: string | undefined, meridiemText: string | undefined): ClockTime | null {
  if (hourText === undefined) return null;
  const hour = /^\d+$/.test(hourText) ? Number(hourText) : wordValue(dateWords.hours, hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  const meridiem = meridiemText === undefined ? null : meridiemText.startsWith('a') ? ('am' as const) : ('pm' as const);
  if (hour === null || hour > 23 || minute > 59 || (meridiem !== null && (hour < 1 || hour > 12))) return null;
  return { hour, minute, meridiem, padded: hourText.startsWith('0') || minuteText !== undefined };
}
