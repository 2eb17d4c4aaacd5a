import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Language } from '../../../workspace/workspace.schema.ts';
import { type Currency } from './entity.ts';

export type DisplayedValue =
  | { type: 'cpf' | 'cnpj' | 'cep'; digits: string }
  | { type: 'phone'; e164: string }
  | { type: 'number'; value: number }
  | { type: 'money'; amount: number; currency: Currency }
  | { type: 'yes_no'; answer: boolean }
  | { type: 'date'; date: string }
  | { type: 'time'; time: string };

const yesNo: Record<Language, [string, string]> = { 'pt-BR': ['sim', 'não'], en: ['yes', 'no'], es: ['sí', 'no'] };

/**
 * How the bot says a slot value back, in the customer's language: 123.456.789-09,
 * 12.345.678/0001-95, 01310-100, +55 11 98765-4321, 1.234,5, R$ 1.234,56, "sim",
 * "sexta-feira, 27/11" (en: "Friday, 11/27"), 15:00 (en: 3:00 PM).
 */
export function formatSlotDisplay(shown: DisplayedValue, language: Language): string {
  switch (shown.type) {
    case 'cpf':
      return shown.digits.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1.$2.$3-$4');
    case 'cnpj':
      return shown.digits.replace(/^(\d{2})(\d{3})(\d{3})(\d{4})(\d{2})$/, '$1.$2.$3/$4-$5');
    case 'cep':
      return shown.digits.replace(/^(\d{5})(\d{3})$/, '$1-$2');
    case 'phone': {
      const brazilian = /^\+55(\d{2})(\d{4,5})(\d{4})$/.exec(shown.e164);
      if (brazilian) return `+55 ${brazilian[1]} ${brazilian[2]}-${brazilian[3]}`;
      return parsePhoneNumberFromString(shown.e164)?.formatInternational() ?? shown.e164;
    }
    case 'number':
      return new Intl.NumberFormat(language, { maximumFractionDigits: 6 }).format(shown.value);
    case 'money':
      return new Intl.NumberFormat(language, { style: 'currency', currency: shown.currency }).format(shown.amount).replace(/\u00a0/g, ' ');
    case 'yes_no':
      return yesNo[language][shown.answer ? 0 : 1];
    case 'date': {
      // Noon UTC keeps the calendar day whatever zone formats it.
      const day = new Date(`${shown.date}T12:00:00Z`);
      const weekday = new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(day);
      const date = new Intl.DateTimeFormat(language, { day: '2-digit', month: '2-digit', timeZone: 'UTC' }).format(day);
      return `${weekday}, ${date}`;
    }
    case 'time': {
      if (language !== 'en') return shown.time;
      const [hours = 0, minutes = 0] = shown.time.split(':').map(Number);
      return new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
        new Date(Date.UTC(2000, 0, 1, hours, minutes)),
      );
    }
  }
}
