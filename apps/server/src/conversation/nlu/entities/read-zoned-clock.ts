import { readUtcOffset, toWallClock } from '../../../time/index.ts';
import { type PlainDate } from './plain-date.ts';

export interface ZonedClock {
  today: PlainDate;
  /** Minutes east of UTC at `now` (São Paulo: -180). */
  offsetMinutes: number;
}

/**
 * Today's date and UTC offset in the workspace zone. An unknown zone name falls back to UTC rather
 * than failing the turn (the workspace loader is where a bad zone is reported).
 */
export function readZonedClock(now: Date, timezone: string): ZonedClock {
  const instant = Number.isNaN(now.getTime()) ? new Date(0) : now;
  try {
    const wall = toWallClock(instant, timezone);
    const offsetMinutes = Math.round(readUtcOffset(instant.getTime(), timezone) / 60_000);
    return { today: { year: wall.year, month: wall.month, day: wall.day }, offsetMinutes };
  } catch {
    return readZonedClock(instant, 'UTC');
  }
}
