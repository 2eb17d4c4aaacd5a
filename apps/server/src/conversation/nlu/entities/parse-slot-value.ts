import { slotReaders } from './slot-readers.ts';
import { type SlotContext, type SlotFailure, type SlotParse, type SlotType } from './slot-parse.ts';

/** A slot answer is short; past this only `text` slots look at it (and refuse it as too long). */
const maxAnswerLength = 2000;

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
    const result = slotReaders[type](trimmed, ctx);
    if (result.ok) return result;
    failure = worse(failure, result.reason);
  }
  return { ok: false, reason: failure };
}

function worse(current: SlotFailure, next: SlotFailure): SlotFailure {
  return failureWeight[next] > failureWeight[current] ? next : current;
}
