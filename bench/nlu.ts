// `npm run bench -- nlu [--json]`: Fio's NLU and nlp.js (@nlpjs/basic with @nlpjs/lang-en) trained on
// CLINC150's train split and classifying its test split in the same run. Accuracy is top-1 on the
// in-scope test lines (each system's own out-of-scope decision aside); latency is per message.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  createLinearIntentClassifier,
  outOfScopeIntent,
  percentile,
  readIntentExamplesFile,
  type IntentExample,
} from '../apps/server/src/conversation/nlu/index.ts';

export interface NluSystemFigures {
  accuracy: number;
  train_ms: number;
  p50_us: number;
  p99_us: number;
}

interface Trained {
  trainMs: number;
  topIntent(text: string): Promise<string>;
}

const dataDir = process.env['FIO_NLU_DATA_DIR'] ?? new URL('../../shared/data/nlu/clinc150', import.meta.url).pathname;

export async function runNluBench(): Promise<Record<string, number | NluSystemFigures>> {
  const trainFile = join(dataDir, 'train.jsonl');
  const testFile = join(dataDir, 'test.jsonl');
  if (!existsSync(trainFile) || !existsSync(testFile)) {
    console.error(`bench nlu: CLINC150 not found at ${dataDir} (set FIO_NLU_DATA_DIR); nothing measured`);
    process.exit(1);
  }
  const train = await readIntentExamplesFile(trainFile);
  const test = await readIntentExamplesFile(testFile);
  console.log(
    `  ${train.length} training lines, ${test.length} test lines (${test.filter((e) => e.intent !== outOfScopeIntent).length} in scope)`,
  );

  const fio = await measure('fio   ', await trainFio(train), train, test);
  const nlpjs = await measure('nlp.js', await trainNlpjs(train), train, test);
  return {
    fio,
    nlpjs,
    accuracy_delta: round(fio.accuracy - nlpjs.accuracy, 4),
    speedup_p50: round(nlpjs.p50_us / fio.p50_us, 1),
  };
}

async function trainFio(train: readonly IntentExample[]): Promise<Trained> {
  const started = performance.now();
  const model = await createLinearIntentClassifier().train(train);
  const trainMs = performance.now() - started;
  return { trainMs, topIntent: async (text) => (await model.classify(text)).ranking[0]?.intent ?? outOfScopeIntent };
}

async function trainNlpjs(train: readonly IntentExample[]): Promise<Trained> {
  // nlp.js ships CommonJS without types.
  const require = createRequire(import.meta.url);
  const { containerBootstrap, Nlp } = require('@nlpjs/basic');
  const { LangEn } = require('@nlpjs/lang-en');
  const container = await containerBootstrap();
  // nlp.js's own defaults for every language's classifier, with its per-epoch console log turned off.
  container.registerConfiguration(
    'nlu-??',
    {
      keepStopwords: true,
      nonefeatureValue: 1,
      nonedeltaMultiplier: 1.2,
      spellCheck: false,
      spellCheckDistance: 1,
      filterZeros: true,
      log: false,
    },
    true,
  );
  container.use(Nlp);
  container.use(LangEn);
  const nlp = container.get('nlp');
  nlp.settings.autoSave = false;
  nlp.settings.autoLoad = false;
  nlp.settings.log = false;
  nlp.addLanguage('en');
  // Like Fio's threshold mode, nlp.js learns only the intents; it has its own "None" for the rest.
  for (const example of train) if (example.intent !== outOfScopeIntent) nlp.addDocument('en', example.text, example.intent);
  const started = performance.now();
  await nlp.train();
  const trainMs = performance.now() - started;
  return {
    trainMs,
    topIntent: async (text) => {
      const result = await nlp.process('en', text);
      return result.classifications?.[0]?.intent ?? result.intent ?? outOfScopeIntent;
    },
  };
}

async function measure(
  label: string,
  system: Trained,
  train: readonly IntentExample[],
  test: readonly IntentExample[],
): Promise<NluSystemFigures> {
  for (const example of train.slice(0, 300)) await system.topIntent(example.text);
  const durations: number[] = [];
  let inScope = 0;
  let correct = 0;
  for (const example of test) {
    const started = process.hrtime.bigint();
    const intent = await system.topIntent(example.text);
    durations.push(Number(process.hrtime.bigint() - started) / 1000);
    if (example.intent === outOfScopeIntent) continue;
    inScope += 1;
    if (intent === example.intent) correct += 1;
  }
  durations.sort((a, b) => a - b);
  const figures = {
    accuracy: round(correct / inScope, 4),
    train_ms: Math.round(system.trainMs),
    p50_us: round(percentile(durations, 0.5), 1),
    p99_us: round(percentile(durations, 0.99), 1),
  };
  console.log(
    `${label}  accuracy ${figures.accuracy}  train ${figures.train_ms} ms  classify p50 ${figures.p50_us} µs  p99 ${figures.p99_us} µs`,
  );
  return figures;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
