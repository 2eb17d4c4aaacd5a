import { chooseOutOfScopeThreshold } from './choose-out-of-scope-threshold.ts';
import { createEventLoopYielder, type EventLoopYielder } from './create-event-loop-yielder.ts';
import { buildFeatureVocabulary, vectorizeFeatures, type FeatureVocabulary, type SparseVector } from './feature-vocabulary.ts';
import { fitTemperature } from './fit-temperature.ts';
import { hashTextFeatures, type FeatureShape, type HashedFeatures } from './hash-text-features.ts';
import { NluTrainingError, outOfScopeIntent, type IntentClassifier, type IntentExample, type IntentModel } from './intent-classifier.ts';
import { createLinearIntentModel, logitsOf, topProbabilityOf } from './linear-intent-model.ts';
import { normalizeChatText } from './normalize-chat-text.ts';
import type { LinearModel } from './score-linear.ts';
import { splitStratified } from './split-stratified.ts';
import { trainSquaredHinge, type HingeTraining, type SquaredHingeOptions } from './train-squared-hinge.ts';

/**
 * Fio's default intent classifier: one-vs-rest linear SVMs (squared hinge) over TF-IDF word
 * uni/bigrams, light stems and character 2–5-grams of normalised chat text; probabilities are a
 * softmax over the intents' scores plus a "none" score. Training holds out a stratified share of
 * the examples, fits the softmax temperature (with `out_of_scope` examples labelled "none") and
 * the out-of-scope threshold on it, then finishes with one epoch over every example; out-of-scope
 * examples never train weights. Training hands the event loop back every few milliseconds.
 * Settings were chosen on CLINC150's train and val splits, never its test split (ADR 0005).
 */
export interface LinearIntentClassifierOptions extends SquaredHingeOptions {
  /** Share of each intent's examples held out to calibrate (intents with fewer than 3 examples keep all). */
  heldOutShare: number;
  /** With `out_of_scope` examples: the share of them the threshold must reject. */
  targetOutOfScopeRecall: number;
  /** Without them: the share of least-confident held-out in-scope lines the threshold rejects. */
  inScopeRejection: number;
  /** The threshold when there are too few held-out lines to take that share of. */
  fallbackThreshold: number;
  /** The threshold never exceeds this: a message the model is this sure about is never rejected. */
  thresholdCeiling: number;
  /** The closing pass over every example, continuing the step schedule. */
  finishEpochs: number;
  /** How many intents `ranking` lists. */
  rankingSize: number;
  /** Milliseconds of training work between two hand-backs to the event loop. */
  yieldEveryMs: number;
  features: FeatureShape & { minDocs: number; wordWeight: number; charWeight: number };
}

export const defaultLinearIntentClassifierOptions: LinearIntentClassifierOptions = {
  seed: 1,
  epochs: 3,
  minSteps: 30_000,
  lambda: 1e-4,
  initialRate: 1,
  biasRate: 0.1,
  heldOutShare: 0.1,
  finishEpochs: 1,
  targetOutOfScopeRecall: 0.45,
  inScopeRejection: 0.05,
  fallbackThreshold: 0.5,
  thresholdCeiling: 0.9,
  rankingSize: 5,
  yieldEveryMs: 8,
  features: { wordNgrams: 2, stems: true, charMin: 2, charMax: 4, minDocs: 2, wordWeight: 0.7, charWeight: 1 },
};

/** Longer messages are cut before featurising, which keeps classify time bounded. */
const maxClassifiedChars = 4000;

export function createLinearIntentClassifier(overrides: Partial<LinearIntentClassifierOptions> = {}): IntentClassifier {
  const options = { ...defaultLinearIntentClassifierOptions, ...overrides };
  return {
    name: 'linear',
    train: async (examples) => trainLinearIntentModel(examples, options),
  };
}

interface Featurised {
  features: HashedFeatures;
  label: number;
  vector: SparseVector;
}

