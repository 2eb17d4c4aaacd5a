import type { Language } from '../../../workspace/workspace.schema.ts';
import {
  compileSentimentLexicon,
  matchPhraseAt,
  tokenizeForSentiment,
  type CompiledSentimentLexicon,
} from './compile-sentiment-lexicon.ts';

export type FrustrationSignal =
  | 'negative_words'
  | 'insult'
  | 'caps'
  | 'exclamations'
  | 'repeated_complaint'
  | 'already_said'
  | 'threat_to_leave'
  | 'legal_threat'
  | 'waiting_long'
  | 'repeated_failure';

export interface SentimentScore {
  /** -1 (very negative) .. 1 (very positive); a plain question is 0. */
  score: number;
  /** 0..1: how likely the customer is fed up and needs a person. */
  frustration: number;
  signals: FrustrationSignal[];
}

export interface SentimentContext {
  /** Consecutive turns the bot did not understand. */
  botFailures: number;
  /** The customer's earlier messages, oldest first: saying the same thing again is a signal. */
  previousTexts?: readonly string[];
}

const lexicons: Record<Language, CompiledSentimentLexicon> = {
  'pt-BR': compileSentimentLexicon('pt-BR'),
  en: compileSentimentLexicon('en'),
  es: compileSentimentLexicon('es'),
};

// How much each signal alone says about frustration; signals combine as independent evidence
// (1 - Π(1 - w)), so two moderate signals weigh more than either and nothing passes 1.
// Phrase signals also pull the score down (insults already do as words): "to esperando há 10 dias" is no neutral line.
const phraseSignals: readonly { signal: FrustrationSignal; weight: number; valence: number }[] = [
  { signal: 'insult', weight: 0.85, valence: 0 },
  { signal: 'legal_threat', weight: 0.85, valence: -2 },
  { signal: 'threat_to_leave', weight: 0.6, valence: -2 },
  { signal: 'already_said', weight: 0.5, valence: -1 },
  { signal: 'repeated_complaint', weight: 0.4, valence: -1 },
  { signal: 'waiting_long', weight: 0.35, valence: -1 },
];
const signalOrder: readonly FrustrationSignal[] = [
  'negative_words',
  'insult',
  'legal_threat',
  'threat_to_leave',
  'already_said',
  'repeated_complaint',
  'waiting_long',
  'repeated_failure',
  'caps',
  'exclamations',
];

/**
 * Feeling and frustration of one customer message, from a lexicon per language with negation
 * ("não é ruim"), intensifiers ("muito", "demais"), stretched letters, CAPS and "!!!", plus what
 * the conversation knows (the bot failing again, the customer repeating themselves). Shouting and
 * "!!!" only amplify: "ADOREI!!!" is joy, not frustration.
 */
export function scoreSentiment(text: string, language: Language, context?: SentimentContext): SentimentScore {
  const lexicon = lexicons[language];
  const found = new Set<FrustrationSignal>();
  let sum = 0;
  let negative = 0;
  for (const clause of text.split(/[.,;:!?¿¡\n]+/)) {
    const tokens = tokenizeForSentiment(clause);
    const clauseScore = scoreClause(tokens, lexicon);
    sum += clauseScore.sum;
    negative += clauseScore.negative;
    for (const signal of findSignals(tokens, lexicon)) found.add(signal);
  }
  // Signal phrases move the score but not the negative-words weight: their own weight already counts.
  for (const { signal, valence } of phraseSignals) if (found.has(signal)) sum += valence;
  const stretched = (text.match(/(\p{L})\1{2,}/gu) ?? []).length;
  const emphasis = 1 + 0.15 * Math.min(stretched, 2);
  sum *= emphasis;
  negative *= emphasis;
  const score = round(Math.tanh(sum / 3));

  const weights: number[] = [];
  if (context && previousRepeated(text, context.previousTexts ?? [])) found.add('repeated_complaint');
  if (negative >= 1) {
    found.add('negative_words');
    weights.push(Math.min(0.45, 0.1 * negative));
  }
  // "já falei" and "de novo" are two ways of saying the same thing (the customer repeats
  // themselves), so together they count as one strong repetition, not two independent signals.
  const repetition: number[] = [];
  for (const { signal, weight } of phraseSignals) {
    if (!found.has(signal)) continue;
    if (signal === 'already_said' || signal === 'repeated_complaint') repetition.push(weight);
    else weights.push(weight);
  }
  repetition.sort((a, b) => b - a);
  if (repetition[0] !== undefined) weights.push(repetition[0] + 0.5 * (repetition[1] ?? 0));
  const failures = context && Number.isFinite(context.botFailures) ? Math.max(0, Math.floor(context.botFailures)) : 0;
  if (failures > 0) {
    found.add('repeated_failure');
    weights.push(Math.min(0.55, 0.15 * failures));
  }
  addAmplifiers(text, score, found, weights);
  const frustration = round(1 - weights.reduce((rest, weight) => rest * (1 - weight), 1));
  return { score, frustration, signals: signalOrder.filter((signal) => found.has(signal)) };
}

