/**
 * Words and phrases that carry feeling or frustration, per language, written as customers type
 * them; `compileSentimentLexicon` folds them with the NLU normaliser (accents, chat shorthand,
 * digits as "0"), so "péssimo", "pessimo" and "PÉSSIMOOO" are one entry. Valence runs from -3
 * (insult, "péssimo") to +3 ("excelente"); 0 marks phrases that only block a word inside them
 * ("boa tarde" is no praise).
 */
export interface SentimentLexiconSource {
  valence: Record<string, number>;
  negators: string[];
  /** Words that strengthen the next feeling word ("muito ruim"). */
  intensifiers: string[];
  /** Words that strengthen the feeling word before them ("ruim demais"). */
  postIntensifiers: string[];
  insults: string[];
  legalThreats: string[];
  threatsToLeave: string[];
  alreadySaid: string[];
  repeated: string[];
  waitingLong: string[];
  /**
   * "falei 3 vezes": the word for times, the counts, and the verbs of getting in touch that make a
   * count a repetition; without one it is an instalment ("em 3 vezes"), a charge ("cobraram duas vezes") or sums.
   */
  times: { word: string; counts: string[]; verbs: string[] };
}

// The NLU normaliser turns feeling emojis and laughter into these tokens, whatever the language.
export const sharedValence: Record<string, number> = { emojihappy: 1.5, emojiangry: -2, emojisad: -1.5, haha: 0.5 };
