import { readUtcOffset } from './read-utc-offset.ts';

/**
 * The instant (ms) a wall clock in `timezone` shows `time` (`HH:MM`) on `day`. Guesses with the
 * offset at the naive instant, then corrects once with the offset at the result (enough around DST
 * changes).
 */
export function wallClockToInstant(day: { year: number; month: number; day: number }, time: string, timezone: string): number {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const naive = Date.UTC(day.year, day.month - 1, day.day, hour, minute);
  const first = naive - readUtcOffset(naive, timezone);
  return naive - readUtcOffset(first, timezone);
}