function scoreClause(tokens: readonly string[], lexicon: CompiledSentimentLexicon): { sum: number; negative: number } {
  let sum = 0;
  let negative = 0;
  let negationLeft = 0;
  let boostLeft = 0;
  let at = 0;
  while (at < tokens.length) {
    const match = matchPhraseAt(lexicon.valence, tokens, at);
    if (match) {
      let value = match.value * (boostLeft > 0 ? 1.5 : 1);
      at += match.length;
      const post = matchPhraseAt(lexicon.postIntensifiers, tokens, at);
      if (post) {
        value *= 1.5;
        at += post.length;
      }
      // "não gostei" is nearly as bad as "ruim"; "não é ruim" is only faintly good.
      if (negationLeft > 0 && value !== 0) value = value > 0 ? -value * 0.8 : -value * 0.5;
      sum += value;
      if (value < 0) negative -= value;
      negationLeft = 0;
      boostLeft = 0;
      continue;
    }
    const token = tokens[at] ?? '';
    negationLeft = lexicon.negators.has(token) ? 3 : Math.max(0, negationLeft - 1);
    boostLeft = lexicon.intensifiers.has(token) ? 2 : Math.max(0, boostLeft - 1);
    at += 1;
  }
  return { sum, negative };
}

function findSignals(tokens: readonly string[], lexicon: CompiledSentimentLexicon): Set<FrustrationSignal> {
  const signals = new Set<FrustrationSignal>();
  for (let at = 0; at < tokens.length; at += 1) {
    const match = matchPhraseAt(lexicon.signals, tokens, at);
    if (match) signals.add(match.value);
    // "já falei 3 vezes" is a complaint; "em 3 vezes sem juros" is an instalment.
    if (tokens[at] === lexicon.times.word && lexicon.times.counts.has(tokens[at - 1] ?? '')) {
      const near = [tokens[at - 2], tokens[at - 3], tokens[at - 4], tokens[at + 1], tokens[at + 2]];
      if (near.some((token) => token !== undefined && lexicon.times.verbs.has(token))) signals.add('repeated_complaint');
    }
  }
  return signals;
}

/** CAPS and "!!!" weigh on a negative message, a little on a neutral one, nothing on a happy one. */
function addAmplifiers(text: string, score: number, found: Set<FrustrationSignal>, weights: number[]): void {
  if (score > 0.3) return;
  const upset = score < 0 || weights.length > 0;
  if (isShouting(text)) {
    found.add('caps');
    weights.push(upset ? 0.35 : 0.2);
  }
  const marks = text.match(/[!?]*(?:!!|\?\?\?|\?!|!\?)[!?]*/g);
  if (marks) {
    const strong = marks.some((run) => run.length >= 3) || (text.match(/!/g) ?? []).length >= 3;
    found.add('exclamations');
    weights.push(upset ? (strong ? 0.35 : 0.25) : strong ? 0.15 : 0.1);
  }
}

/**
 * Mostly upper-case letters (in words of three letters or more, so "CPF" or "OK" is no shouting),
 * or a shouted run of words inside a calmer line ("WORST SERVICE EVER, never again").
 */
function isShouting(text: string): boolean {
  const words = text.match(/\p{L}{3,}/gu) ?? [];
  const letters = words.reduce((total, word) => total + word.length, 0);
  const upper = words.reduce((total, word) => total + (word.match(/\p{Lu}/gu) ?? []).length, 0);
  if (letters >= 6 && upper / letters >= 0.7) return true;
  return (text.match(/\p{Lu}{3,}(?:[\s,]+\p{Lu}{3,})+/gu) ?? []).some((run) => run.replace(/[\s,]/g, '').length >= 10);
}

/** Whether the message says again what an earlier one said (most of the same words). */
function previousRepeated(text: string, previousTexts: readonly string[]): boolean {
  const words = new Set(tokenizeForSentiment(text).filter((token) => token.length >= 3));
  if (words.size < 3) return false;
  return previousTexts.some((previous) => {
    const other = new Set(tokenizeForSentiment(previous).filter((token) => token.length >= 3));
    let shared = 0;
    for (const word of words) if (other.has(word)) shared += 1;
    return shared / (words.size + other.size - shared) >= 0.6;
  });
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
