import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createLinearIntentClassifier } from './create-linear-intent-classifier.ts';
import { readIntentExamplesFile } from './read-intent-examples-file.ts';

// The shared datasets live beside the checkout (../shared/data), not in the repository.
const dir = new URL('../../../../../../shared/data/nlu/clinc150/', import.meta.url).pathname;
const missing = !existsSync(`${dir}train.jsonl`) || !existsSync(`${dir}test.jsonl`);

describe('linear classifier on a CLINC150 slice', () => {
  it('ranks 20 intents of CLINC150 test lines right at least 90% of the time', { skip: missing && `no CLINC150 at ${dir}` }, async () => {
    const train = await readIntentExamplesFile(`${dir}train.jsonl`);
    const test = await readIntentExamplesFile(`${dir}test.jsonl`);
    const intents = new Set([...new Set(train.map((e) => e.intent))].filter((i) => i !== 'out_of_scope').slice(0, 20));
    const model = await createLinearIntentClassifier().train(train.filter((e) => intents.has(e.intent)));
    const lines = test.filter((e) => intents.has(e.intent));
    let correct = 0;
    for (const example of lines) if ((await model.classify(example.text)).ranking[0]?.intent === example.intent) correct += 1;
    assert.ok(correct / lines.length >= 0.9, `${correct} of ${lines.length}`);
  });
});
