import { vectorizeFeatures, type FeatureVocabulary, type SparseVector } from './feature-vocabulary.ts';
import type { HashedFeatures } from './hash-text-features.ts';
import type { IntentClassification, IntentModel } from './intent-classifier.ts';
import { scoreLinear, softmaxInPlace, type LinearModel } from './score-linear.ts';

/**
 * A trained linear classifier as an IntentModel: score, soften by the temperature, rank, decide.
 * The softmax runs over the intents' scores plus a constant "none" score of 0, the one-vs-rest
 * decision boundary: a message no intent claims keeps a low top probability, while a plain
 * softmax would forget how low every score was. So probabilities add up to less than 1.
 */
export function createLinearIntentModel(parts: {
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

/** The classes' scores followed by the "none" score (last): `classCount + 1` logits. */
export function logitsOf(model: LinearModel, vector: SparseVector): Float64Array {
  const out = new Float64Array(model.classCount + 1);
  scoreLinear(model, vector, out.subarray(0, model.classCount));
  out[model.classCount] = noneScore;
  return out;
}

const noneScore = 0;

export function topProbabilityOf(logits: Float64Array, temperature: number): number {
  const probabilities = probabilitiesOf(logits, temperature);
  let best = 0;
  for (let c = 0; c < probabilities.length - 1; c += 1) if (probabilities[c]! > best) best = probabilities[c]!;
  return best;
}

function probabilitiesOf(logits: Float64Array, temperature: number): Float64Array {
  const probabilities = Float64Array.from(logits);
  softmaxInPlace(probabilities, temperature);
  return probabilities;
}

function rank(probabilities: Float64Array, size: number): { index: number; probability: number }[] {
  const top: { index: number; probability: number }[] = [];
  // The last entry is "none", never ranked.
  for (let c = 0; c < probabilities.length - 1; c += 1) {
    const probability = probabilities[c]!;
    if (top.length === size && probability <= top[size - 1]!.probability) continue;
    let at = top.length;
    while (at > 0 && top[at - 1]!.probability < probability) at -= 1;
    top.splice(at, 0, { index: c, probability });
    if (top.length > size) top.pop();
  }
  return top;
}
