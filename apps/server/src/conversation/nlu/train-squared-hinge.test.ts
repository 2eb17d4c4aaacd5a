import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEventLoopYielder } from './create-event-loop-yielder.ts';
import type { SparseVector } from './feature-vocabulary.ts';
import { scoreLinear } from './score-linear.ts';
import { trainSquaredHinge } from './train-squared-hinge.ts';

// Three classes over six features: class c owns features 2c and 2c + 1, and every line also
// carries a shared feature 6 that tells nothing.
const line = (own: number, shared: number): SparseVector => ({
  indices: Int32Array.from([own, 6]),
  values: Float32Array.from([1, shared]),
});
const rows = [0, 1, 2].flatMap((c) => [line(2 * c, 0.3), line(2 * c + 1, 0.5), line(2 * c, 0.1)]);
const labels = Int32Array.from(rows, (_, r) => Math.floor(r / 3));
const space = { classCount: 3, featureCount: 7 };
const options = { epochs: 2, minSteps: 2000, lambda: 1e-4, initialRate: 1, biasRate: 0.1, seed: 1 };

describe('trainSquaredHinge', () => {
  it('scores each line highest for its own class, above 0, and the others below 0', async () => {
    const { model, steps } = await trainSquaredHinge(rows, labels, space, options, createEventLoopYielder());
    assert.ok(steps >= 2000, `epochs grow to reach minSteps (${steps})`);
    const scores = new Float64Array(3);
    for (const [r, row] of rows.entries()) {
      scoreLinear(model, row, scores);
      for (let c = 0; c < 3; c += 1) assert.ok(c === labels[r] ? scores[c]! > 0 : scores[c]! < 0, `line ${r} class ${c}: ${scores[c]}`);
    }
  });

  it('continues the step schedule from a previous training without changing it', async () => {
    const first = await trainSquaredHinge(rows, labels, space, { ...options, minSteps: 0 }, createEventLoopYielder());
    const weightsBefore = Float32Array.from(first.model.weights);
    const second = await trainSquaredHinge(rows, labels, space, { ...options, epochs: 1, minSteps: 0 }, createEventLoopYielder(), first);
    assert.equal(second.steps, first.steps + rows.length);
    assert.deepEqual(first.model.weights, weightsBefore);
  });

  it('trains nothing from no lines', async () => {
    const { steps } = await trainSquaredHinge([], new Int32Array(0), space, options, createEventLoopYielder());
    assert.equal(steps, 0);
  });
});
