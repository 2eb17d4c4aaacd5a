import type { Language } from '../../../workspace/workspace.schema.ts';
import { foldWords } from '../fold-words.ts';
import { normalizeChatText } from '../normalize-chat-text.ts';
import type { FrustrationSignal } from './score-sentiment.ts';
import type { SentimentLexiconSource } from './sentiment-lexicon-source.ts';
import { sentimentLexiconSources } from './sentiment-lexicons.ts';

/** Phrases by their first token, longest first, so a scan finds the longest match at each position. */
export type PhraseIndex<T> = Map<string, { tokens: string[]; value: T }[]>;

export interface CompiledSentimentLexicon {
  valence: PhraseIndex<number>;
  signals: PhraseIndex<FrustrationSignal>;
  postIntensifiers: PhraseIndex<true>;
  negators: Set<string>;
  intensifiers: Set<string>;
  times: { word: string; counts: Set<string>; verbs: Set<string> };
}

/** Tokens as the scorer sees them: the NLU's chat normalisation, any number as one "0". */
export function tokenizeForSentiment(text: string): string[] {
  return normalizeSafely(text).map((token) => (/^0+$/.test(token) ? '0' : token));
}

// normalizeChatText looks shorthand up in a plain object, so the word "constructor" finds
// Object.prototype's and throws; a customer's message must never take sentiment down with it.
function normalizeSafely(text: string): string[] {
  try {
    return normalizeChatText(text);
  } catch {
    return foldWords(text).map((token) => token.replace(/[0-9]/g, '0'));
  }
}

/**
 * One language's lexicon folded into lookup tables. Insults of the other languages are added too:
 * a customer swearing in a language the detector did not pick is still swearing.
 */
export function compileSentimentLexicon(language: Language): CompiledSentimentLexicon {
  const source = sentimentLexiconSources[language];
  const foreignInsults = Object.entries(sentimentLexiconSources)
    .filter(([other]) => other !== language)
    .flatMap(([, lexicon]) => lexicon.insults);
  const valence = new Map<string, { tokens: string[]; value: number }[]>();
  for (const [phrase, value] of Object.entries(source.valence)) addPhrase(valence, phrase, value);
  for (const insult of [...source.insults, ...foreignInsults]) addPhrase(valence, insult, -3, false);
  const signals = new Map<string, { tokens: string[]; value: FrustrationSignal }[]>();
  const signalLists: [keyof SentimentLexiconSource, FrustrationSignal][] = [
    ['insults', 'insult'],
    ['legalThreats', 'legal_threat'],
    ['threatsToLeave', 'threat_to_leave'],
    ['alreadySaid', 'already_said'],
    ['repeated', 'repeated_complaint'],
    ['waitingLong', 'waiting_long'],
  ];
  for (const [list, signal] of signalLists) {
    const phrases = source[list];
    if (Array.isArray(phrases)) for (const phrase of phrases) addPhrase(signals, phrase, signal);
  }
  for (const insult of foreignInsults) addPhrase(signals, insult, 'insult');
  const postIntensifiers = new Map<string, { tokens: string[]; value: true }[]>();
  for (const phrase of source.postIntensifiers) addPhrase(postIntensifiers, phrase, true);
  return {
    valence,
    signals,
    postIntensifiers,
    negators: new Set(source.negators.flatMap(tokenizeForSentiment)),
    intensifiers: new Set(source.intensifiers.flatMap(tokenizeForSentiment)),
    times: {
      word: tokenizeForSentiment(source.times.word).join(' '),
      counts: new Set(source.times.counts.flatMap(tokenizeForSentiment)),
      verbs: new Set(source.times.verbs.flatMap(tokenizeForSentiment)),
    },
  };
}

function addPhrase<T>(index: PhraseIndex<T>, phrase: string, value: T, replace = true): void {
  const tokens = tokenizeForSentiment(phrase);
  const first = tokens[0];
  if (first === undefined) return;
  const entries = index.get(first) ?? [];
  const existing = entries.findIndex((entry) => entry.tokens.join(' ') === tokens.join(' '));
  if (existing >= 0) {
    if (replace) entries[existing] = { tokens, value };
    return;
  }
  entries.push({ tokens, value });
  entries.sort((a, b) => b.tokens.length - a.tokens.length);
  index.set(first, entries);
}

/** The longest phrase of `index` starting at `tokens[at]`. */
export function matchPhraseAt<T>(index: PhraseIndex<T>, tokens: readonly string[], at: number): { length: number; value: T } | null {
  const first = tokens[at];
  if (first === undefined) return null;
  for (const entry of index.get(first) ?? []) {
    if (entry.tokens.every((token, i) => tokens[at + i] === token)) return { length: entry.tokens.length, value: entry.value };
  }
  return null;
}
