import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseOutOfScopeThreshold } from './choose-out-of-scope-threshold.ts';
import { fitTemperature } from './fit-temperature.ts';

describe('fitTemperature', () => {
  it('softens over-confident logits that are often wrong', () => {
    // Always 10 logits ahead, right only half the time: the best T makes p(top) close to 0.5.
    const logits = Array.from({ length: 20 }, () => Float64Array.from([10, 0]));
    const labels = logits.map((_, i) => i % 2);
    const t = fitTemperature(logits, labels);
    const top = 1 / (1 + Math.exp(-10 / t));
    assert.ok(Math.abs(top - 0.5) < 0.05, `T ${t}, p ${top}`);
  });

  it('sharpens timid logits that are always right', () => {
    const logits = Array.from({ length: 20 }, () => Float64Array.from([0.2, 0]));
    assert.ok(fitTemperature(logits, new Array<number>(20).fill(0)) < 0.1);
  });
});

describe('chooseOutOfScopeThreshold', () => {
  it('rejects at least the target share of out-of-scope examples', () => {
    const threshold = chooseOutOfScopeThreshold(
      { inScope: [0.9], outOfScope: [0.1, 0.2, 0.3, 0.4] },
      { targetRecall: 0.5, inScopeRejection: 0.05 },
    );
    assert.ok(threshold > 0.2 && threshold < 0.3, String(threshold));
  });

  it('without out-of-scope examples, rejects the least confident share of in-scope lines', () => {
    const inScope = Array.from({ length: 20 }, (_, i) => (i + 1) / 20);
    const threshold = chooseOutOfScopeThreshold({ inScope, outOfScope: [] }, { targetRecall: 0.5, inScopeRejection: 0.1 });
    assert.equal(inScope.filter((p) => p < threshold).length, 2);
  });
});
