import { localDay, toWallClock, type Weekday } from '../time/index.ts';
import { weekdayOrder } from './business-hours.ts';
import type { BusinessHours, TimeInterval } from './business-hours.ts';

/** How each language says weekly hours and times; unknown languages fall back to English. */
interface HoursPhrases {
  dayNames: Record<Weekday, string>;
  /** Full names for "on Monday" style mentions. */
  longDayNames: Record<Weekday, string>;
  time(hhmm: string): string;
  interval(interval: TimeInterval): string;
  intervalsJoiner: string;
  dayRange(first: string, last: string, count: number): string;
  openDays(days: string, intervals: string): string;
  closedDays(days: string, plural: boolean): string;
  today(time: string): string;
  tomorrow(time: string): string;
  weekday(day: string, time: string): string;
  date(date: string, time: string): string;
  locale: string;
}

function splitTime(hhmm: string): { hour: number; minute: number } {
  const [hour = 0, minute = 0] = hhmm.split(':').map(Number);
  return { hour, minute };
}

const ptBR: HoursPhrases = {
  locale: 'pt-BR',
  dayNames: { mon: 'segunda', tue: 'terça', wed: 'quarta', thu: 'quinta', fri: 'sexta', sat: 'sábado', sun: 'domingo' },
  longDayNames: {
    mon: 'segunda-feira',
    tue: 'terça-feira',
    wed: 'quarta-feira',
    thu: 'quinta-feira',
    fri: 'sexta-feira',
    sat: 'sábado',
    sun: 'domingo',
  },
  time(hhmm) {
    const { hour, minute } = splitTime(hhmm);
    return minute === 0 ? `${hour}h` : `${hour}h${String(minute).padStart(2, '0')}`;
  },
  interval(interval) {
    const singular = (t: string): boolean => splitTime(t).hour <= 1;
    const from = singular(interval.open) ? 'da' : 'das';
    const to = singular(interval.close) ? 'à' : 'às';
    return `${from} ${this.time(interval.open)} ${to} ${this.time(interval.close)}`;
  },
  intervalsJoiner: ' e ',
  dayRange: (first, last, count) => (count === 2 ? `${first} e ${last}` : `${first} a ${last}`),
  openDays: (days, intervals) => `${days}, ${intervals}`,
  closedDays: (days, plural) => `${days} ${plural ? 'fechados' : 'fechado'}`,
  today: (time) => `hoje às ${time}`,
  tomorrow: (time) => `amanhã às ${time}`,
  weekday: (day, time) => `${day} às ${time}`,
  date: (date, time) => `em ${date} às ${time}`,
};

