import type { HashedFeatures } from './hash-text-features.ts';

/**
 * The bounded feature space learnt from training texts: features seen in at least `minDocs`
 * examples get a column and an inverse document frequency. Vectors use sublinear term frequency
 * (1 + ln tf) × idf, L2-normalised per group (words, characters) and weighted per group, so a long
 * line does not outweigh a short one and neither group drowns the other.
 */
export interface FeatureVocabulary {
  readonly size: number;
  readonly words: ReadonlyMap<number, number>;
  readonly chars: ReadonlyMap<number, number>;
  readonly idf: Float32Array;
  readonly wordWeight: number;
  readonly charWeight: number;
}

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export function buildFeatureVocabulary(
  documents: readonly HashedFeatures[],
  options: { minDocs: number; wordWeight: number; charWeight: number },
): FeatureVocabulary {
  const wordDocs = countDocuments(documents.map((d) => d.words));
  const charDocs = countDocuments(documents.map((d) => d.chars));
  const words = new Map<number, number>();
  const chars = new Map<number, number>();
  const docCounts: number[] = [];
  for (const [group, counts] of [
    [words, wordDocs],
    [chars, charDocs],
  ] as const) {
    for (const [hash, docs] of counts) {
      if (docs < options.minDocs) continue;
      group.set(hash, docCounts.length);
      docCounts.push(docs);
    }
  }
  const n = documents.length;
  const idf = Float32Array.from(docCounts, (docs) => Math.log((1 + n) / (1 + docs)) + 1);
  return { size: docCounts.length, words, chars, idf, wordWeight: options.wordWeight, charWeight: options.charWeight };
}

export function vectorizeFeatures(vocabulary: FeatureVocabulary, features: HashedFeatures): SparseVector {
  const indices: number[] = [];
  const values: number[] = [];
  appendGroup(vocabulary, vocabulary.words, features.words, vocabulary.wordWeight, indices, values);
  appendGroup(vocabulary, vocabulary.chars, features.chars, vocabulary.charWeight, indices, values);
  return { indices: Int32Array.from(indices), values: Float32Array.from(values) };
}

function appendGroup(
  vocabulary: FeatureVocabulary,
  columns: ReadonlyMap<number, number>,
  counts: ReadonlyMap<number, number>,
  weight: number,
  indices: number[],
  values: number[],
): void {
  const start = values.length;
  let squares = 0;
  for (const [hash, count] of counts) {
    const column = columns.get(hash);
    if (column === undefined) continue;
    const value = (1 + Math.log(count)) * (vocabulary.idf[column] ?? 0);
    indices.push(column);
    values.push(value);
    squares += value * value;
  }
  if (squares === 0) return;
  const scale = weight / Math.sqrt(squares);
  for (let i = start; i < values.length; i += 1) values[i] = (values[i] ?? 0) * scale;
}

function countDocuments(bags: readonly ReadonlyMap<number, number>[]): Map<number, number> {
  const docs = new Map<number, number>();
  for (const bag of bags) for (const hash of bag.keys()) docs.set(hash, (docs.get(hash) ?? 0) + 1);
  return docs;
}
