import type { FaqEntry } from './faq-entry.ts';

/**
 * Every question and paraphrase, in every language, as a classifier example labelled `faq:<id>`, so
 * the intent classifier learns the knowledge base too and its ranking can vote in `FaqIndex.search`.
 */
export function faqTrainingExamples(entries: readonly FaqEntry[]): { text: string; intent: string }[] {
  const examples: { text: string; intent: string }[] = [];
  for (const entry of entries) {
    const intent = `faq:${entry.id}`;
    const seen = new Set<string>();
    for (const text of [...Object.values(entry.question), ...Object.values(entry.paraphrases).flat()]) {
      if (text === undefined) continue;
      const key = text.trim().toLowerCase();
      if (!key || seen.has(key)) continue;
      seen.add(key);
      examples.push({ text: text.trim(), intent });
    }
  }
  return examples;
}
