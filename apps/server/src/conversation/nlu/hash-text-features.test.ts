import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashTextFeatures } from './hash-text-features.ts';

const shape = { wordNgrams: 2, charMin: 2, charMax: 5 } as const;
const shared = (a: Int32Array, b: Int32Array) => [...a].filter((hash) => b.includes(hash)).length;

describe('hashTextFeatures', () => {
  it('gives unigrams and bigrams, and the same hashes for the same words', () => {
    const { words } = hashTextFeatures(['cancelar', 'pedido'], shape);
    assert.equal(words.length, 3);
    assert.deepEqual(hashTextFeatures(['cancelar', 'pedido'], shape), hashTextFeatures(['cancelar', 'pedido'], shape));
  });

  it('lets two inflections of one word share a stem feature only when stems are on', () => {
    const a = hashTextFeatures(['cancelando'], { ...shape, stems: true }).words;
    const b = hashTextFeatures(['cancels'], { ...shape, stems: true }).words;
    assert.equal(shared(a, b), 1);
    assert.equal(shared(hashTextFeatures(['cancelando'], shape).words, hashTextFeatures(['cancels'], shape).words), 0);
  });

  it('leaves short words and words without a known ending unstemmed', () => {
    assert.equal(hashTextFeatures(['oi', 'bus'], { ...shape, stems: true, wordNgrams: 1 }).words.length, 2);
    assert.equal(hashTextFeatures(['cancelar'], { ...shape, stems: true }).words.length, 1);
  });

  it('has no features for no tokens', () => {
    const { words, chars } = hashTextFeatures([], shape);
    assert.equal(words.length + chars.length, 0);
  });
});
