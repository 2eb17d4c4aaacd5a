import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { buildStoreIntentExamples } from './build-store-intent-examples.ts';
import { NluTrainingError, outOfScopeIntent, type IntentClassifier, type IntentModel } from './intent-classifier.ts';

/**
 * What every IntentClassifier must do, whatever model it runs: run it from a test file with the
 * implementation's factory. Uses the small store dataset, so it stays fast.
 */
export function describeIntentClassifierContract(createClassifier: () => IntentClassifier): void {
  void describe(`IntentClassifier contract: ${createClassifier().name}`, () => {
    const data = buildStoreIntentExamples();
    const trainWithOutOfScope = [...data.train, ...data.outOfScope.train.map((text) => ({ text, intent: outOfScopeIntent }))];
    let model: IntentModel;
    before(async () => {
      model = await createClassifier().train(trainWithOutOfScope);
    });

    void it('lists the trained intents and never out_of_scope among them', () => {
      assert.deepEqual([...model.intents].sort(), [...new Set(data.train.map((e) => e.intent))].sort());
    });

    void it('ranks the intent of held-out chat paraphrases first', async () => {
      let correct = 0;
      for (const example of data.test) if ((await model.classify(example.text)).ranking[0]?.intent === example.intent) correct += 1;
      assert.ok(correct / data.test.length >= 0.75, `${correct} of ${data.test.length} ranked first`);
    });

    void it('returns probabilities between 0 and 1, best first, adding up to at most 1', async () => {
      for (const text of [...data.test.map((e) => e.text), ...data.outOfScope.test]) {
        const { ranking, confidence } = await model.classify(text);
        assert.ok(ranking.length >= 1);
        const sum = ranking.reduce((total, r) => total + r.probability, 0);
        assert.ok(sum <= 1 + 1e-9, `sum ${sum} for "${text}"`);
        for (const [i, r] of ranking.entries()) {
          assert.ok(r.probability >= 0 && r.probability <= 1);
          if (i > 0) assert.ok(r.probability <= ranking[i - 1]!.probability);
        }
        assert.equal(confidence, ranking[0]!.probability);
      }
    });

    void it('gives no intent exactly when the message is out of scope, by the model threshold', async () => {
      for (const text of [...data.test.map((e) => e.text), ...data.outOfScope.test]) {
        const result = await model.classify(text);
        assert.equal(result.intent === null, result.outOfScope);
        if (!result.outOfScope) assert.ok(result.confidence >= model.outOfScopeThreshold);
      }
    });

    void it('puts most messages that belong to no intent below the threshold and keeps most in-scope ones', async () => {
      let rejected = 0;
      for (const text of data.outOfScope.test) if ((await model.classify(text)).outOfScope) rejected += 1;
      let accepted = 0;
      for (const example of data.test) if ((await model.classify(example.text)).intent === example.intent) accepted += 1;
      assert.ok(rejected / data.outOfScope.test.length >= 0.5, `${rejected} of ${data.outOfScope.test.length} rejected`);
      assert.ok(accepted / data.test.length >= 0.6, `${accepted} of ${data.test.length} accepted and right`);
    });

    void it('answers the same when trained twice on the same examples', async () => {
      const again = await createClassifier().train(trainWithOutOfScope);
      for (const example of data.test) assert.deepEqual(await again.classify(example.text), await model.classify(example.text));
    });

    void it('answers empty, emoji-only, binary and huge messages without throwing; empty is out of scope', async () => {
      assert.equal((await model.classify('')).outOfScope, true);
      assert.equal((await model.classify('🎉🎉🎉')).outOfScope, true);
      await model.classify('\u0000\u0001\uFFFD binary');
      const huge = await model.classify('onde está meu pedido '.repeat(1000));
      assert.ok(huge.ranking.length >= 1);
    });

    void it('refuses to train with fewer than two intents', async () => {
      await assert.rejects(createClassifier().train([{ text: 'oi', intent: 'greeting' }]), NluTrainingError);
      await assert.rejects(createClassifier().train([]), NluTrainingError);
    });
  });
}
