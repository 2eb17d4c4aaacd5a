import type { Language } from '../../../workspace/workspace.schema.ts';

/**
 * A number written with digits and separators, read the way the language writes it: "1.234,56" is
 * 1234.56 in pt-BR and es, "1,234.56" in en. Where the separator cannot be a thousands separator
 * ("1.5", "2,75" in en) it is read as the decimal one, because people mix both habits in chat.
 * Returns null for shapes that are not one number ("1.2.3", "12,34,5").
 */
export function parseDecimal(raw: string, language: Language): number | null {
  if (/^\d+$/.test(raw)) return safeNumber(raw);
  const [group, decimal] = language === 'en' ? [',', '.'] : ['.', ','];
  const grouped = new RegExp(`^\\d{1,3}(?:\\${group}\\d{3})+(?:\\${decimal}\\d+)?$`);
  if (grouped.test(raw)) return safeNumber(raw.split(group).join('').replace(decimal, '.'));
  if (/^\d+[.,]\d+$/.test(raw)) return safeNumber(raw.replace(',', '.'));
  return null;
}

function safeNumber(text: string): number | null {
  const value = Number(text);
  return Number.isFinite(value) && value <= Number.MAX_SAFE_INTEGER ? value : null;
}
