export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface LocalDay {
  year: number;
  month: number;
  day: number;
  /** `YYYY-MM-DD`. */
  date: string;
  weekday: Weekday;
}

const weekdayBySundayIndex: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** A calendar day; day/month may overflow (day 32 is the 1st of the next month, day 0 the last of the previous). */
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
