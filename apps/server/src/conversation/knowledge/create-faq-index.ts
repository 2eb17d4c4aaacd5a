import { supportedLanguages } from '../../workspace/workspace.schema.ts';
import type { Language } from '../../workspace/index.ts';
import { collectCharTrigrams } from './collect-char-trigrams.ts';
import type { FaqEntry } from './faq-entry.ts';
import { tokenizeFaqText } from './tokenize-faq-text.ts';

export interface FaqMatch {
  entry: FaqEntry;
  /** 0..1: lexical (BM25), spelling (char trigrams) and, when given, the classifier's probability. */
  score: number;
}

export type FaqSearchResult =
  | { decision: 'answer'; entry: FaqEntry; score: number; alternatives: FaqMatch[] }
  /** "Você quis dizer A ou B?": 2–3 options, best first. */
  | { decision: 'clarify'; options: FaqMatch[] }
  | { decision: 'none'; best: FaqMatch | null };

export interface FaqSearchQuery {
  text: string;
  language: Language;
  /** The intent classifier's ranking; `faq:<id>` labels lend their probability to that entry. */
  ranking?: readonly { intent: string; probability: number }[];
}

export interface FaqIndex {
  readonly size: number;
  search(query: FaqSearchQuery): FaqSearchResult;
}

export interface FaqIndexOptions {
  /** The best score must reach this to be answered. */
  answerThreshold?: number;
  /** Below this a match is not even worth offering. */
  clarifyThreshold?: number;
  /** The best must lead the runner-up by this much to be answered without asking. */
  margin?: number;
}

/**
 * Thresholds measured on the pt-BR paraphrase set of `faq-retrieval-set.ts` (15 entries × 3
 * unseen paraphrases, plus out-of-scope messages); the figures are asserted there.
 */
export const defaultFaqIndexOptions: Required<FaqIndexOptions> = { answerThreshold: 0.42, clarifyThreshold: 0.3, margin: 0.08 };

/** Okapi BM25's usual constants; questions are short, so length normalisation stays mild. */
const k1 = 1.2;
const b = 0.5;

/** How the signals mix: words and spelling, then the classifier's vote when a ranking is given. */
const weights = { lexical: 0.7, trigram: 0.3, classifier: 0.3 };

interface IndexedText {
  entry: number;
  termCounts: Map<string, number>;
  length: number;
  /** Sum of the idf of its distinct terms: how much a full match of this text weighs. */
  idfMass: number;
  trigramCount: number;
}

interface LanguageIndex {
  texts: IndexedText[];
  /** Per term: the texts that hold it and its BM25 weight in each (idf × saturated tf), precomputed. */
  postings: Map<string, { texts: Int32Array; weights: Float64Array }>;
  trigramPostings: Map<string, Int32Array>;
  idf: Map<string, number>;
  /** Terms of an entry across all its texts, for queries whose words are spread over paraphrases. */
  entryTerms: Set<string>[];
  maxIdf: number;
  averageLength: number;
}

/**
 * Retrieval over the knowledge base. Everything that does not depend on the message is computed
 * here once per language (tokens, idf, postings, trigram postings), so a search only walks the
 * postings of the message's own terms and trigrams.
 */
export function createFaqIndex(entries: readonly FaqEntry[], options: FaqIndexOptions = {}): FaqIndex {
  const settings = { ...defaultFaqIndexOptions, ...options };
  const indexes = new Map<Language, LanguageIndex>();
  const languages = new Set(entries.flatMap((entry) => Object.keys(entry.question)));
  for (const language of supportedLanguages) if (languages.has(language)) indexes.set(language, buildLanguageIndex(entries, language));
  const positionById = new Map(entries.map((entry, index) => [entry.id, index]));

  return {
    size: entries.length,
    search(query) {
      let index = indexes.get(query.language);
      if (!index) {
        index = buildLanguageIndex(entries, query.language);
        indexes.set(query.language, index);
      }
      const classifier = readClassifierVotes(query.ranking ?? [], positionById);
      const scores = scoreEntries(index, query, classifier, entries.length);
      return decide(pickBest(scores, entries, 4), settings);
    },
  };
}

/**
 * The classifier's say, relative to its best guess: with dozens of labels even a right answer can
 * get a calibrated 0.2, so the share of the top probability tells more than the probability itself.
 * When an intent (not a FAQ entry) leads, FAQ entries get only their fraction of it.
 */
