import type { Language } from '../../workspace/index.ts';
import { normalizeChatText } from '../nlu/normalize-chat-text.ts';
import { faqStopWords } from './faq-stop-words.ts';
import { stemWord } from './stem-word.ts';

export interface FaqTokens {
  /** Content words as written (folded, chat shorthand expanded): the char-trigram side. */
  words: string[];
  /** The same words stemmed: the BM25 side. */
  terms: string[];
}

/**
 * Questions, paraphrases and customer messages all go through here, so "vcs aceitam pix?" and
 * "Vocês aceitam Pix?" meet: `normalizeChatText` (case, accents, chat shorthand), then stop words
 * out and a light stem.
 */
export function tokenizeFaqText(text: string, language: Language): FaqTokens {
  const stopWords = faqStopWords[language];
  const words = normalizeChatText(text).filter((word) => word.length > 0 && !stopWords.has(word));
  return { words, terms: words.map((word) => stemWord(word, language)) };
}
