// `node --import tsx bench/nlu-tune.ts [--data DIR] [--options JSON]`: the model-selection harness behind
// docs/decisions/0005-nlu-classifier.md. Trains on CLINC150's train split and scores its val split only
// (never test): top-1 accuracy, in-scope accuracy and out-of-scope recall at the model's own threshold,
// and in-scope accuracy at the threshold that rejects half of val's out-of-scope lines.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLinearIntentClassifier, outOfScopeIntent, readIntentExamplesFile } from '../apps/server/src/conversation/nlu/index.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: new URL('../../shared/data/nlu/clinc150', import.meta.url).pathname },
    train: { type: 'string', default: 'train.jsonl' },
    test: { type: 'string', default: 'val.jsonl' },
    options: { type: 'string', default: '{}' },
  },
});
const overrides: unknown = JSON.parse(values.options);
const train = await readIntentExamplesFile(join(values.data, values.train));
const test = await readIntentExamplesFile(join(values.data, values.test));
const started = performance.now();
const model = await createLinearIntentClassifier(typeof overrides === 'object' && overrides !== null ? overrides : {}).train(train);
const trainMs = performance.now() - started;
const inScope: { confidence: number; right: boolean }[] = [];
const outOfScope: number[] = [];
let top1 = 0;
let acceptedRight = 0;
let rejectedOut = 0;
for (const example of test) {
  const result = await model.classify(example.text);
  if (example.intent === outOfScopeIntent) {
    outOfScope.push(result.confidence);
    if (result.outOfScope) rejectedOut += 1;
    continue;
  }
  const right = result.ranking[0]?.intent === example.intent;
  if (right) top1 += 1;
  if (result.intent === example.intent) acceptedRight += 1;
  inScope.push({ confidence: result.confidence, right });
}
outOfScope.sort((a, b) => a - b);
const atHalf = outOfScope.length > 0 ? outOfScope[Math.ceil(outOfScope.length / 2) - 1]! + 1e-9 : 0;
const round = (n: number) => Number(n.toFixed(4));
console.log(
  JSON.stringify({
    top1: round(top1 / inScope.length),
    in_scope_accuracy: round(acceptedRight / inScope.length),
    oos_recall: outOfScope.length > 0 ? round(rejectedOut / outOfScope.length) : null,
    threshold: round(model.outOfScopeThreshold),
    in_scope_at_half_oos: round(inScope.filter((e) => e.right && e.confidence >= atHalf).length / inScope.length),
    train_ms: Math.round(trainMs),
  }),
);
