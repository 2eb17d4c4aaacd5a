import { addDays, compareDates, isRealDate, type PlainDate, weekdayOf } from './plain-date.ts';

/** A date as said, before it is pinned to a calendar day. */
export type DateRule =
  | { type: 'offset'; days: number }
  | { type: 'weekday'; weekday: number; next: boolean }
  | { type: 'month_day'; day: number }
  | { type: 'calendar'; day: number; month: number; year: number | null }
  | { type: 'week'; weeks: number }
  | { type: 'weekend' };

/** Which way an incomplete date ("sexta", "dia 15", "15/12") points: bookings look ahead, "when did it arrive" back. */
export type DateDirection = 'future' | 'past';

/**
 * The calendar day a rule means, seen from `today`. "sexta" is today when today is Friday and the
 * coming Friday otherwise ("next friday"/"sexta que vem" skip today); "dia 15" and "15/12" are the
 * next such day (or, looking back, the last one); "semana que vem" is next week's Monday ("semana passada" last week's); the
 * weekend is the coming Saturday (today on a weekend). Null when the day does not exist (31/02).
 */
export function resolveDateRule(rule: DateRule, today: PlainDate, direction: DateDirection): PlainDate | null {
  const step = direction === 'future' ? 1 : -1;
  switch (rule.type) {
    case 'offset':
      return addDays(today, rule.days);
    case 'weekday': {
      let distance = ((((rule.weekday - weekdayOf(today)) * step) % 7) + 7) % 7;
      if (distance === 0 && rule.next) distance = 7;
      return addDays(today, distance * step);
    }
    case 'month_day': {
      if (rule.day < 1 || rule.day > 31) return null;
      // Up to a year of months: "dia 31" skips the months that have no 31st.
      for (let months = 0; months <= 12; months += 1) {
        const monthIndex = today.month - 1 + months * step;
        const candidate = {
          year: today.year + Math.floor(monthIndex / 12),
          month: (((monthIndex % 12) + 12) % 12) + 1,
          day: rule.day,
        };
        if (isRealDate(candidate) && compareDates(candidate, today) * step >= 0) return candidate;
      }
      return null;
    }
    case 'calendar': {
      if (rule.year !== null) {
        const date = { year: rule.year, month: rule.month, day: rule.day };
        return isRealDate(date) ? date : null;
      }
      for (const year of [today.year, today.year + step]) {
        const date = { year, month: rule.month, day: rule.day };
        if (isRealDate(date) && compareDates(date, today) * step >= 0) return date;
      }
      // 29/02 outside leap years, seen from the year before one.
      const leap = { year: today.year + 2 * step, month: rule.month, day: rule.day };
      return isRealDate(leap) ? leap : null;
    }
    case 'week':
      // Monday of this week, moved by whole weeks.
      return addDays(today, -((weekdayOf(today) + 6) % 7) + 7 * rule.weeks);
    case 'weekend': {
      const weekday = weekdayOf(today);
      return weekday === 0 || weekday === 6 ? today : addDays(today, 6 - weekday);
    }
  }
}
