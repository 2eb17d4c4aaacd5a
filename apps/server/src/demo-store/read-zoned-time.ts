export interface ZonedTime {
  /** YYYY-MM-DD in the zone. */
  dateKey: string;
  hour: number;
  minute: number;
  /** 0 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date and time of an instant in a time zone (the store's, not the server's). */
export function readZonedTime(instant: Date, timeZone: string): ZonedTime {
  const parts = zonedParts(instant, timeZone);
  const dateKey = `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`;
  return { dateKey, hour: parts.hour, minute: parts.minute, weekday: weekdayOf(dateKey) };
}

/** The instant a wall-clock time in the zone names (store hours never fall in a DST gap in Brazil). */
export function instantFromZoned(dateKey: string, hour: number, timeZone: string): Date {
  const [year, month, day] = dateKey.split('-').map(Number);
  const guess = Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1, hour);
  const offset = offsetMinutes(new Date(guess), timeZone);
  const first = guess - offset * 60_000;
  // Once more in case the offset differs on the other side of the guess (a DST change that day).
  return new Date(guess - offsetMinutes(new Date(first), timeZone) * 60_000);
}

/** ISO 8601 with the zone's offset: 2026-11-27T10:00:00-03:00. */
export function formatZonedIso(instant: Date, timeZone: string): string {
  const parts = zonedParts(instant, timeZone);
  const offset = offsetMinutes(instant, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${parts.year}-${pad(parts.month)}-${pad(parts.day)}T${pad(parts.hour)}:${pad(parts.minute)}:${pad(parts.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Adds calendar days to a YYYY-MM-DD key. */
export function addDays(dateKey: string, days: number): string {
  const [year, month, day] = dateKey.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + days));
  return date.toISOString().slice(0, 10);
}

/** 0 = Sunday. */
export function weekdayOf(dateKey: string): number {
  return new Date(`${dateKey}T12:00:00Z`).getUTCDay();
}

function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

function zonedParts(instant: Date, timeZone: string) {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const read = (type: Intl.DateTimeFormatPartTypes) =>
    Number(formatter.formatToParts(instant).find((part) => part.type === type)?.value ?? 0);
  return {
    year: read('year'),
    month: read('month'),
    day: read('day'),
    hour: read('hour'),
    minute: read('minute'),
    second: read('second'),
  };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
