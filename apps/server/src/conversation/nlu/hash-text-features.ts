/**
 * Sparse n-gram features of normalised tokens, each named by a 32-bit hash: word unigrams and
 * bigrams, optionally a light stem of each longer word (one suffix list for pt, en and es:
 * "cancelando" and "cancels" meet at "cancel", "pedidos" at "pedido"), and character n-grams over the whole line (so a typo still shares most of its n-grams
 * with the right word, and n-grams across a space see word pairs). Raw hashes, repeats included;
 * counting and weighting belong to the vocabulary. Typed arrays rather than maps: this runs on
 * every message and every training example.
 */

export interface FeatureShape {
  /** 1 = unigrams, 2 = unigrams and bigrams. */
  wordNgrams: 1 | 2;
  stems?: boolean;
  charMin: number;
  charMax: number;
}

export interface HashedFeatures {
  words: Int32Array;
  chars: Int32Array;
}

const fnvPrime = 0x01000193;
const wordSeed = 0x811c9dc5 | 0;
const bigramSeed = 0x9e3779b9 | 0;
const charSeed = 0x85ebca6b | 0;
const stemSeed = 0x165667b1 | 0;
// Plural, gerund, participle and adverb endings, longest first; folded text, so "ções" is "coes".
const suffixes = /(?:mente|coes|cao|oes|ando|endo|indo|ado|ido|ing|ed|es|s)$/;

export function hashTextFeatures(tokens: readonly string[], shape: FeatureShape): HashedFeatures {
  const words = new Int32Array(3 * tokens.length);
  let w = 0;
  let previous = 0;
  for (let t = 0; t < tokens.length; t += 1) {
    const token = tokens[t]!;
    const hash = hashString(token, wordSeed);
    words[w++] = hash;
    if (shape.wordNgrams === 2 && t > 0) words[w++] = Math.imul(previous ^ bigramSeed, fnvPrime) ^ hash;
    if (shape.stems && token.length > 4) {
      const stem = token.replace(suffixes, '');
      if (stem !== token && stem.length >= 3) words[w++] = hashString(stem, stemSeed);
    }
    previous = hash;
  }
  if (tokens.length === 0) return { words: words.subarray(0, w), chars: new Int32Array(0) };
  const line = ` ${tokens.join(' ')} `;
  const chars = new Int32Array(line.length * (shape.charMax - shape.charMin + 1));
  let c = 0;
  for (let start = 0; start < line.length; start += 1) {
    let hash = charSeed;
    for (let length = 1; length <= shape.charMax && start + length <= line.length; length += 1) {
      hash = Math.imul(hash ^ line.charCodeAt(start + length - 1), fnvPrime);
      if (length >= shape.charMin && !(length === 1 && line.charCodeAt(start) === 32)) chars[c++] = hash;
    }
  }
  return { words: words.subarray(0, w), chars: chars.subarray(0, c) };
}

function hashString(text: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), fnvPrime);
  return hash;
}
