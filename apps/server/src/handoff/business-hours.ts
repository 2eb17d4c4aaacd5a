/**
 * Business hours: is the business open at an instant, and when does that change. Pure; the wall
 * clock of the business's time zone comes from Intl (DST-safe, no date library).
 */
export { formatBusinessHours, formatOpeningTime, formatTimeOfDay } from './business-hours-format.ts';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
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
const weekdayBySundayIndex: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
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

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Building an Intl.DateTimeFormat costs far more than using one: keep one per time zone.
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();
function wallClockFormat(timezone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClockFormats.set(timezone, format);
  }
  return format;
}

/** The local date and time shown on a wall clock in `timezone` at instant `at`. */
export function toWallClock(at: Date, timezone: string): WallClock {
  const parts = wallClockFormat(timezone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour') % 24,
    minute: part('minute'),
    second: part('second'),
  };
}

export interface LocalDay {
  year: number;
  month: number;
  day: number;
  /** `YYYY-MM-DD`. */
  date: string;
  weekday: Weekday;
}

/** A calendar day; day/month may overflow (day 32 is the 1st of the next month). */
export function localDay(year: number, month: number, day: number): LocalDay {
  const d = new Date(Date.UTC(year, month - 1, day));
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const dd = d.getUTCDate();
  return {
    year: y,
    month: m,
    day: dd,
    date: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`,
    weekday: weekdayBySundayIndex[d.getUTCDay()] ?? 'sun',
  };
}

/**
 * The instant (ms) a wall clock in `timezone` shows `time` on `day`. Guesses with the offset at the
 * naive instant, then corrects once with the offset at the result (enough around DST changes).
 */
export function wallClockToInstant(day: Pick<LocalDay, 'year' | 'month' | 'day'>, time: string, timezone: string): number {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const naive = Date.UTC(day.year, day.month - 1, day.day, hour, minute);
  const first = naive - offsetAt(naive, timezone);
  const second = naive - offsetAt(first, timezone);
  return second;
}

/** Local time minus UTC at an instant, in ms. */
function offsetAt(instant: number, timezone: string): number {
  const wall = toWallClock(new Date(instant), timezone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}