async function trainLinearIntentModel(examples: readonly IntentExample[], options: LinearIntentClassifierOptions): Promise<IntentModel> {
  const yielder = createEventLoopYielder(options.yieldEveryMs);
  const featurise = (text: string): HashedFeatures =>
    hashTextFeatures(normalizeChatText(text.slice(0, maxClassifiedChars)), options.features);
  const intents = [...new Set(examples.filter((e) => e.intent !== outOfScopeIntent).map((e) => e.intent))].sort();
  if (intents.length < 2) throw new NluTrainingError(`training needs at least two intents, got ${intents.length}`);
  const labelOf = new Map(intents.map((intent, i) => [intent, i]));
  const inScope: Omit<Featurised, 'vector'>[] = [];
  const outOfScope: HashedFeatures[] = [];
  for (const example of examples) {
    if (yielder.due()) await yielder.pause();
    const features = featurise(example.text);
    if (features.words.length === 0) continue;
    const label = labelOf.get(example.intent);
    if (label === undefined) outOfScope.push(features);
    else inScope.push({ features, label });
  }
  const vocabulary = await buildFeatureVocabulary(
    inScope.map((e) => e.features),
    options.features,
    yielder,
  );
  const featurised: Featurised[] = [];
  for (const example of inScope) {
    if (yielder.due()) await yielder.pause();
    featurised.push({ ...example, vector: vectorizeFeatures(vocabulary, example.features) });
  }
  const calibrated = await trainCalibrated(featurised, outOfScope, { classCount: intents.length, vocabulary }, options, yielder);
  return createLinearIntentModel({ intents, vocabulary, ...calibrated, featurise, rankingSize: options.rankingSize });
}

/**
 * Train on the fit split, fit temperature and threshold on what that model has not seen, then one
 * more pass over every example from the calibrating weights, so held-out lines also teach.
 */
async function trainCalibrated(
  inScope: readonly Featurised[],
  outOfScope: readonly HashedFeatures[],
  space: { classCount: number; vocabulary: FeatureVocabulary },
  options: LinearIntentClassifierOptions,
  yielder: EventLoopYielder,
): Promise<{ linear: LinearModel; temperature: number; threshold: number }> {
  const train = async (items: readonly Featurised[], settings: SquaredHingeOptions, start?: HingeTraining) =>
    trainSquaredHinge(
      items.map((e) => e.vector),
      Int32Array.from(items, (e) => e.label),
      { classCount: space.classCount, featureCount: space.vocabulary.size },
      settings,
      yielder,
      start,
    );
  const { fit, heldOut } = splitStratified(inScope, space.classCount, options);
  if (heldOut.length === 0) {
    const { model } = await train(inScope, options);
    return { linear: model, temperature: 1, threshold: options.fallbackThreshold };
  }
  const calibrating = await train(fit, options);
  const heldOutLogits: Float64Array[] = [];
  for (const example of heldOut) {
    if (yielder.due()) await yielder.pause();
    heldOutLogits.push(logitsOf(calibrating.model, example.vector));
  }
  const outOfScopeVectors = outOfScope.map((features) => vectorizeFeatures(space.vocabulary, features));
  // Out-of-scope examples teach the temperature that their right answer is "none" (the last logit).
  const temperature = await fitTemperature(
    [...heldOutLogits, ...outOfScopeVectors.map((vector) => logitsOf(calibrating.model, vector))],
    [...heldOut.map((e) => e.label), ...outOfScopeVectors.map(() => space.classCount)],
    { yielder },
  );
  const { model: linear } = await train(
    inScope,
    { ...options, epochs: options.finishEpochs, minSteps: 0, seed: options.seed + 1 },
    calibrating,
  );
  // Out-of-scope examples never train weights, so the final model's own confidence on them is
  // still out-of-sample; held-out in-scope lines are only out-of-sample for the calibrating model.
  const outOfScopeConfidences: number[] = [];
  for (const vector of outOfScopeVectors) {
    if (yielder.due()) await yielder.pause();
    outOfScopeConfidences.push(topProbabilityOf(logitsOf(linear, vector), temperature));
  }
  const threshold = chooseOutOfScopeThreshold(
    { inScope: heldOutLogits.map((logits) => topProbabilityOf(logits, temperature)), outOfScope: outOfScopeConfidences },
    {
      targetRecall: options.targetOutOfScopeRecall,
      inScopeRejection: options.inScopeRejection,
      fallback: options.fallbackThreshold,
      ceiling: options.thresholdCeiling,
    },
  );
  return { linear, temperature, threshold };
}
