// `npm run eval:nlu -- --train FILE --test FILE [--json]` or `-- --workspace DIR --test FILE [--json]`
// (DESIGN.md §8). Trains Fio's default intent classifier, classifies every test line and prints
// in-scope accuracy, out-of-scope recall and precision, macro-F1, train time and p50/p99 classify time.
// Files are JSONL of {"text", "intent"}; intent `out_of_scope` marks a line that belongs to no intent.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatWorkspaceErrors } from '../apps/server/src/workspace/index.ts';
import {
  createLinearIntentClassifier,
  evaluateIntentModel,
  IntentExamplesFileError,
  NluTrainingError,
  readIntentExamplesFile,
  readWorkspaceIntents,
  type IntentExample,
} from '../apps/server/src/conversation/nlu/index.ts';

const usage = 'usage: npm run eval:nlu -- (--train FILE | --workspace DIR) --test FILE [--json]';

class UsageError extends Error {}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      train: { type: 'string' },
      workspace: { type: 'string' },
      test: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.test || Boolean(values.train) === Boolean(values.workspace)) throw new UsageError(usage);
  const trainSource = values.train ?? `${values.workspace}/intents`;
  const training = await readTraining(values.train, values.workspace);
  const test = await readIntentExamplesFile(values.test);

  const started = performance.now();
  const model = await createLinearIntentClassifier().train(training);
  const trainMs = performance.now() - started;
  // Warm the JIT on training texts, so the latency figures are of the steady state.
  for (const example of training.slice(0, 300)) await model.classify(example.text);
  const figures = await evaluateIntentModel(model, test);

  const result = {
    in_scope_accuracy: round(figures.in_scope_accuracy, 4),
    oos_recall: round(figures.oos_recall, 4),
    oos_precision: round(figures.oos_precision, 4),
    macro_f1: round(figures.macro_f1, 4),
    train_ms: Math.round(trainMs),
    p50_us: round(figures.p50_us, 1),
    p99_us: round(figures.p99_us, 1),
  };
  if (values.json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(`train ${trainSource}: ${training.length} examples, ${model.intents.length} intents`);
  console.log(`test  ${values.test}: ${figures.lines} lines; out-of-scope threshold ${round(model.outOfScopeThreshold, 3)}`);
  console.log(`in-scope accuracy    ${result.in_scope_accuracy}`);
  console.log(`out-of-scope recall  ${result.oos_recall}`);
  console.log(`out-of-scope prec.   ${result.oos_precision}`);
  console.log(`macro-F1             ${result.macro_f1}`);
  console.log(`train time           ${result.train_ms} ms`);
  console.log(`classify p50 / p99   ${result.p50_us} µs / ${result.p99_us} µs`);
}

async function readTraining(trainFile: string | undefined, workspaceDir: string | undefined): Promise<IntentExample[]> {
  if (trainFile) return readIntentExamplesFile(trainFile);
  const dir = workspaceDir ?? '';
  if (!existsSync(dir)) throw new UsageError(`eval:nlu: workspace folder not found: ${dir}`);
  const read = await readWorkspaceIntents(dir);
  if (!read.ok) throw new UsageError(`eval:nlu: cannot train from ${dir}:\n${formatWorkspaceErrors(read.errors)}`);
  return read.examples;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof IntentExamplesFileError || error instanceof NluTrainingError) {
    console.error(`eval:nlu: ${error.message}`);
    process.exit(1);
  }
  console.error(error);
  process.exit(1);
});
