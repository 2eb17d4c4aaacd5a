import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildChatSupportExamples } from './build-chat-support-examples.ts';
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

  it('learns 20 intents and 20 FAQ entries from a few examples each and ranks chat paraphrases right', async () => {
    const { train, test } = buildChatSupportExamples();
    const model = await createLinearIntentClassifier().train(train);
    const wrong: string[] = [];
    for (const example of test) {
      const best = (await model.classify(example.text)).ranking[0]?.intent;
      if (best !== example.intent) wrong.push(`${example.text} → ${best} (${example.intent})`);
    }
    assert.ok(wrong.length <= test.length * 0.1, `${wrong.length} of ${test.length} wrong:\n${wrong.join('\n')}`);
    const faqLines = test.filter((e) => e.intent.startsWith('faq:'));
    const faqRight = faqLines.filter((e) => !wrong.some((w) => w.startsWith(`${e.text} →`))).length;
    assert.ok(faqRight >= faqLines.length * 0.85, `${faqRight} of ${faqLines.length} FAQ paraphrases`);
  });

  it('keeps the event loop turning while it trains', async () => {
    const { train } = buildChatSupportExamples();
    let ticks = 0;
    let last = performance.now();
    let longestGap = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks += 1;
    }, 2);
    try {
      const started = performance.now();
      await createLinearIntentClassifier().train(train);
      const trainMs = performance.now() - started;
      // A training that never yields lets no tick through until it returns; one that yields every
      // few milliseconds lets several through however fast this machine trains.
      const expected = Math.max(2, Math.floor(trainMs / 50));
      assert.ok(ticks >= expected, `${ticks} ticks in ${Math.round(trainMs)} ms of training (expected ${expected})`);
      assert.ok(longestGap < 500, `the timer waited ${Math.round(longestGap)} ms`);
    } finally {
      clearInterval(timer);
    }
  });
});
