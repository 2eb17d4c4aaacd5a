import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseOutOfScopeThreshold } from './choose-out-of-scope-threshold.ts';
import { fitTemperature } from './fit-temperature.ts';

describe('fitTemperature', () => {
  it('softens over-confident logits that are often wrong', async () => {
    // Always 10 logits ahead, right only half the time: the best T brings p(top) down towards 0.5.
    const logits = Array.from({ length: 400 }, () => Float64Array.from([10, 0]));
    const labels = logits.map((_, i) => i % 2);
    const t = await fitTemperature(logits, labels);
    const top = 1 / (1 + Math.exp(-10 / t));
    assert.ok(t > 5 && top < 0.6, `T ${t}, p ${top}`);
  });

  it('sharpens timid logits that are always right', async () => {
    const logits = Array.from({ length: 200 }, () => Float64Array.from([0.2, 0]));
    assert.ok((await fitTemperature(logits, new Array<number>(200).fill(0))) < 0.2);
  });

  it('stays near 1 when a few held-out lines are all right', async () => {
    const logits = Array.from({ length: 3 }, () => Float64Array.from([2, 0]));
    const t = await fitTemperature(logits, [0, 0, 0]);
    assert.ok(t > 0.3 && t <= 1, String(t));
  });
});

describe('chooseOutOfScopeThreshold', () => {
  const policy = { targetRecall: 0.5, inScopeRejection: 0.05, fallback: 0.5, ceiling: 0.9 };

  it('rejects at least the target share of out-of-scope examples', () => {
    const threshold = chooseOutOfScopeThreshold({ inScope: [0.9], outOfScope: [0.1, 0.2, 0.3, 0.4] }, policy);
    assert.ok(threshold > 0.2 && threshold < 0.3, String(threshold));
  });

  it('never goes above the ceiling, even when out-of-scope examples look certain', () => {
    assert.equal(chooseOutOfScopeThreshold({ inScope: [], outOfScope: [1, 1] }, policy), 0.9);
  });

  it('falls back to a fixed threshold with too few held-out lines to take a share of', () => {
    assert.equal(chooseOutOfScopeThreshold({ inScope: [0.99, 0.98, 0.97], outOfScope: [] }, policy), 0.5);
  });

  it('without out-of-scope examples, rejects the least confident share of in-scope lines', () => {
    const inScope = Array.from({ length: 20 }, (_, i) => (i + 1) / 20);
    const threshold = chooseOutOfScopeThreshold({ inScope, outOfScope: [] }, { ...policy, inScopeRejection: 0.1 });
    assert.equal(inScope.filter((p) => p < threshold).length, 2);
  });
});
