/** Picks one of the widget's languages from the embed attribute, else the browser's languages. */
export type WidgetLocale = 'pt-BR' | 'en' | 'es';
export const DEFAULT_LOCALE: WidgetLocale = 'pt-BR';

function matchLocale(tag: string): WidgetLocale | null {
  const language = tag.trim().toLowerCase().split(/[-_]/)[0];
  if (language === 'pt') return 'pt-BR';
  if (language === 'en') return 'en';
  if (language === 'es') return 'es';
  return null;
}

export function chooseLocale(attribute: string | null | undefined, browserLanguages: readonly string[]): WidgetLocale {
  if (attribute) {
    const fromAttribute = matchLocale(attribute);
    if (fromAttribute) return fromAttribute;
  }
  for (const tag of browserLanguages) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}
