import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildStoreIntentExamples } from './build-store-intent-examples.ts';
import { createLinearIntentClassifier } from './create-linear-intent-classifier.ts';
import { describeIntentClassifierContract } from './intent-classifier.contract.ts';

describeIntentClassifierContract(() => createLinearIntentClassifier());

describe('createLinearIntentClassifier', () => {
  it('understands chat spellings of its training examples (shorthand, stretched letters, no accents)', async () => {
    const model = await createLinearIntentClassifier().train(buildStoreIntentExamples().train);
    for (const [text, intent] of [
      ['qdo vcs abrem??', 'business_hours'],
      ['cadeee meu pedidooo', 'order_status'],
      ['qro falar c atendente pfv', 'talk_to_human'],
      ['pls cancel my order', 'cancel_order'],
      ['aceita cartao d credito?', 'payment_methods'],
    ] as const) {
      assert.equal((await model.classify(text)).ranking[0]?.intent, intent, text);
    }
  });

  it('changes its answers when the seed changes but not when it stays', async () => {
    const { train, test } = buildStoreIntentExamples();
    const a = await createLinearIntentClassifier({ seed: 7 }).train(train);
    const b = await createLinearIntentClassifier({ seed: 7 }).train(train);
    const c = await createLinearIntentClassifier({ seed: 8 }).train(train);
    const probabilities = async (model: typeof a) => Promise.all(test.map(async (e) => (await model.classify(e.text)).confidence));
    assert.deepEqual(await probabilities(a), await probabilities(b));
    assert.notDeepEqual(await probabilities(a), await probabilities(c));
  });

  it('picks a threshold without out-of-scope examples, rejecting a few of the least confident lines', async () => {
    const model = await createLinearIntentClassifier().train(buildStoreIntentExamples().train);
    assert.ok(model.outOfScopeThreshold > 0 && model.outOfScopeThreshold < 1, String(model.outOfScopeThreshold));
  });
});
