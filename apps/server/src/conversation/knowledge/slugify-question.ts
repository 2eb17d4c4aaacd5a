import { foldWords } from '../nlu/fold-words.ts';

/**
 * The id a Markdown or CSV entry gets when its author gave none: the question as a slug, cut at a
 * word boundary so ids stay readable ("Quais as formas de pagamento?" → `quais-as-formas-de-pagamento`).
 */
export function slugifyQuestion(question: string): string {
  const words = foldWords(question);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > 64) break;
    slug = next;
  }
  return slug || (words[0] ?? '').slice(0, 64);
}
