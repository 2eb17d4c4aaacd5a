/**
 * Sparse n-gram features of normalised tokens, each named by a 32-bit hash: word unigrams and
 * bigrams, and character n-grams over the whole line (so a typo still shares most of its n-grams
 * with the right word). Counts only; weighting belongs to the vocabulary.
 */

export interface FeatureShape {
  /** 1 = unigrams, 2 = unigrams and bigrams. */
  wordNgrams: 1 | 2;
  charMin: number;
  charMax: number;
}

export interface HashedFeatures {
  words: Map<number, number>;
  chars: Map<number, number>;
}

const fnvPrime = 0x01000193;
const wordSeed = 0x811c9dc5;
const bigramSeed = 0x9e3779b9;
const charSeed = 0x85ebca6b;

export function hashTextFeatures(tokens: readonly string[], shape: FeatureShape): HashedFeatures {
  const words = new Map<number, number>();
  const chars = new Map<number, number>();
  let previous = 0;
  for (let t = 0; t < tokens.length; t += 1) {
    const hash = hashString(tokens[t] ?? '', wordSeed);
    add(words, hash);
    if (shape.wordNgrams === 2 && t > 0) add(words, Math.imul(previous ^ bigramSeed, fnvPrime) ^ hash);
    previous = hash;
  }
  const line = ` ${tokens.join(' ')} `;
  for (let start = 0; start < line.length; start += 1) {
    let hash = charSeed;
    for (let length = 1; length <= shape.charMax && start + length <= line.length; length += 1) {
      hash = Math.imul(hash ^ line.charCodeAt(start + length - 1), fnvPrime);
      if (length >= shape.charMin && !(length === 1 && line[start] === ' ')) add(chars, hash);
    }
  }
  return { words, chars };
}

function hashString(text: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), fnvPrime);
  return hash;
}

function add(bag: Map<number, number>, key: number): void {
  bag.set(key, (bag.get(key) ?? 0) + 1);
}
