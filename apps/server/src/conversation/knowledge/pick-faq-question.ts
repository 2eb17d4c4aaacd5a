import type { Language } from '../../workspace/index.ts';
import type { FaqEntry } from './faq-entry.ts';

/** How to name an entry in "você quis dizer...?" options: its question in the language, else the fallback's. */
export function pickFaqQuestion(entry: FaqEntry, language: Language, fallbackLanguage: Language): string {
  return entry.question[language] ?? entry.question[fallbackLanguage] ?? Object.values(entry.question).find(Boolean) ?? entry.id;
}
