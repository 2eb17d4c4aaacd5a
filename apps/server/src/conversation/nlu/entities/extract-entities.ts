import { type Entity, type EntityContext, type EntityType } from './entity.ts';
import { findDateTimes } from './find-datetimes.ts';
import { findDocumentNumbers } from './find-document-numbers.ts';
import { findEmails } from './find-emails.ts';
import { findMoney } from './find-money.ts';
import { findNumbers } from './find-numbers.ts';
import { findOrderNumbers } from './find-order-numbers.ts';
import { findPhones } from './find-phones.ts';
import { findUrls } from './find-urls.ts';
import { foldText } from './fold-text.ts';

/** Longer messages are read up to here: nobody types a CPF after 5,000 characters of chat. */
export const maxEntityTextLength = 5000;

// When two readings overlap, the more specific wins: a valid CPF is not also a phone or an order.
const precedence: readonly EntityType[] = [
  'email',
  'url',
  'cnpj',
  'cpf',
  'credit_card',
  'phone',
  'cep',
  'money',
  'datetime',
  'order_number',
  'number',
];

/**
 * Every entity in a message, non-overlapping, by position. Pure and total: any string (empty,
 * emoji, control characters, very long) gives an array, never an exception.
 */
export function extractEntities(text: string, ctx: EntityContext): Entity[] {
  const input = text.length > maxEntityTextLength ? text.slice(0, maxEntityTextLength) : text;
  if (!/[\p{L}\p{N}]/u.test(input)) return [];
  const folded = foldText(input);
  const numbers = findNumbers(folded, ctx.language);
  const candidates: Entity[] = [
    ...findEmails(input, folded),
    ...findUrls(input, folded),
    ...findDocumentNumbers(input, folded),
    ...findPhones(input),
    ...findMoney(input, folded, numbers),
    ...findDateTimes(input, folded, ctx),
    ...findOrderNumbers(input, ctx.orderNumberPattern),
    ...numbers.map((number): Entity => ({
      type: 'number',
      value: number.value,
      text: input.slice(number.start, number.end),
      start: number.start,
      end: number.end,
    })),
  ];
  return chooseNonOverlapping(candidates, input.length);
}

function chooseNonOverlapping(candidates: Entity[], length: number): Entity[] {
  const ranked = [...candidates].sort(
    (a, b) => precedence.indexOf(a.type) - precedence.indexOf(b.type) || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  // One flag per character: checking a candidate costs its own length, not the number already chosen.
  const taken = new Uint8Array(length);
  const chosen: Entity[] = [];
  for (const candidate of ranked) {
    if (taken.subarray(candidate.start, candidate.end).includes(1)) continue;
    taken.fill(1, candidate.start, candidate.end);
    chosen.push(candidate);
  }
  return chosen.sort((a, b) => a.start - b.start);
}
