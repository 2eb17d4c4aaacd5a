import * as chrono from 'chrono-node';
import { type DateTimeValue, type Entity, type EntityContext } from './entity.ts';
import { type ClockTime, type DatePart, findDateParts } from './find-date-parts.ts';
import { toIsoDate } from './plain-date.ts';
import { readZonedClock } from './read-zoned-clock.ts';
import { type DateDirection, resolveDateRule } from './resolve-date-rule.ts';

// Words that may sit between the pieces of one expression: "sexta à tarde", "amanhã, às 15h", "dia 15 as 10".
const connectors = new Set([
  'as',
  'a',
  'de',
  'da',
  'do',
  'no',
  'na',
  'pela',
  'pelo',
  'por',
  'la',
  'el',
  'en',
  'at',
  'on',
  'in',
  'the',
  'e',
  'y',
  'and',
  'em',
  'lo',
  'volta',
  'das',
  'around',
  'about',
]);

/**
 * Dates and times as people write them in pt-BR, en and es, resolved in the workspace timezone
 * relative to `now`: "amanhã", "sexta à tarde", "hoje às 15h", "dia 15", "15/12", "3 da tarde",
 * "mañana por la tarde", "next monday at 10am". Our own small grammar reads pt-BR and es, where
 * chrono-node misses "às 15h", "depois de amanhã", "terca" and reads "a las 3" as 3 a.m.; chrono's
 * English parser fills in what the grammar does not know ("Dec 3rd, 2026").
 * An hour from 1 to 6 with no minutes, a.m./p.m. or part of day is read as the afternoon
 * ("às 3" → 15:00): customers speak of business hours.
 */
export function findDateTimes(text: string, folded: string, ctx: EntityContext, direction: DateDirection = 'future'): Entity[] {
  const clock = readZonedClock(ctx.now, ctx.timezone);
  const found: Entity[] = [];
  for (const group of groupParts(folded, findDateParts(folded, ctx.language))) {
    const value = readGroup(group, clock.today, direction);
    const first = group[0];
    const last = group[group.length - 1];
    if (!value || !first || !last) continue;
    found.push({ type: 'datetime', value, text: text.slice(first.start, last.end), start: first.start, end: last.end });
  }
  if (ctx.language === 'en') found.push(...findWithChrono(text, ctx.now, clock.offsetMinutes, found));
  return found;
}

function groupParts(folded: string, parts: readonly DatePart[]): DatePart[][] {
  const groups: DatePart[][] = [];
  let group: DatePart[] = [];
  for (const part of parts) {
    const previous = group[group.length - 1];
    const joins =
      previous !== undefined &&
      part.start - previous.end <= 24 &&
      folded
        .slice(previous.end, part.start)
        .split(/[\s,]+/)
        .every((word) => word === '' || connectors.has(word)) &&
      !group.some((taken) => taken.kind === part.kind);
    if (!joins && group.length > 0) {
      groups.push(group);
      group = [];
    }
    group.push(part);
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

function readGroup(
  group: readonly DatePart[],
  today: Parameters<typeof resolveDateRule>[1],
  direction: DateDirection,
): DateTimeValue | null {
  let date: string | undefined;
  let time: ClockTime | undefined;
  let partOfDay: DateTimeValue['partOfDay'];
  let bareOnly = true;
  for (const part of group) {
    if (part.kind === 'date') {
      const resolved = resolveDateRule(part.rule, today, direction);
      if (!resolved) return null;
      date = toIsoDate(resolved);
      bareOnly = false;
    } else if (part.kind === 'time') {
      time = part;
      bareOnly = false;
    } else {
      partOfDay = part.partOfDay;
      if (part.today) date ??= toIsoDate(today);
      if (!part.bare) bareOnly = false;
    }
  }
  // "tarde" alone is "late", "noite" alone may be "boa noite": only a date or time makes them one.
  if (bareOnly) return null;
  const value: DateTimeValue = {};
  if (date) value.date = date;
  if (time) value.time = formatTime(time, partOfDay);
  else if (partOfDay) value.partOfDay = partOfDay;
  return value;
}

function formatTime(time: ClockTime, partOfDay: DateTimeValue['partOfDay']): string {
  let hour = time.hour;
  if (time.meridiem === 'pm' && hour < 12) hour += 12;
  else if (time.meridiem === 'am' && hour === 12) hour = 0;
  else if (time.meridiem === null && partOfDay !== undefined) {
    if ((partOfDay === 'afternoon' || partOfDay === 'evening') && hour < 12) hour += 12;
    else if (partOfDay === 'night' && hour >= 6 && hour < 12) hour += 12;
    else if (partOfDay === 'night' && hour === 12) hour = 0;
  } else if (time.meridiem === null && !time.padded && hour >= 1 && hour <= 6) hour += 12;
  return `${String(hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

function findWithChrono(text: string, now: Date, offsetMinutes: number, taken: readonly Entity[]): Entity[] {
  const found: Entity[] = [];
  let results: chrono.ParsedResult[];
  try {
    results = chrono.en.parse(text, { instant: now, timezone: offsetMinutes }, { forwardDate: true });
  } catch {
    return [];
  }
  for (const result of results) {
    const start = result.index;
    const end = start + result.text.length;
    if (taken.some((entity) => entity.start < end && start < entity.end)) continue;
    const value: DateTimeValue = {};
    const components = result.start;
    if (components.isCertain('day') || components.isCertain('weekday')) {
      value.date = toIsoDate({ year: components.get('year') ?? 0, month: components.get('month') ?? 1, day: components.get('day') ?? 1 });
    }
    if (components.isCertain('hour')) {
      const hour = components.get('hour') ?? 0;
      const minute = components.get('minute') ?? 0;
      value.time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
    }
    if (value.date || value.time) found.push({ type: 'datetime', value, text: result.text, start, end });
  }
  return found;
}