function readClassifierVotes(
  ranking: readonly { intent: string; probability: number }[],
  positionById: ReadonlyMap<string, number>,
): Map<number, number> {
  const votes = new Map<number, number>();
  const top = ranking.reduce((max, ranked) => Math.max(max, ranked.probability), 0);
  if (top <= 0) return votes;
  for (const ranked of ranking) {
    if (!ranked.intent.startsWith('faq:')) continue;
    const position = positionById.get(ranked.intent.slice('faq:'.length));
    if (position !== undefined) votes.set(position, ranked.probability / top);
  }
  return votes;
}

/** The `count` best-scored entries, best first (ties by id): a selection, not a sort of the whole base. */
function pickBest(scores: Float64Array, entries: readonly FaqEntry[], count: number): FaqMatch[] {
  const best: FaqMatch[] = [];
  const before = (x: FaqMatch, y: FaqMatch): boolean => x.score > y.score || (x.score === y.score && x.entry.id < y.entry.id);
  scores.forEach((raw, position) => {
    const entry = entries[position];
    if (!entry || raw <= 0) return;
    const match = { entry, score: round(raw) };
    const last = best[best.length - 1];
    if (best.length === count && last && !before(match, last)) return;
    let at = best.length;
    while (at > 0 && best[at - 1] !== undefined && before(match, best[at - 1] ?? match)) at--;
    best.splice(at, 0, match);
    if (best.length > count) best.pop();
  });
  return best;
}

function decide(matches: readonly FaqMatch[], settings: Required<FaqIndexOptions>): FaqSearchResult {
  const [best, second] = matches;
  if (!best) return { decision: 'none', best: null };
  const plausible = matches.filter((match) => match.score >= settings.clarifyThreshold);
  const close = plausible.filter((match) => best.score - match.score < settings.margin);
  if (
    best.score >= settings.answerThreshold &&
    (!second || best.score - second.score >= settings.margin || second.score < settings.clarifyThreshold)
  ) {
    return { decision: 'answer', entry: best.entry, score: best.score, alternatives: plausible.slice(1, 4) };
  }
  // Two or three answers fit about as well: asking beats guessing.
  if (close.length >= 2) return { decision: 'clarify', options: close.slice(0, 3) };
  return { decision: 'none', best };
}

function scoreEntries(
  index: LanguageIndex,
  query: FaqSearchQuery,
  classifier: ReadonlyMap<number, number>,
  entryCount: number,
): Float64Array {
  const tokens = tokenizeFaqText(query.text, query.language);
  const terms = [...new Set(tokens.terms)];
  const queryMass = terms.reduce((sum, term) => sum + (index.idf.get(term) ?? index.maxIdf), 0);

  // Lexical: the best single text (question or paraphrase), or the entry's texts together.
  // Typed accumulators and a list of touched texts: a search walks postings, never every text.
  const textCount = index.texts.length;
  const bm25 = new Float64Array(textCount);
  const matchedMass = new Float64Array(textCount);
  const touched: number[] = [];
  for (const term of terms) {
    const idf = index.idf.get(term);
    const posting = index.postings.get(term);
    if (idf === undefined || !posting) continue;
    for (let i = 0; i < posting.texts.length; i++) {
      const position = posting.texts[i] ?? 0;
      if (matchedMass[position] === 0) touched.push(position);
      bm25[position] = (bm25[position] ?? 0) + (posting.weights[i] ?? 0);
      matchedMass[position] = (matchedMass[position] ?? 0) + idf;
    }
  }
  const lexical = new Float64Array(entryCount);
  if (queryMass > 0) {
    for (const position of touched) {
      const text = index.texts[position];
      if (!text) continue;
      const queryCoverage = Math.min(1, (bm25[position] ?? 0) / queryMass);
      const textCoverage = Math.min(1, (matchedMass[position] ?? 0) / text.idfMass);
      const value = 0.6 * queryCoverage + 0.4 * textCoverage;
      if (value > (lexical[text.entry] ?? 0)) lexical[text.entry] = value;
    }
    index.entryTerms.forEach((entryTerms, entry) => {
      if ((lexical[entry] ?? 0) === 0) return;
      const covered = terms.reduce((sum, term) => sum + (entryTerms.has(term) ? (index.idf.get(term) ?? 0) : 0), 0);
      const spread = 0.85 * (covered / queryMass);
      if (spread > (lexical[entry] ?? 0)) lexical[entry] = spread;
    });
  }

  // Spelling: Dice coefficient of char trigrams, best text per entry.
  const trigram = new Float64Array(entryCount);
  const queryTrigrams = collectCharTrigrams(tokens.words);
  if (queryTrigrams.size > 0) {
    const shared = new Int32Array(textCount);
    const sharing: number[] = [];
    for (const gram of queryTrigrams) {
      const posting = index.trigramPostings.get(gram);
      if (!posting) continue;
      for (const position of posting) {
        if (shared[position] === 0) sharing.push(position);
        shared[position] = (shared[position] ?? 0) + 1;
      }
    }
    for (const position of sharing) {
      const text = index.texts[position];
      if (!text) continue;
      const dice = (2 * (shared[position] ?? 0)) / (queryTrigrams.size + text.trigramCount);
      if (dice > (trigram[text.entry] ?? 0)) trigram[text.entry] = dice;
    }
  }

  const scores = new Float64Array(entryCount);
  for (let entry = 0; entry < entryCount; entry++) {
    const text = weights.lexical * (lexical[entry] ?? 0) + weights.trigram * (trigram[entry] ?? 0);
    const vote = classifier.get(entry);
    // The classifier lifts what the words already support (sqrt), so it cannot answer an off-topic
    // message on its own: its ranking is relative, and off-topic messages have a top label too.
    scores[entry] = vote === undefined ? text : (1 - weights.classifier) * text + weights.classifier * vote * Math.sqrt(text);
  }
  return scores;
}

