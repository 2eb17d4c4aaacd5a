/**
 * Business hours: is the business open at an instant, and when does that change. Pure; the wall
 * clock of the business's time zone comes from the time module (DST-safe, no date library).
 */
import { localDay, type LocalDay, toWallClock, wallClockToInstant, type Weekday } from '../time/index.ts';

export { formatBusinessHours, formatOpeningTime, formatTimeOfDay } from './business-hours-format.ts';

export type { Weekday } from '../time/index.ts';

/** Intervals are local wall-clock times `HH:MM`; `close` may be `24:00`. */
export interface TimeInterval {
  open: string;
  close: string;
}
export type BusinessHours = { readonly [day in Weekday]: readonly TimeInterval[] } & {
  /** Local dates `YYYY-MM-DD` on which the business is closed all day. */
  readonly holidays: readonly string[];
};

export interface OpenState {
  open: boolean;
  /** The next instant at which `open` flips; null when it never does within a year. */
  nextChange: Date | null;
  /** Today's intervals in the business's time zone; empty on a closed day or a holiday. */
  todayIntervals: TimeInterval[];
  holiday: boolean;
}

export const weekdayOrder: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const searchDays = 400;

// Opening and closing happen on whole minutes, so the answer holds for the whole minute: a busy bot
// asks the same question many times a second.
const openStateCache = new WeakMap<BusinessHours, Map<string, { minute: number; state: OpenState }>>();

export function isOpenAt(hours: BusinessHours, timezone: string, at: Date): OpenState {
  const minute = Math.floor(at.getTime() / 60_000);
  let byZone = openStateCache.get(hours);
  if (!byZone) openStateCache.set(hours, (byZone = new Map<string, { minute: number; state: OpenState }>()));
  const cached = byZone.get(timezone);
  if (cached?.minute === minute) return cached.state;
  const state = computeOpenState(hours, timezone, at);
  byZone.set(timezone, { minute, state });
  return state;
}

function computeOpenState(hours: BusinessHours, timezone: string, at: Date): OpenState {
  const now = at.getTime();
  const local = toWallClock(at, timezone);
  const today = localDay(local.year, local.month, local.day);
  const holiday = hours.holidays.includes(today.date);
  const todayIntervals = holiday ? [] : hours[today.weekday].map((interval) => ({ ...interval }));

  for (const span of openSpans(hours, timezone, today)) {
    if (span.end <= now) continue;
    if (span.start <= now) return { open: true, nextChange: new Date(span.end), todayIntervals, holiday };
    return { open: false, nextChange: new Date(span.start), todayIntervals, holiday };
  }
  return { open: false, nextChange: null, todayIntervals, holiday };
}

/**
 * Opening spans as instants, in order, from yesterday on. Touching spans are merged (a day closing
 * at 24:00 and the next opening at 00:00 is one span), so each span's edges are real changes.
 */
function* openSpans(hours: BusinessHours, timezone: string, today: LocalDay): Generator<{ start: number; end: number }> {
  let current: { start: number; end: number } | null = null;
  for (let offset = -1; offset <= searchDays; offset += 1) {
    const day = localDay(today.year, today.month, today.day + offset);
    if (hours.holidays.includes(day.date)) continue;
    const intervals = [...hours[day.weekday]].sort((a, b) => a.open.localeCompare(b.open));
    for (const interval of intervals) {
      const span = {
        start: wallClockToInstant(day, interval.open, timezone),
        end: wallClockToInstant(day, interval.close, timezone),
      };
      if (current && span.start <= current.end) {
        current.end = Math.max(current.end, span.end);
        continue;
      }
      if (current) yield current;
      current = span;
    }
  }
  if (current) yield current;
}
