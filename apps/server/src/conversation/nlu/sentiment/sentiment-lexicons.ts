import type { Language } from '../../../workspace/workspace.schema.ts';
import { enSentimentLexicon } from './en-sentiment-lexicon.ts';
import { esSentimentLexicon } from './es-sentiment-lexicon.ts';
import { ptBRSentimentLexicon } from './pt-br-sentiment-lexicon.ts';
import type { SentimentLexiconSource } from './sentiment-lexicon-source.ts';

/** The lexicon of each supported language. */
export const sentimentLexiconSources: Record<Language, SentimentLexiconSource> = {
  'pt-BR': ptBRSentimentLexicon,
  en: enSentimentLexicon,
  es: esSentimentLexicon,
};
