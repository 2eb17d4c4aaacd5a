import { chooseOutOfScopeThreshold } from './choose-out-of-scope-threshold.ts';
import { createSeededRandom, shuffleInPlace } from './create-seeded-random.ts';
import { buildFeatureVocabulary, vectorizeFeatures, type FeatureVocabulary, type SparseVector } from './feature-vocabulary.ts';
import { fitTemperature } from './fit-temperature.ts';
import { hashTextFeatures, type FeatureShape, type HashedFeatures } from './hash-text-features.ts';
import {
  NluTrainingError,
  outOfScopeIntent,
  type IntentClassification,
  type IntentClassifier,
  type IntentExample,
  type IntentModel,
} from './intent-classifier.ts';
import { normalizeChatText } from './normalize-chat-text.ts';
import { scoreLinear, softmaxInPlace, trainSoftmaxRegression, type LinearModel } from './train-softmax-regression.ts';

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
  vector?: SparseVector;
}

function trainLinearIntentModel(examples: readonly IntentExample[], options: LinearIntentClassifierOptions): IntentModel {
  const featurise = (text: string): HashedFeatures =>
    hashTextFeatures(normalizeChatText(text.slice(0, maxClassifiedChars)), options.features);
  const intents = [...new Set(examples.filter((e) => e.intent !== outOfScopeIntent).map((e) => e.intent))].sort();
  if (intents.length < 2) throw new NluTrainingError(`training needs at least two intents, got ${intents.length}`);
  const labelOf = new Map(intents.map((intent, i) => [intent, i]));
  const inScope: Featurised[] = [];
  const outOfScope: HashedFeatures[] = [];
  for (const example of examples) {
    const features = featurise(example.text);
    if (features.words.size === 0) continue;
    const label = labelOf.get(example.intent);
    if (label === undefined) outOfScope.push(features);
    else inScope.push({ features, label });
  }
  const vocabulary = buildFeatureVocabulary(
    inScope.map((e) => e.features),
    options.features,
  );
  const { fit, heldOut } = splitStratified(inScope, intents.length, options);
  const softmaxOptions = { ...options, sparseGradient: 3e-3, centroidStart: 5 };
  for (const item of inScope) item.vector = vectorizeFeatures(vocabulary, item.features);
  const vectors = (items: readonly Featurised[]) => items.map((e) => e.vector ?? vectorizeFeatures(vocabulary, e.features));
  const labels = (items: readonly Featurised[]) => Int32Array.from(items, (e) => e.label);

  let temperature = 1;
  let threshold = 0;
  let linear: LinearModel;
  if (heldOut.length === 0) {
    linear = trainSoftmaxRegression(vectors(inScope), labels(inScope), intents.length, vocabulary.size, softmaxOptions);
  } else {
    const calibrating = trainSoftmaxRegression(vectors(fit), labels(fit), intents.length, vocabulary.size, softmaxOptions);
    const heldOutLogits = vectors(heldOut).map((v) => logitsOf(calibrating, v));
    temperature = fitTemperature(
      heldOutLogits,
      heldOut.map((e) => e.label),
    );
    const topProbability = (logits: Float64Array) => topOf(probabilitiesOf(logits, temperature)).probability;
    // One more pass over every example, starting from the calibrated weights, so held-out lines also teach.
    linear = trainSoftmaxRegression(
      vectors(inScope),
      labels(inScope),
      intents.length,
      vocabulary.size,
      { ...softmaxOptions, epochs: options.finishEpochs, learningRate: options.learningRate * options.finishRate, seed: options.seed + 1 },
      calibrating,
    );
    // Out-of-scope examples never train weights, so the final model's own confidence on them is
    // still out-of-sample; held-out in-scope lines are only out-of-sample for the calibrating model.
    const final = linear;
    threshold = chooseOutOfScopeThreshold(
      {
        inScope: heldOutLogits.map(topProbability),
        outOfScope: outOfScope.map((f) => topProbability(logitsOf(final, vectorizeFeatures(vocabulary, f)))),
      },
      {
        targetRecall: options.targetOutOfScopeRecall,
        inScopeRejection: options.inScopeRejection,
        fallback: options.fallbackThreshold,
        ceiling: options.thresholdCeiling,
      },
    );
  }
  return createLinearIntentModel({ intents, vocabulary, linear, temperature, threshold, featurise, rankingSize: options.rankingSize });
}

function createLinearIntentModel(parts: {
  intents: readonly string[];
  vocabulary: FeatureVocabulary;
  linear: LinearModel;
  temperature: number;
  threshold: number;
  featurise: (text: string) => HashedFeatures;
  rankingSize: number;
}): IntentModel {
  const { intents, vocabulary, linear, temperature, threshold, featurise, rankingSize } = parts;
  const classifyNow = (text: string): IntentClassification => {
    const vector = vectorizeFeatures(vocabulary, featurise(text));
    const probabilities = probabilitiesOf(logitsOf(linear, vector), temperature);
    const ranking = rank(probabilities, rankingSize).map(({ index, probability }) => ({ intent: intents[index]!, probability }));
    const best = ranking[0]!;
    // A message with no feature the model knows (emoji only, another script) has nothing to go on.
    const outOfScope = vector.indices.length === 0 || best.probability < threshold;
    return { intent: outOfScope ? null : best.intent, confidence: best.probability, outOfScope, ranking };
  };
  return {
    intents,
    outOfScopeThreshold: threshold,
    classify: async (text) => classifyNow(text),
  };
}

function logitsOf(model: LinearModel, vector: SparseVector): Float64Array {
  const out = new Float64Array(model.classCount);
  scoreLinear(model, vector, out);
  return out;
}

function probabilitiesOf(logits: Float64Array, temperature: number): Float64Array {
  const probabilities = Float64Array.from(logits);
  softmaxInPlace(probabilities, temperature);
  return probabilities;
}

function topOf(probabilities: Float64Array): { index: number; probability: number } {
  let index = 0;
  for (let c = 1; c < probabilities.length; c += 1) if (probabilities[c]! > probabilities[index]!) index = c;
  return { index, probability: probabilities[index]! };
}

function rank(probabilities: Float64Array, size: number): { index: number; probability: number }[] {
  const top: { index: number; probability: number }[] = [];
  for (let c = 0; c < probabilities.length; c += 1) {
    const probability = probabilities[c]!;
    if (top.length === size && probability <= top[size - 1]!.probability) continue;
    let at = top.length;
    while (at > 0 && top[at - 1]!.probability < probability) at -= 1;
    top.splice(at, 0, { index: c, probability });
    if (top.length > size) top.pop();
  }
  return top;
}

function splitStratified(
  items: readonly Featurised[],
  classCount: number,
  options: Pick<LinearIntentClassifierOptions, 'heldOutShare' | 'seed'>,
): { fit: Featurised[]; heldOut: Featurised[] } {
  const byClass: Featurised[][] = Array.from({ length: classCount }, () => []);
  for (const item of items) byClass[item.label]!.push(item);
  const random = createSeededRandom(options.seed ^ 0x5eed);
  const fit: Featurised[] = [];
  const heldOut: Featurised[] = [];
  for (const members of byClass) {
    shuffleInPlace(members, random);
    const held = members.length < 3 ? 0 : Math.max(1, Math.round(members.length * options.heldOutShare));
    heldOut.push(...members.slice(0, held));
    fit.push(...members.slice(held));
  }
  return { fit, heldOut };
}
