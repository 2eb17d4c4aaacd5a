import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateIntentModel, percentile } from './evaluate-intent-model.ts';
import type { IntentModel } from './intent-classifier.ts';

/** A model that answers from a fixed table; anything else is out of scope. */
function buildTableModel(answers: Record<string, string>): IntentModel {
  return {
    intents: [...new Set(Object.values(answers))],
    outOfScopeThreshold: 0.5,
    classify: async (text) => {
      const intent = answers[text] ?? null;
      return {
        intent,
        confidence: intent ? 0.9 : 0.1,
        outOfScope: intent === null,
        ranking: [{ intent: intent ?? 'a', probability: intent ? 0.9 : 0.1 }],
      };
    },
  };
}

describe('evaluateIntentModel', () => {
  it('counts rejected in-scope lines as wrong and reports out-of-scope recall and precision', async () => {
    const model = buildTableModel({ a1: 'a', a2: 'a', b1: 'a', o1: 'b' });
    const figures = await evaluateIntentModel(model, [
      { text: 'a1', intent: 'a' },
      { text: 'a2', intent: 'a' },
      { text: 'b1', intent: 'b' },
      { text: 'b2', intent: 'b' },
      { text: 'o1', intent: 'out_of_scope' },
      { text: 'o2', intent: 'out_of_scope' },
    ]);
    assert.equal(figures.in_scope_accuracy, 2 / 4);
    assert.equal(figures.oos_recall, 1 / 2);
    assert.equal(figures.oos_precision, 1 / 2);
    // F1: a = 2·(2/3·1)/(2/3+1) = 0.8, b = 0, out_of_scope = 0.5.
    assert.ok(Math.abs(figures.macro_f1 - (0.8 + 0 + 0.5) / 3) < 1e-9);
    assert.ok(figures.p99_us >= figures.p50_us);
  });

  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(sorted, 0.5), 50);
    assert.equal(percentile(sorted, 0.99), 99);
    assert.equal(percentile([], 0.5), 0);
  });
});
