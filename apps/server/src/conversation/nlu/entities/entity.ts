import type { Language } from '../../../workspace/workspace.schema.ts';

export type EntityType =
  'cpf' | 'cnpj' | 'phone' | 'email' | 'cep' | 'order_number' | 'money' | 'number' | 'datetime' | 'url' | 'credit_card';

/** Where an entity sits in the original text: `text.slice(start, end) === span.text`. */
export interface EntitySpan {
  text: string;
  start: number;
  end: number;
}

export type Currency = 'BRL' | 'USD' | 'EUR';

export type PartOfDay = 'morning' | 'afternoon' | 'evening' | 'night';

export interface DateTimeValue {
  /** YYYY-MM-DD in the workspace timezone. */
  date?: string;
  /** HH:MM, 24-hour clock. */
  time?: string;
  /** Only when no exact time was said ("sexta à tarde"). */
  partOfDay?: PartOfDay;
}

export type Entity = EntitySpan &
  (
    | { type: 'cpf' | 'cnpj' | 'cep'; value: string }
    | { type: 'phone'; value: string }
    | { type: 'email'; value: string }
    | { type: 'order_number'; value: string }
    | { type: 'money'; value: { amount: number; currency: Currency } }
    | { type: 'number'; value: number }
    | { type: 'datetime'; value: DateTimeValue }
    | { type: 'url'; value: string }
    | { type: 'credit_card'; value: string }
  );

export interface EntityContext {
  language: Language;
  /** IANA zone of the workspace: dates resolve in it. */
  timezone: string;
  now: Date;
  /** Regex source matched against a whole token (workspace `nlu.orderNumberPattern`). */
  orderNumberPattern: string;
}
