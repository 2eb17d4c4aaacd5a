import { type Currency } from './entity.ts';
import { findDateTimes } from './find-datetimes.ts';
import { findEmails } from './find-emails.ts';
import { findMoney } from './find-money.ts';
import { findNumbers } from './find-numbers.ts';
import { findOrderNumbers } from './find-order-numbers.ts';
import { foldText } from './fold-text.ts';
import { formatSlotDisplay } from './format-slot-display.ts';
import { matchChoice } from './match-choice.ts';
import { parseDocumentSlot } from './parse-document-slot.ts';
import { parseYesNo } from './parse-yes-no.ts';
import { type SlotContext, type SlotFailure, type SlotParse, type SlotRules, type SlotType } from './slot-parse.ts';
import { toE164Phone } from './to-e164-phone.ts';
import { toIsoDate } from './plain-date.ts';
import { readZonedClock } from './read-zoned-clock.ts';

/** Free text longer than this is refused unless the flow sets its own `maxLength`. */
export const defaultTextMaxLength = 1000;
/** A slot answer is short; past this only `text` slots look at it (and refuse it as too long). */
const maxAnswerLength = 2000;

// The workspace is Brazilian unless told otherwise: an amount without a currency is in reais.
const defaultCurrency: Currency = 'BRL';

// Failures that say more than "not found", kept when no accepted type reads the reply.
const failureWeight: Record<SlotFailure, number> = {
  empty: 0,
  not_found: 0,
  ambiguous: 1,
  pattern_mismatch: 2,
  out_of_range: 2,
  too_long: 2,
  invalid_check_digits: 3,
};

/**
 * Reads a reply as the value a flow step asked for. `types` lists what the step accepts, in order;
 * types with check digits (CPF, CNPJ) go first because a valid check digit is strong evidence.
 * Never throws: a reply that fits no type gives the most telling reason (a CPF with wrong check
 * digits says so rather than "not found").
 */
export function parseSlotValue(types: readonly SlotType[], text: string, ctx: SlotContext): SlotParse {
  const trimmed = text.trim();
  if (trimmed.length === 0 || !/[\p{L}\p{N}\p{So}]/u.test(trimmed)) return { ok: false, reason: 'empty' };
  const ordered = [
    ...types.filter((type) => type === 'cpf' || type === 'cnpj'),
    ...types.filter((type) => type !== 'cpf' && type !== 'cnpj'),
  ];
  let failure: SlotFailure = 'not_found';
  for (const type of ordered) {
    if (type !== 'text' && trimmed.length > maxAnswerLength) {
      failure = worse(failure, 'too_long');
      continue;
    }
    const result = parseAs(type, trimmed, ctx);
    if (result.ok) return result;
    failure = worse(failure, result.reason);
  }
  return { ok: false, reason: failure };
}

function worse(current: SlotFailure, next: SlotFailure): SlotFailure {
  return failureWeight[next] > failureWeight[current] ? next : current;
}

