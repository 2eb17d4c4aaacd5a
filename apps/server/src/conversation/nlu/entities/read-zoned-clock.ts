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
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(instant);
  } catch {
    return readZonedClock(instant, 'UTC');
  }
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((entry) => entry.type === type)?.value ?? 0);
  const today = { year: part('year'), month: part('month'), day: part('day') };
  const wallClock = Date.UTC(today.year, today.month - 1, today.day, part('hour'), part('minute'), part('second'));
  const offsetMinutes = Math.round((wallClock - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  return { today, offsetMinutes };
}
