import { findDateTimes } from './find-datetimes.ts';
import { foldText } from './fold-text.ts';
import { formatSlotDisplay } from './format-slot-display.ts';
import { toIsoDate } from './plain-date.ts';
import { readZonedClock } from './read-zoned-clock.ts';
import { type SlotContext, type SlotParse } from './slot-parse.ts';

/**
 * A day or a time. `future`/`past` rules also say which way "sexta" or "15/12" points, and both
 * allow today: an appointment may be today, a delivery may have been due today. A part of the day
 * alone ("à tarde") answers "when?" but not "what time?", so a time step hears it as ambiguous.
 */
export function readDateTimeSlot(type: 'date' | 'time', text: string, ctx: SlotContext): SlotParse {
  const rules = ctx.rules ?? {};
  const direction = rules.past && !rules.future ? 'past' : 'future';
  const said = findDateTimes(text, foldText(text), ctx, direction).flatMap((entity) => (entity.type === 'datetime' ? [entity.value] : []));
  if (type === 'time') {
    const times = [...new Set([...said.flatMap((value) => (value.time ? [value.time] : [])), ...readBareHour(text)])];
    const [time] = times;
    if (time === undefined) return { ok: false, reason: said.some((value) => value.partOfDay) ? 'ambiguous' : 'not_found' };
    if (times.length > 1) return { ok: false, reason: 'ambiguous' };
    return { ok: true, type, value: { value: time, display: formatSlotDisplay({ type: 'time', time }, ctx.language) } };
  }
  const dates = [...new Set(said.flatMap((value) => (value.date ? [value.date] : [])))];
  const [date] = dates;
  if (date === undefined) return { ok: false, reason: 'not_found' };
  if (dates.length > 1) return { ok: false, reason: 'ambiguous' };
  const today = toIsoDate(readZonedClock(ctx.now, ctx.timezone).today);
  if ((rules.future && date < today) || (rules.past && date > today)) return { ok: false, reason: 'out_of_range' };
  return { ok: true, type, value: { value: date, display: formatSlotDisplay({ type: 'date', date }, ctx.language) } };
}

/** A time step answered with just "15" or "3": the hour, 1–6 read as the afternoon like "às 3". */
function readBareHour(text: string): string[] {
  const bare = /^(\d{1,2})$/.exec(text);
  if (!bare) return [];
  const hour = Number(bare[1]);
  if (hour > 23) return [];
  const adjusted = hour >= 1 && hour <= 6 && !text.startsWith('0') ? hour + 12 : hour;
  return [`${String(adjusted).padStart(2, '0')}:00`];
}
