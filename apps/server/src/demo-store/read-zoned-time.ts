import { localDay, readUtcOffset, toWallClock, wallClockToInstant } from '../time/index.ts';

export interface ZonedTime {
  /** YYYY-MM-DD in the zone. */
  dateKey: string;
  hour: number;
  minute: number;
  /** 0 = Sunday. */
  weekday: number;
}

/** The wall-clock date and time of an instant in a time zone (the store's, not the server's). */
export function readZonedTime(instant: Date, timeZone: string): ZonedTime {
  const wall = toWallClock(instant, timeZone);
  const dateKey = localDay(wall.year, wall.month, wall.day).date;
  return { dateKey, hour: wall.hour, minute: wall.minute, weekday: weekdayOf(dateKey) };
}

/** The instant a wall-clock time in the zone names (store hours never fall in a DST gap in Brazil). */
export function instantFromZoned(dateKey: string, hour: number, timeZone: string): Date {
  return new Date(wallClockToInstant(readDateKey(dateKey), `${hour}:00`, timeZone));
}

/** ISO 8601 with the zone's offset: 2026-11-27T10:00:00-03:00. */
export function formatZonedIso(instant: Date, timeZone: string): string {
  const wall = toWallClock(instant, timeZone);
  const offset = Math.round(readUtcOffset(instant.getTime(), timeZone) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Adds calendar days to a YYYY-MM-DD key. */
export function addDays(dateKey: string, days: number): string {
  const day = readDateKey(dateKey);
  return localDay(day.year, day.month, day.day + days).date;
}

/** 0 = Sunday. */
export function weekdayOf(dateKey: string): number {
  return new Date(`${dateKey}T12:00:00Z`).getUTCDay();
}

function readDateKey(dateKey: string): { year: number; month: number; day: number } {
  const [year, month, day] = dateKey.split('-').map(Number);
  return { year: year ?? 1970, month: month ?? 1, day: day ?? 1 };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
