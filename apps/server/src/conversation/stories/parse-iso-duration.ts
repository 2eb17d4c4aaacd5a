/**
 * `PT2H`, `P1DT30M`, `PT90S`, `P1W` → milliseconds; null when the text is not such a duration.
 * Months and years are refused: their length depends on the date, and a story's clock move must not.
 */
export function parseIsoDuration(text: string): number | null {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim());
  if (!match || text.trim() === 'P' || text.trim().endsWith('T')) return null;
  const [, weeks, days, hours, minutes, seconds] = match;
  if ([weeks, days, hours, minutes, seconds].every((part) => part === undefined)) return null;
  const n = (part: string | undefined) => (part === undefined ? 0 : Number(part));
  return ((n(weeks) * 7 + n(days)) * 24 * 3600 + n(hours) * 3600 + n(minutes) * 60 + n(seconds)) * 1000;
}