const en: HoursPhrases = {
  locale: 'en',
  dayNames: { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' },
  longDayNames: { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' },
  time(hhmm) {
    const { hour, minute } = splitTime(hhmm);
    if (hour % 24 === 0 && minute === 0) return 'midnight';
    const suffix = hour % 24 < 12 ? 'am' : 'pm';
    const h12 = hour % 12 === 0 ? 12 : hour % 12;
    return minute === 0 ? `${h12}${suffix}` : `${h12}:${String(minute).padStart(2, '0')}${suffix}`;
  },
  interval(interval) {
    return `${this.time(interval.open)} to ${this.time(interval.close)}`;
  },
  intervalsJoiner: ' and ',
  dayRange: (first, last, count) => (count === 2 ? `${first} and ${last}` : `${first} to ${last}`),
  openDays: (days, intervals) => `${days}, ${intervals}`,
  closedDays: (days) => `${days} closed`,
  today: (time) => `today at ${time}`,
  tomorrow: (time) => `tomorrow at ${time}`,
  weekday: (day, time) => `on ${day} at ${time}`,
  date: (date, time) => `on ${date} at ${time}`,
};

const es: HoursPhrases = {
  locale: 'es',
  dayNames: { mon: 'lunes', tue: 'martes', wed: 'miércoles', thu: 'jueves', fri: 'viernes', sat: 'sábado', sun: 'domingo' },
  longDayNames: { mon: 'lunes', tue: 'martes', wed: 'miércoles', thu: 'jueves', fri: 'viernes', sat: 'sábado', sun: 'domingo' },
  time(hhmm) {
    const { hour, minute } = splitTime(hhmm);
    return `${hour}:${String(minute).padStart(2, '0')}`;
  },
  interval(interval) {
    return `de ${this.time(interval.open)} a ${this.time(interval.close)}`;
  },
  intervalsJoiner: ' y ',
  dayRange: (first, last, count) => (count === 2 ? `${first} y ${last}` : `${first} a ${last}`),
  openDays: (days, intervals) => `${days}, ${intervals}`,
  closedDays: (days, plural) => `${days} ${plural ? 'cerrados' : 'cerrado'}`,
  today: (time) => `hoy a las ${time}`,
  tomorrow: (time) => `mañana a las ${time}`,
  weekday: (day, time) => `el ${day} a las ${time}`,
  date: (date, time) => `el ${date} a las ${time}`,
};

function phrasesFor(language: string): HoursPhrases {
  const primary = language.toLowerCase().split(/[-_]/)[0];
  if (primary === 'pt') return ptBR;
  if (primary === 'es') return es;
  return en;
}

/**
 * The weekly hours as one sentence, consecutive days with the same hours grouped:
 * pt-BR "Segunda a sexta, das 9h às 18h; sábado, das 9h às 13h; domingo fechado".
 */
const formattedHours = new WeakMap<BusinessHours, Map<string, string>>();

/** The weekly hours in words; the same hours always read the same, so each text is made once. */
export function formatBusinessHours(hours: BusinessHours, language: string): string {
  let byLanguage = formattedHours.get(hours);
  if (!byLanguage) formattedHours.set(hours, (byLanguage = new Map<string, string>()));
  let text = byLanguage.get(language);
  if (text === undefined) byLanguage.set(language, (text = describeBusinessHours(hours, language)));
  return text;
}

function describeBusinessHours(hours: BusinessHours, language: string): string {
  const phrases = phrasesFor(language);
  const groups: { days: Weekday[]; intervals: readonly TimeInterval[] }[] = [];
  for (const day of weekdayOrder) {
    const intervals = [...hours[day]].sort((a, b) => a.open.localeCompare(b.open));
    const last = groups.at(-1);
    if (last && sameIntervals(last.intervals, intervals)) last.days.push(day);
    else groups.push({ days: [day], intervals });
  }
  const text = groups
    .map(({ days, intervals }) => {
      const first = phrases.dayNames[days[0] ?? 'mon'];
      const last = phrases.dayNames[days.at(-1) ?? 'mon'];
      const dayText = days.length === 1 ? first : phrases.dayRange(first, last, days.length);
      if (intervals.length === 0) return phrases.closedDays(dayText, days.length > 1);
      return phrases.openDays(dayText, intervals.map((i) => phrases.interval(i)).join(phrases.intervalsJoiner));
    })
    .join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * When `at` is, said relative to `now` in the business's time zone: "hoje às 14h",
 * "tomorrow at 9am", "el lunes a las 9:00", or a date when more than a week away.
 */
export function formatOpeningTime(at: Date, now: Date, timezone: string, language: string): string {
  const phrases = phrasesFor(language);
  const wall = toWallClock(at, timezone);
  const nowWall = toWallClock(now, timezone);
  const time = phrases.time(`${wall.hour}:${String(wall.minute).padStart(2, '0')}`);
  const target = localDay(wall.year, wall.month, wall.day);
  const daysAhead = Math.round(
    (Date.UTC(target.year, target.month - 1, target.day) - Date.UTC(nowWall.year, nowWall.month - 1, nowWall.day)) / 86_400_000,
  );
  if (daysAhead <= 0) return phrases.today(time);
  if (daysAhead === 1) return phrases.tomorrow(time);
  if (daysAhead < 7) return phrases.weekday(phrases.longDayNames[target.weekday], time);
  const date = new Intl.DateTimeFormat(phrases.locale, { timeZone: timezone, day: 'numeric', month: 'long' }).format(at);
  return phrases.date(date, time);
}

/** The local time of day of `at`: "18h", "6pm", "18:00". */
export function formatTimeOfDay(at: Date, timezone: string, language: string): string {
  const wall = toWallClock(at, timezone);
  return phrasesFor(language).time(`${wall.hour}:${String(wall.minute).padStart(2, '0')}`);
}

function sameIntervals(a: readonly TimeInterval[], b: readonly TimeInterval[]): boolean {
  return a.length === b.length && a.every((interval, i) => interval.open === b[i]?.open && interval.close === b[i]?.close);
}
