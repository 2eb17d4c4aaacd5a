import type { Language } from '../workspace/workspace.schema.ts';
import { weekdayOf } from './read-zoned-time.ts';

export type StoreLabels = Record<Language, string>;

const weekdays: Record<Language, { long: readonly string[]; short: readonly string[] }> = {
  'pt-BR': {
    long: ['domingo', 'segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado'],
    short: ['dom', 'seg', 'ter', 'qua', 'qui', 'sex', 'sáb'],
  },
  en: {
    long: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    short: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  },
  es: {
    long: ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'],
    short: ['dom', 'lun', 'mar', 'mié', 'jue', 'vie', 'sáb'],
  },
};
const englishMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A delivery date as a customer reads it: "sexta-feira, 27/11", "Friday, Nov 27", "viernes, 27/11".
 * Spelled out here rather than by Intl so the texts do not change with the ICU build.
 */
export function formatDateLabels(dateKey: string): StoreLabels {
  const weekday = weekdayOf(dateKey);
  const { day, month } = splitDate(dateKey);
  return {
    'pt-BR': `${weekdays['pt-BR'].long[weekday] ?? ''}, ${day}/${month}`,
    en: `${weekdays.en.long[weekday] ?? ''}, ${englishMonths[Number(month) - 1] ?? ''} ${Number(day)}`,
    es: `${weekdays.es.long[weekday] ?? ''}, ${day}/${month}`,
  };
}

/** An appointment slot: "sex 27/11 às 10:00", "Fri, Nov 27 at 10:00", "vie 27/11 a las 10:00". */
export function formatSlotLabels(dateKey: string, hour: number): StoreLabels {
  const weekday = weekdayOf(dateKey);
  const { day, month } = splitDate(dateKey);
  const time = `${String(hour).padStart(2, '0')}:00`;
  return {
    'pt-BR': `${weekdays['pt-BR'].short[weekday] ?? ''} ${day}/${month} às ${time}`,
    en: `${weekdays.en.short[weekday] ?? ''}, ${englishMonths[Number(month) - 1] ?? ''} ${Number(day)} at ${time}`,
    es: `${weekdays.es.short[weekday] ?? ''} ${day}/${month} a las ${time}`,
  };
}

function splitDate(dateKey: string): { day: string; month: string } {
  return { day: dateKey.slice(8, 10), month: dateKey.slice(5, 7) };
}
