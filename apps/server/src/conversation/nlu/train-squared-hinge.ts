import { createSeededRandom, shuffleInPlace } from './create-seeded-random.ts';
import type { EventLoopYielder } from './create-event-loop-yielder.ts';
import type { SparseVector } from './feature-vocabulary.ts';
import { scoreLinear, type LinearModel } from './score-linear.ts';

/**
 * One-vs-rest linear SVMs with the squared hinge loss, all classes trained together by Pegasos-style
 * SGD (step 1 / (λ (t + t₀)), L2 decay as one scale factor instead of a pass over every weight).
 * On CLINC150 it ranks about 1 point better than softmax regression over the same features (ADR 0005).
 * Cheap because almost every update is sparse: biases start at −1, so a class only moves for its own
 * examples and for the few others it scores too high, and a line that moved nothing is skipped
 * once in the next epoch (shrinking).
 */
export interface SquaredHingeOptions {
  epochs: number;
  /** Epochs grow until training takes at least this many steps, so small workspaces converge. */
  minSteps: number;
  lambda: number;
  /** The first step is 1 / (λ t₀) = `initialRate`. */
  initialRate: number;
  /** Bias steps are this share of the weight steps: the bias is unregularised and would swing. */
  biasRate: number;
  seed: number;
}

/** A model in training: the weights, and how many steps produced them (the schedule resumes there). */
export interface HingeTraining {
  model: LinearModel;
  steps: number;
}

export async function trainSquaredHinge(
  rows: readonly SparseVector[],
  labels: Int32Array,
  space: { classCount: number; featureCount: number },
  options: SquaredHingeOptions,
  yielder: EventLoopYielder,
  /** Continue from this training (same classes and features) instead of starting afresh. */
  start?: HingeTraining,
): Promise<HingeTraining> {
  const { classCount, featureCount } = space;
  const weights = start ? Float32Array.from(start.model.weights) : new Float32Array(featureCount * classCount);
  const bias = start ? Float32Array.from(start.model.bias) : new Float32Array(classCount).fill(-1);
  const model: LinearModel = { classCount, featureCount, weights, bias };
  const scores = new Float64Array(classCount);
  const random = createSeededRandom(options.seed);
  const order = Array.from(rows.keys());
  const settled = new Uint8Array(rows.length);
  const epochs = rows.length === 0 ? 0 : Math.max(options.epochs, Math.ceil(options.minSteps / rows.length));
  const offset = 1 / (options.lambda * options.initialRate);
  let step = start?.steps ?? 0;
  let scale = 1;
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    shuffleInPlace(order, random);
    for (const r of order) {
      if (yielder.due()) await yielder.pause();
      const rate = 1 / (options.lambda * (step + offset));
      step += 1;
      scale *= 1 - rate * options.lambda;
      if (scale < 1e-3) scale = rescale(weights, scale);
      if (settled[r] === 1) {
        settled[r] = 0;
        continue;
      }
      const row = rows[r]!;
      const label = labels[r]!;
      scoreLinear(model, row, scores, scale);
      let moved = false;
      for (let c = 0; c < classCount; c += 1) {
        const sign = c === label ? 1 : -1;
        const margin = sign * scores[c]!;
        if (margin >= 1) continue;
        moved = true;
        // d/ds of (1 − y·s)² is −2y(1 − y·s); a descent step adds its negative.
        const push = 2 * sign * (1 - margin) * rate;
        bias[c]! += push * options.biasRate;
        const delta = push / scale;
        const { indices, values } = row;
        for (let k = 0; k < indices.length; k += 1) weights[indices[k]! * classCount + c]! += delta * values[k]!;
      }
      if (!moved) settled[r] = 1;
    }
  }
  rescale(weights, scale);
  return { model, steps: step };
}

function rescale(weights: Float32Array, scale: number): number {
  if (scale !== 1) for (let i = 0; i < weights.length; i += 1) weights[i]! *= scale;
  return 1;
}
