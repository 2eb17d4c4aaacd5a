/**
 * Business time: durations counted only while the business is open (SLA budgets). Pure; the wall
 * clock of the business's zone comes from the time module, so days of 23 or 25 hours (DST) and
 * holidays (a whole local day closed) count what a person at the business would count.
 */
import { localDay, toWallClock, wallClockToInstant } from '../time/index.ts';
import type { BusinessHours } from './business-hours.ts';

export interface BusinessCalendar {
  timezone: string;
  businessHours: BusinessHours;
}

/**
 * How far to look for the next opening: past this many days without one, the calendar never opens
 * (a week with no hours, or holidays covering everything). Budgets are hours or days, so a real
 * calendar always answers long before.
 */
const maxClosedDays = 400;
/** An answer further away than this is no answer: budgets of years are configuration mistakes. */
const maxSearchDays = 3_660;

/**
 * The instant at which `ms` of business time have passed since `start`; null when the calendar
 * never opens again. With `ms` 0 the answer is `start` itself, open or not.
 */
export function addBusinessTime(start: Date, ms: number, calendar: BusinessCalendar): Date | null {
  const from = start.getTime();
  if (ms <= 0) return new Date(from);
  let remaining = ms;
  for (const span of openSpansFrom(from, calendar)) {
    const begin = Math.max(span.start, from);
    const available = span.end - begin;
    if (available <= 0) continue;
    if (remaining <= available) return new Date(begin + remaining);
    remaining -= available;
  }
  return null;
}

/** Business time (ms) between `a` and `b`; 0 when `b` is not after `a`. */
export function businessTimeBetween(a: Date, b: Date, calendar: BusinessCalendar): number {
  const from = a.getTime();
  const to = b.getTime();
  if (to <= from) return 0;
  let total = 0;
  for (const span of openSpansFrom(from, calendar)) {
    if (span.start >= to) break;
    total += Math.max(0, Math.min(span.end, to) - Math.max(span.start, from));
  }
  return total;
}

/**
 * The open spans (instants, ms) in order, from the local day before `from` on, each day's intervals
 * merged where they overlap so no moment counts twice. Stops after `maxClosedDays` closed days in a
 * row or `maxSearchDays` in all.
 */
function* openSpansFrom(from: number, calendar: BusinessCalendar): Generator<{ start: number; end: number }> {
  const { timezone, businessHours } = calendar;
  const wall = toWallClock(new Date(from), timezone);
  let closedRun = 0;
  for (let offset = -1; offset <= maxSearchDays && closedRun <= maxClosedDays; offset += 1) {
    const day = localDay(wall.year, wall.month, wall.day + offset);
    const spans = businessHours.holidays.includes(day.date) ? [] : daySpans(businessHours[day.weekday], day, timezone);
    closedRun = spans.length === 0 ? closedRun + 1 : 0;
    yield* spans;
  }
}

function daySpans(
  intervals: BusinessHours['mon'],
  day: { year: number; month: number; day: number },
  timezone: string,
): { start: number; end: number }[] {
  const spans = intervals
    .map((interval) => ({
      start: wallClockToInstant(day, interval.open, timezone),
      end: wallClockToInstant(day, interval.close, timezone),
    }))
    // An interval inside a DST gap can come out empty: it holds no time.
    .filter((span) => span.end > span.start)
    .sort((x, y) => x.start - y.start);
  const merged: { start: number; end: number }[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}
