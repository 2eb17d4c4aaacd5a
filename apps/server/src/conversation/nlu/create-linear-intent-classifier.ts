import { chooseOutOfScopeThreshold } from './choose-out-of-scope-threshold.ts';
import { buildFeatureVocabulary, vectorizeFeatures, type FeatureVocabulary, type SparseVector } from './feature-vocabulary.ts';
import { fitTemperature } from './fit-temperature.ts';
import { hashTextFeatures, type FeatureShape, type HashedFeatures } from './hash-text-features.ts';
import { NluTrainingError, outOfScopeIntent, type IntentClassifier, type IntentExample, type IntentModel } from './intent-classifier.ts';
import { createLinearIntentModel, logitsOf, topProbabilityOf } from './linear-intent-model.ts';
import { normalizeChatText } from './normalize-chat-text.ts';
import { splitStratified } from './split-stratified.ts';
import { trainSoftmaxRegression, type LinearModel, type SoftmaxTrainingOptions } from './train-softmax-regression.ts';

/**
 * Fio's default intent classifier: multinomial logistic regression over TF-IDF word uni/bigrams
 * and character 2–5-grams of normalised chat text. Training holds out a stratified share of the
 * examples, fits the softmax temperature and the out-of-scope threshold on it (plus any
 * `out_of_scope` examples, which never train weights), then finishes with one epoch over every
 * example. Settings were chosen by cross-validation on CLINC150's train and val splits.
 */
export interface LinearIntentClassifierOptions {
  seed: number;
  epochs: number;
  learningRate: number;
  l2: number;
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
  /** The closing pass over every example: its epochs and its learning rate as a share of `learningRate`. */
  finishEpochs: number;
  finishRate: number;
  /** How many intents `ranking` lists. */
  rankingSize: number;
  features: FeatureShape & { minDocs: number; wordWeight: number; charWeight: number };
}

export const defaultLinearIntentClassifierOptions: LinearIntentClassifierOptions = {
  seed: 1,
  epochs: 2,
  learningRate: 3,
  l2: 1e-5,
  heldOutShare: 0.1,
  finishEpochs: 1,
  finishRate: 0.6,
  targetOutOfScopeRecall: 0.5,
  inScopeRejection: 0.05,
  fallbackThreshold: 0.5,
  thresholdCeiling: 0.9,
  rankingSize: 5,
  features: { wordNgrams: 2, charMin: 2, charMax: 5, minDocs: 2, wordWeight: 1, charWeight: 1 },
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

function trainLinearIntentModel(examples: readonly IntentExample[], options: LinearIntentClassifierOptions): IntentModel {
  const featurise = (text: string): HashedFeatures =>
    hashTextFeatures(normalizeChatText(text.slice(0, maxClassifiedChars)), options.features);
  const intents = [...new Set(examples.filter((e) => e.intent !== outOfScopeIntent).map((e) => e.intent))].sort();
  if (intents.length < 2) throw new NluTrainingError(`training needs at least two intents, got ${intents.length}`);
  const labelOf = new Map(intents.map((intent, i) => [intent, i]));
  const inScope: Omit<Featurised, 'vector'>[] = [];
  const outOfScope: HashedFeatures[] = [];
  for (const example of examples) {
    const features = featurise(example.text);
    if (features.words.length === 0) continue;
    const label = labelOf.get(example.intent);
    if (label === undefined) outOfScope.push(features);
    else inScope.push({ features, label });
  }
  const vocabulary = buildFeatureVocabulary(
    inScope.map((e) => e.features),
    options.features,
  );
  const featurised = inScope.map((e) => ({ ...e, vector: vectorizeFeatures(vocabulary, e.features) }));
  const calibrated = trainCalibrated(featurised, outOfScope, { classCount: intents.length, vocabulary }, options);
  return createLinearIntentModel({ intents, vocabulary, ...calibrated, featurise, rankingSize: options.rankingSize });
}

/**
 * Train on the fit split, fit temperature and threshold on what that model has not seen, then one
 * more pass over every example from the calibrated weights, so held-out lines also teach.
 */
function trainCalibrated(
  inScope: readonly Featurised[],
  outOfScope: readonly HashedFeatures[],
  space: { classCount: number; vocabulary: FeatureVocabulary },
  options: LinearIntentClassifierOptions,
): { linear: LinearModel; temperature: number; threshold: number } {
  const softmaxOptions = { ...options, sparseGradient: 3e-3, centroidStart: 5 };
  const train = (items: readonly Featurised[], settings: SoftmaxTrainingOptions, start?: LinearModel) =>
    trainSoftmaxRegression(
      items.map((e) => e.vector),
      Int32Array.from(items, (e) => e.label),
      space.classCount,
      space.vocabulary.size,
      settings,
      start,
    );
  const { fit, heldOut } = splitStratified(inScope, space.classCount, options);
  if (heldOut.length === 0) return { linear: train(inScope, softmaxOptions), temperature: 1, threshold: options.fallbackThreshold };

  const calibrating = train(fit, softmaxOptions);
  const heldOutLogits = heldOut.map((e) => logitsOf(calibrating, e.vector));
  const temperature = fitTemperature(
    heldOutLogits,
    heldOut.map((e) => e.label),
  );
  const linear = train(
    inScope,
    { ...softmaxOptions, epochs: options.finishEpochs, learningRate: options.learningRate * options.finishRate, seed: options.seed + 1 },
    calibrating,
  );
  // Out-of-scope examples never train weights, so the final model's own confidence on them is
  // still out-of-sample; held-out in-scope lines are only out-of-sample for the calibrating model.
  const threshold = chooseOutOfScopeThreshold(
    {
      inScope: heldOutLogits.map((logits) => topProbabilityOf(logits, temperature)),
      outOfScope: outOfScope.map((f) => topProbabilityOf(logitsOf(linear, vectorizeFeatures(space.vocabulary, f)), temperature)),
    },
    {
      targetRecall: options.targetOutOfScopeRecall,
      inScopeRejection: options.inScopeRejection,
      fallback: options.fallbackThreshold,
      ceiling: options.thresholdCeiling,
    },
  );
  return { linear, temperature, threshold };
}
