import type { SlotValue } from '../../bot/engine.ts';
import { type Currency } from './entity.ts';
import { findEmails } from './find-emails.ts';
import { findMoney } from './find-money.ts';
import { findNumbers } from './find-numbers.ts';
import { findOrderNumbers } from './find-order-numbers.ts';
import { foldText } from './fold-text.ts';
import { formatSlotDisplay } from './format-slot-display.ts';
import { matchChoice } from './match-choice.ts';
import { parseDocumentSlot } from './parse-document-slot.ts';
import { parseYesNo } from './parse-yes-no.ts';
import { readDateTimeSlot } from './read-datetime-slot.ts';
import { type SlotContext, type SlotParse, type SlotRules, type SlotType } from './slot-parse.ts';
import { toE164Phone } from './to-e164-phone.ts';

export type SlotReader = (text: string, ctx: SlotContext) => SlotParse;

/** Free text longer than this is refused unless the flow sets its own `maxLength`. */
export const defaultTextMaxLength = 1000;

// The workspace is Brazilian unless told otherwise: an amount without a currency is in reais.
const defaultCurrency: Currency = 'BRL';
// Digits with phone punctuation, bounded: one candidate per run.
const phoneCandidatePattern = /\+?\(?\d[\d\s().-]{6,22}\d/g;

/** One reader per slot type: each reads a trimmed, non-empty reply and applies the step's rules. */
export const slotReaders: { readonly [T in SlotType]: SlotReader } = {
  text: (text, { rules = {} }) => {
    if (text.length > (rules.maxLength ?? defaultTextMaxLength)) return { ok: false, reason: 'too_long' };
    if (rules.minLength !== undefined && text.length < rules.minLength) return { ok: false, reason: 'out_of_range' };
    if (!matchesPattern(rules, text)) return { ok: false, reason: 'pattern_mismatch' };
    return filled('text', { value: text, display: text });
  },
  number: (text, { language, rules = {} }) => {
    const picked = pickOne(findNumbers(foldText(text), language).map((number) => number.value));
    if (!picked.ok) return picked;
    if (!isInRange(rules, picked.value)) return { ok: false, reason: 'out_of_range' };
    return filled('number', { value: picked.value, display: formatSlotDisplay({ type: 'number', value: picked.value }, language) });
  },
  money: (text, { language, rules = {} }) => {
    const folded = foldText(text);
    const numbers = findNumbers(folded, language);
    const amounts = findMoney(text, folded, numbers).flatMap((money) => (money.type === 'money' ? [money.value] : []));
    // A bare number is an amount in the default currency: the step asked for money.
    const candidates = amounts.length > 0 ? amounts : numbers.map((number) => ({ amount: number.value, currency: defaultCurrency }));
    const picked = pickOne(candidates, (money) => `${money.amount} ${money.currency}`);
    if (!picked.ok) return picked;
    if (!isInRange(rules, picked.value.amount)) return { ok: false, reason: 'out_of_range' };
    return filled('money', { value: picked.value.amount, display: formatSlotDisplay({ type: 'money', ...picked.value }, language) });
  },
  email: (text, { rules = {} }) => {
    const picked = pickOne(findEmails(text, foldText(text)).flatMap((email) => (email.type === 'email' ? [email.value] : [])));
    if (!picked.ok) return picked;
    if (!matchesPattern(rules, picked.value)) return { ok: false, reason: 'pattern_mismatch' };
    return filled('email', { value: picked.value, display: picked.value });
  },
  phone: (text, { language, rules = {} }) => {
    const phones = [...text.matchAll(phoneCandidatePattern)].flatMap((match) => toE164Phone(match[0]) ?? []);
    const picked = pickOne(phones);
    if (!picked.ok) return picked;
    if (!matchesPattern(rules, picked.value)) return { ok: false, reason: 'pattern_mismatch' };
    return filled('phone', { value: picked.value, display: formatSlotDisplay({ type: 'phone', e164: picked.value }, language) });
  },
  cpf: (text, ctx) => readDocument('cpf', text, ctx),
  cnpj: (text, ctx) => readDocument('cnpj', text, ctx),
  cep: (text, ctx) => readDocument('cep', text, ctx),
  order_number: (text, { orderNumberPattern, rules = {} }) => {
    const orders = findOrderNumbers(text, orderNumberPattern).flatMap((order) => (order.type === 'order_number' ? [order.value] : []));
    const picked = pickOne(orders);
    if (!picked.ok) return picked;
    if (!matchesPattern(rules, picked.value)) return { ok: false, reason: 'pattern_mismatch' };
    return filled('order_number', { value: picked.value, display: picked.value });
  },
  yes_no: (text, { language }) => {
    const answer = parseYesNo(text, language);
    if (answer === null) return { ok: false, reason: 'not_found' };
    if (answer === 'ambiguous') return { ok: false, reason: 'ambiguous' };
    return filled('yes_no', { value: answer, display: formatSlotDisplay({ type: 'yes_no', answer }, language) });
  },
  choice: (text, { choices = [], language }) => {
    const match = matchChoice(text, choices, language);
    if (!match.ok) return match;
    return filled('choice', { value: match.choice.value, display: match.label });
  },
  date: (text, ctx) => readDateTimeSlot('date', text, ctx),
  time: (text, ctx) => readDateTimeSlot('time', text, ctx),
};

function readDocument(type: 'cpf' | 'cnpj' | 'cep', text: string, { language, rules = {} }: SlotContext): SlotParse {
  const read = parseDocumentSlot(type, text);
  if (!read.ok) return read;
  if (!matchesPattern(rules, read.digits)) return { ok: false, reason: 'pattern_mismatch' };
  return filled(type, { value: read.digits, display: formatSlotDisplay({ type, digits: read.digits }, language) });
}

function filled(type: SlotType, value: SlotValue): SlotParse {
  return { ok: true, type, value };
}

/** The one value a reply gives; two different ones ("2 ou 3") are ambiguous. */
function pickOne<T>(
  candidates: readonly T[],
  keyOf: (value: T) => unknown = (value) => value,
): { ok: true; value: T } | { ok: false; reason: 'not_found' | 'ambiguous' } {
  const [first] = candidates;
  if (first === undefined) return { ok: false, reason: 'not_found' };
  const keys = new Set(candidates.map(keyOf));
  return keys.size > 1 ? { ok: false, reason: 'ambiguous' } : { ok: true, value: first };
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
