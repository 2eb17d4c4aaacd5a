/** One hour from now. */
export function inOneHour(now: Date): Date {
  return new Date(now.getTime() + 3_600_000);
}

/** Tomorrow at 9:00 in the agent's own time zone (the browser's), when people are back at work. */
export function tomorrowAtNine(now: Date): Date {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  return d;
}

/** The value a datetime-local input takes for an instant (local time, minutes). */
export function toDatetimeLocal(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