function parseAs(type: SlotType, text: string, ctx: SlotContext): SlotParse {
  const rules = ctx.rules ?? {};
  const { language } = ctx;
  switch (type) {
    case 'text': {
      if (text.length > (rules.maxLength ?? defaultTextMaxLength)) return { ok: false, reason: 'too_long' };
      if (rules.minLength !== undefined && text.length < rules.minLength) return { ok: false, reason: 'out_of_range' };
      if (!matchesPattern(rules, text)) return { ok: false, reason: 'pattern_mismatch' };
      return { ok: true, type, value: { value: text, display: text } };
    }
    case 'number': {
      const values = unique(findNumbers(foldText(text), language).map((number) => number.value));
      const [value] = values;
      if (value === undefined) return { ok: false, reason: 'not_found' };
      if (values.length > 1) return { ok: false, reason: 'ambiguous' };
      if (!isInRange(rules, value)) return { ok: false, reason: 'out_of_range' };
      return { ok: true, type, value: { value, display: formatSlotDisplay({ type: 'number', value }, language) } };
    }
    case 'money': {
      const folded = foldText(text);
      const numbers = findNumbers(folded, language);
      const amounts = findMoney(text, folded, numbers).flatMap((money) => (money.type === 'money' ? [money.value] : []));
      const candidates = amounts.length > 0 ? amounts : numbers.map((number) => ({ amount: number.value, currency: defaultCurrency }));
      const distinct = unique(candidates.map((money) => `${money.amount} ${money.currency}`));
      const [money] = candidates;
      if (!money) return { ok: false, reason: 'not_found' };
      if (distinct.length > 1) return { ok: false, reason: 'ambiguous' };
      if (!isInRange(rules, money.amount)) return { ok: false, reason: 'out_of_range' };
      return { ok: true, type, value: { value: money.amount, display: formatSlotDisplay({ type: 'money', ...money }, language) } };
    }
    case 'email': {
      const emails = unique(findEmails(text, foldText(text)).flatMap((email) => (email.type === 'email' ? [email.value] : [])));
      const [email] = emails;
      if (email === undefined) return { ok: false, reason: 'not_found' };
      if (emails.length > 1) return { ok: false, reason: 'ambiguous' };
      if (!matchesPattern(rules, email)) return { ok: false, reason: 'pattern_mismatch' };
      return { ok: true, type, value: { value: email, display: email } };
    }
    case 'phone': {
      const phones = unique(
        [...text.matchAll(/\+?\(?\d[\d\s().-]{6,22}\d/g)].flatMap((match) => {
          const phone = toE164Phone(match[0]);
          return phone ? [phone] : [];
        }),
      );
      const [phone] = phones;
      if (phone === undefined) return { ok: false, reason: 'not_found' };
      if (phones.length > 1) return { ok: false, reason: 'ambiguous' };
      if (!matchesPattern(rules, phone)) return { ok: false, reason: 'pattern_mismatch' };
      return { ok: true, type, value: { value: phone, display: formatSlotDisplay({ type: 'phone', e164: phone }, language) } };
    }
    case 'cpf':
    case 'cnpj':
    case 'cep': {
      const read = parseDocumentSlot(type, text);
      if (!read.ok) return read;
      if (!matchesPattern(rules, read.digits)) return { ok: false, reason: 'pattern_mismatch' };
      return { ok: true, type, value: { value: read.digits, display: formatSlotDisplay({ type, digits: read.digits }, language) } };
    }
    case 'order_number': {
      const orders = unique(
        findOrderNumbers(text, ctx.orderNumberPattern).flatMap((order) => (order.type === 'order_number' ? [order.value] : [])),
      );
      const [order] = orders;
      if (order === undefined) return { ok: false, reason: 'not_found' };
      if (orders.length > 1) return { ok: false, reason: 'ambiguous' };
      if (!matchesPattern(rules, order)) return { ok: false, reason: 'pattern_mismatch' };
      return { ok: true, type, value: { value: order, display: order } };
    }
    case 'yes_no': {
      const answer = parseYesNo(text, language);
      if (answer === null) return { ok: false, reason: 'not_found' };
      if (answer === 'ambiguous') return { ok: false, reason: 'ambiguous' };
      return { ok: true, type, value: { value: answer, display: formatSlotDisplay({ type: 'yes_no', answer }, language) } };
    }
    case 'choice': {
      const match = matchChoice(text, ctx.choices ?? [], language);
      if (!match.ok) return match;
      return { ok: true, type, value: { value: match.choice.value, display: match.label } };
    }
    case 'date':
    case 'time':
      return parseDateTimeSlot(type, text, ctx);
  }
}

/**
 * A day or a time. `future`/`past` rules also say which way "sexta" or "15/12" points, and allow
 * today: an appointment may be today, a delivery may have been due today.
 */
function parseDateTimeSlot(type: 'date' | 'time', text: string, ctx: SlotContext): SlotParse {
  const rules = ctx.rules ?? {};
  const direction = rules.past && !rules.future ? 'past' : 'future';
  const said = findDateTimes(text, foldText(text), ctx, direction).flatMap((entity) => (entity.type === 'datetime' ? [entity.value] : []));
  if (type === 'time') {
    const times = unique([...said.flatMap((value) => (value.time ? [value.time] : [])), ...readBareHour(text)]);
    const [time] = times;
    // "à tarde" answers "when?" but not "what time?".
    if (time === undefined) return { ok: false, reason: said.some((value) => value.partOfDay) ? 'ambiguous' : 'not_found' };
    if (times.length > 1) return { ok: false, reason: 'ambiguous' };
    return { ok: true, type, value: { value: time, display: formatSlotDisplay({ type: 'time', time }, ctx.language) } };
  }
  const dates = unique(said.flatMap((value) => (value.date ? [value.date] : [])));
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

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function isInRange(rules: SlotRules, value: number): boolean {
  return (rules.min === undefined || value >= rules.min) && (rules.max === undefined || value <= rules.max);
}

/** A flow's pattern that does not compile rejects nothing: the loader reports it, a turn must not fail. */
function matchesPattern(rules: SlotRules, value: string): boolean {
  if (rules.pattern === undefined) return true;
  try {
    return new RegExp(rules.pattern).test(value);
  } catch {
    return true;
  }
}
