import { outOfScopeIntent, type IntentExample, type IntentModel } from './intent-classifier.ts';

/**
 * The figures of `npm run eval:nlu` (DESIGN §8) for one trained model over labelled lines:
 * accuracy on in-scope lines (a rejected in-scope line counts as wrong), out-of-scope recall and
 * precision, macro-F1 over every label including out_of_scope, and classify latency percentiles.
 */
export interface IntentEvaluation {
  in_scope_accuracy: number;
  oos_recall: number;
  oos_precision: number;
  macro_f1: number;
  p50_us: number;
  p99_us: number;
  lines: number;
}

export async function evaluateIntentModel(model: IntentModel, examples: readonly IntentExample[]): Promise<IntentEvaluation> {
  const durations: number[] = [];
  const counts = new Map<string, { truePositive: number; predicted: number; actual: number }>();
  const count = (intent: string) => {
    let entry = counts.get(intent);
    if (!entry) counts.set(intent, (entry = { truePositive: 0, predicted: 0, actual: 0 }));
    return entry;
  };
  let inScope = 0;
  let inScopeCorrect = 0;
  for (const example of examples) {
    const started = process.hrtime.bigint();
    const result = await model.classify(example.text);
    durations.push(Number(process.hrtime.bigint() - started) / 1000);
    const predicted = result.intent ?? outOfScopeIntent;
    count(example.intent).actual += 1;
    count(predicted).predicted += 1;
    if (predicted === example.intent) count(predicted).truePositive += 1;
    if (example.intent !== outOfScopeIntent) {
      inScope += 1;
      if (predicted === example.intent) inScopeCorrect += 1;
    }
  }
  const oos = counts.get(outOfScopeIntent);
  let f1Sum = 0;
  let labelsWithLines = 0;
  for (const { truePositive, predicted, actual } of counts.values()) {
    if (actual === 0) continue;
    labelsWithLines += 1;
    const precision = predicted === 0 ? 0 : truePositive / predicted;
    const recall = truePositive / actual;
    f1Sum += precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  }
  durations.sort((a, b) => a - b);
  return {
    in_scope_accuracy: ratio(inScopeCorrect, inScope),
    oos_recall: ratio(oos?.truePositive ?? 0, oos?.actual ?? 0),
    oos_precision: ratio(oos?.truePositive ?? 0, oos?.predicted ?? 0),
    macro_f1: ratio(f1Sum, labelsWithLines),
    p50_us: percentile(durations, 0.5),
    p99_us: percentile(durations, 0.99),
    lines: examples.length,
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