function buildLanguageIndex(entries: readonly FaqEntry[], language: Language): LanguageIndex {
  const tokenized: { entry: number; terms: string[]; trigrams: Set<string> }[] = [];
  entries.forEach((entry, position) => {
    for (const text of textsFor(entry, language)) {
      const tokens = tokenizeFaqText(text, language);
      if (tokens.terms.length === 0) continue;
      tokenized.push({ entry: position, terms: tokens.terms, trigrams: collectCharTrigrams(tokens.words) });
    }
  });

  // Document frequency counts entries, not texts: ten paraphrases saying "pix" make it no less telling.
  const entryTerms = entries.map(() => new Set<string>());
  for (const { entry, terms } of tokenized) for (const term of terms) entryTerms[entry]?.add(term);
  const documentFrequency = new Map<string, number>();
  for (const terms of entryTerms) for (const term of terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const idf = new Map<string, number>();
  let maxIdf = 0;
  for (const [term, frequency] of documentFrequency) {
    const value = Math.log(1 + (entries.length - frequency + 0.5) / (frequency + 0.5));
    idf.set(term, value);
    maxIdf = Math.max(maxIdf, value);
  }

  const texts: IndexedText[] = [];
  const termTexts = new Map<string, number[]>();
  const gramTexts = new Map<string, number[]>();
  for (const { entry, terms, trigrams } of tokenized) {
    const position = texts.length;
    const termCounts = new Map<string, number>();
    for (const term of terms) termCounts.set(term, (termCounts.get(term) ?? 0) + 1);
    for (const term of termCounts.keys()) appendTo(termTexts, term, position);
    for (const gram of trigrams) appendTo(gramTexts, gram, position);
    const idfMass = [...termCounts.keys()].reduce((sum, term) => sum + (idf.get(term) ?? 0), 0);
    texts.push({ entry, termCounts, length: terms.length, idfMass: idfMass > 0 ? idfMass : 1, trigramCount: trigrams.size });
  }
  const averageLength = texts.length > 0 ? texts.reduce((sum, text) => sum + text.length, 0) / texts.length : 1;

  const postings = new Map<string, { texts: Int32Array; weights: Float64Array }>();
  for (const [term, positions] of termTexts) {
    const termIdf = idf.get(term) ?? 0;
    const weights = positions.map((position) => {
      const text = texts[position];
      const count = text?.termCounts.get(term) ?? 0;
      const length = text?.length ?? averageLength;
      return (termIdf * (count * (k1 + 1))) / (count + k1 * (1 - b + (b * length) / averageLength));
    });
    postings.set(term, { texts: Int32Array.from(positions), weights: Float64Array.from(weights) });
  }
  const trigramPostings = new Map<string, Int32Array>();
  for (const [gram, positions] of gramTexts) trigramPostings.set(gram, Int32Array.from(positions));
  return { texts, postings, trigramPostings, idf, entryTerms, maxIdf: maxIdf > 0 ? maxIdf : 1, averageLength };
}

/** The entry's question and paraphrases in the language; an entry not written in it is searched in the languages it has. */
function textsFor(entry: FaqEntry, language: Language): string[] {
  const own = [entry.question[language], ...(entry.paraphrases[language] ?? [])].filter((text): text is string => text !== undefined);
  if (own.length > 0) return own;
  return [...Object.values(entry.question), ...Object.values(entry.paraphrases).flat()];
}

function appendTo(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function round(score: number): number {
  return Math.round(Math.min(1, score) * 1000) / 1000;
}
