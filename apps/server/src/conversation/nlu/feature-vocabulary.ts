import type { EventLoopYielder } from './create-event-loop-yielder.ts';
import type { HashedFeatures } from './hash-text-features.ts';

/**
 * The bounded feature space learnt from training texts: features seen in at least `minDocs`
 * examples get a column and an inverse document frequency. Vectors use sublinear term frequency
 * (1 + ln tf) × idf, L2-normalised per group (words, characters) and weighted per group, so a long
 * line does not outweigh a short one and neither group drowns the other. Columns are found
 * through an open-addressing table of hashes, which is what keeps classify in microseconds.
 */
export interface FeatureVocabulary {
  readonly size: number;
  readonly idf: Float32Array;
  readonly wordWeight: number;
  readonly charWeight: number;
  /** Slot → hash and slot → column + 1 (0 = empty); the capacity is a power of two. */
  readonly slotHashes: Int32Array;
  readonly slotColumns: Int32Array;
  /** Per-column counts while vectorising one line; always back to zero afterwards. */
  readonly scratch: Float64Array;
}

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export async function buildFeatureVocabulary(
  documents: readonly HashedFeatures[],
  options: { minDocs: number; wordWeight: number; charWeight: number },
  yielder: EventLoopYielder,
): Promise<FeatureVocabulary> {
  const counts = await countDocumentFrequencies(documents, yielder);
  const kept: number[] = [];
  const docCounts: number[] = [];
  for (let slot = 0; slot < counts.docs.length; slot += 1) {
    const docs = counts.docs[slot]!;
    if (docs === 0 || docs < options.minDocs) continue;
    kept.push(counts.hashes[slot]!);
    docCounts.push(docs);
  }
  let capacity = 16;
  while (capacity < kept.length * 2) capacity *= 2;
  const slotHashes = new Int32Array(capacity);
  const slotColumns = new Int32Array(capacity);
  for (let column = 0; column < kept.length; column += 1) {
    let slot = firstSlot(kept[column]!, capacity);
    while (slotColumns[slot] !== 0) slot = (slot + 1) & (capacity - 1);
    slotHashes[slot] = kept[column]!;
    slotColumns[slot] = column + 1;
  }
  const n = documents.length;
  const idf = Float32Array.from(docCounts, (docs) => Math.log((1 + n) / (1 + docs)) + 1);
  return {
    size: kept.length,
    idf,
    wordWeight: options.wordWeight,
    charWeight: options.charWeight,
    slotHashes,
    slotColumns,
    scratch: new Float64Array(kept.length),
  };
}

export function vectorizeFeatures(vocabulary: FeatureVocabulary, features: HashedFeatures): SparseVector {
  const indices = new Int32Array(features.words.length + features.chars.length);
  const values = new Float32Array(indices.length);
  let used = appendGroup(vocabulary, features.words, vocabulary.wordWeight, indices, values, 0);
  used = appendGroup(vocabulary, features.chars, vocabulary.charWeight, indices, values, used);
  return { indices: indices.subarray(0, used), values: values.subarray(0, used) };
}

function appendGroup(
  vocabulary: FeatureVocabulary,
  hashes: Int32Array,
  weight: number,
  indices: Int32Array,
  values: Float32Array,
  start: number,
): number {
  const { scratch, idf } = vocabulary;
  let end = start;
  for (let i = 0; i < hashes.length; i += 1) {
    const column = columnOf(vocabulary, hashes[i]!);
    if (column < 0) continue;
    if (scratch[column] === 0) indices[end++] = column;
    scratch[column]! += 1;
  }
  let squares = 0;
  for (let k = start; k < end; k += 1) {
    const column = indices[k]!;
    const value = (1 + Math.log(scratch[column]!)) * idf[column]!;
    scratch[column] = 0;
    values[k] = value;
    squares += value * value;
  }
  if (squares === 0) return end;
  const scale = weight / Math.sqrt(squares);
  for (let k = start; k < end; k += 1) values[k]! *= scale;
  return end;
}

function columnOf(vocabulary: FeatureVocabulary, hash: number): number {
  const { slotHashes, slotColumns } = vocabulary;
  const mask = slotColumns.length - 1;
  let slot = firstSlot(hash, slotColumns.length);
  for (;;) {
    const column = slotColumns[slot]!;
    if (column === 0) return -1;
    if (slotHashes[slot] === hash) return column - 1;
    slot = (slot + 1) & mask;
  }
}

function firstSlot(hash: number, capacity: number): number {
  return (Math.imul(hash, 0x9e3779b1) >>> 0) & (capacity - 1);
}

/**
 * How many documents contain each hash (word and character hashes share one space), in an
 * open-addressing table (slot → hash, slot → documents; 0 documents = empty) that doubles when
 * half full. A document's repeats count once: its own hashes are sorted and deduplicated first.
 */
async function countDocumentFrequencies(
  documents: readonly HashedFeatures[],
  yielder: EventLoopYielder,
): Promise<{ hashes: Int32Array; docs: Int32Array }> {
  let hashes = new Int32Array(1 << 16);
  let docs = new Int32Array(1 << 16);
  let used = 0;
  const insert = (table: { hashes: Int32Array; docs: Int32Array }, hash: number, add: number): boolean => {
    const mask = table.docs.length - 1;
    let slot = firstSlot(hash, table.docs.length);
    while (table.docs[slot] !== 0 && table.hashes[slot] !== hash) slot = (slot + 1) & mask;
    const fresh = table.docs[slot] === 0;
    table.hashes[slot] = hash;
    table.docs[slot]! += add;
    return fresh;
  };
  for (const d of documents) {
    if (yielder.due()) await yielder.pause();
    const own = new Int32Array(d.words.length + d.chars.length);
    own.set(d.words);
    own.set(d.chars, d.words.length);
    own.sort();
    for (let i = 0; i < own.length; i += 1) {
      if (i > 0 && own[i] === own[i - 1]) continue;
      if (insert({ hashes, docs }, own[i]!, 1)) used += 1;
      if (used * 2 <= docs.length) continue;
      const grown = { hashes: new Int32Array(docs.length * 2), docs: new Int32Array(docs.length * 2) };
      for (let slot = 0; slot < docs.length; slot += 1) if (docs[slot] !== 0) insert(grown, hashes[slot]!, docs[slot]!);
      ({ hashes, docs } = grown);
    }
  }
  return { hashes, docs };
}
