import type { SlotValue } from '../../bot/engine.ts';
import { type EntityContext } from './entity.ts';

/** Every slot type a flow's `ask` may name; flow files are validated against this list. */
export const slotTypes = [
  'text',
  'number',
  'email',
  'phone',
  'cpf',
  'cnpj',
  'cep',
  'date',
  'time',
  'money',
  'choice',
  'order_number',
  'yes_no',
] as const;

export type SlotType = (typeof slotTypes)[number];

/** Per-type limits a flow's `validate` sets: numbers and money use min/max, dates future/past. */
export interface SlotRules {
  min?: number;
  max?: number;
  /** Regex source the canonical value (or the text, for `text`) must match. */
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  future?: boolean;
  past?: boolean;
}

export interface SlotChoice {
  value: string;
  /** Every language's label: a customer may answer in any of them. */
  labels: string[];
}

export type SlotFailure = 'empty' | 'not_found' | 'invalid_check_digits' | 'out_of_range' | 'pattern_mismatch' | 'too_long' | 'ambiguous';

export type SlotParse = { ok: true; value: SlotValue; type: SlotType } | { ok: false; reason: SlotFailure };

export type SlotContext = EntityContext & { choices?: readonly SlotChoice[]; rules?: SlotRules };
