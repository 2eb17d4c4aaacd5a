import { createSeededRandom, shuffleInPlace } from './create-seeded-random.ts';
import type { SparseVector } from './feature-vocabulary.ts';

/**
 * Multinomial logistic regression trained by SGD with L2 decay. Weights are stored feature-major
 * (one row of `classCount` numbers per feature), so scoring a sparse line reads contiguous rows.
 * Two shortcuts keep 150 intents × 100 examples within a couple of seconds: L2 decay is a single
 * scale factor rather than a pass over every weight, and a class whose gradient is negligible
 * (|p − y| < `sparseGradient`) is not updated.
 */
export interface LinearModel {
  readonly classCount: number;
  readonly featureCount: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

export interface SoftmaxTrainingOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  sparseGradient: number;
  /** Start each class at this multiple of its examples' mean vector, so the first epoch is already sparse. */
  centroidStart: number;
}

export function trainSoftmaxRegression(
  rows: readonly SparseVector[],
  labels: Int32Array,
  classCount: number,
  featureCount: number,
  options: SoftmaxTrainingOptions,
  /** Continue from these weights (same classes and features) instead of starting afresh. */
  start?: LinearModel,
): LinearModel {
  const weights = start ? Float32Array.from(start.weights) : new Float32Array(featureCount * classCount);
  const bias = start ? Float32Array.from(start.bias) : new Float32Array(classCount);
  const logits = new Float64Array(classCount);
  if (!start && options.centroidStart > 0) startFromCentroids(weights, rows, labels, classCount, options.centroidStart);
  const random = createSeededRandom(options.seed);
  const order = Array.from(rows.keys());
  let scale = 1;
  const totalSteps = options.epochs * rows.length;
  let step = 0;
  // Shrinking: a line the model already gets right with every gradient under the threshold would
  // change nothing, so the next epoch skips it once (its weight decay still applies).
  const settled = new Uint8Array(rows.length);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffleInPlace(order, random);
    for (const r of order) {
      const row = rows[r]!;
      const label = labels[r]!;
      const rate = options.learningRate * (1 - (0.9 * step) / totalSteps);
      step += 1;
      scale *= 1 - rate * options.l2;
      if (settled[r] === 1) {
        settled[r] = 0;
        continue;
      }
      scoreRow(weights, bias, scale, classCount, row, logits);
      softmaxInPlace(logits);
      if (logits[label]! >= 1 - options.sparseGradient) {
        settled[r] = 1;
        continue;
      }
      const stepSize = rate / scale;
      const { indices, values } = row;
      for (let c = 0; c < classCount; c += 1) {
        const gradient = logits[c]! - (c === label ? 1 : 0);
        if (gradient < options.sparseGradient && gradient > -options.sparseGradient) continue;
        bias[c]! -= rate * gradient;
        const delta = stepSize * gradient;
        for (let k = 0; k < indices.length; k += 1) {
          weights[indices[k]! * classCount + c]! -= delta * values[k]!;
        }
      }
      if (scale < 1e-4) {
        for (let i = 0; i < weights.length; i += 1) weights[i]! *= scale;
        scale = 1;
      }
    }
  }
  if (scale !== 1) for (let i = 0; i < weights.length; i += 1) weights[i]! *= scale;
  return { classCount, featureCount, weights, bias };
}

function startFromCentroids(
  weights: Float32Array,
  rows: readonly SparseVector[],
  labels: Int32Array,
  classCount: number,
  multiple: number,
): void {
  const sizes = new Float64Array(classCount);
  for (const label of labels) sizes[label]! += 1;
  for (let r = 0; r < rows.length; r += 1) {
    const { indices, values } = rows[r]!;
    const label = labels[r]!;
    const share = multiple / sizes[label]!;
    for (let k = 0; k < indices.length; k += 1) weights[indices[k]! * classCount + label]! += share * values[k]!;
  }
}

/** Raw class scores (logits) of one sparse line into `out`. */
export function scoreLinear(model: LinearModel, row: SparseVector, out: Float64Array): void {
  scoreRow(model.weights, model.bias, 1, model.classCount, row, out);
}

function scoreRow(
  weights: Float32Array,
  bias: Float32Array,
  scale: number,
  classCount: number,
  row: SparseVector,
  out: Float64Array,
): void {
  out.fill(0);
  const { indices, values } = row;
  const n = indices.length;
  let k = 0;
  // Four feature rows per pass over the classes: a quarter of the writes to `out`, about 2.5× faster.
  for (; k + 3 < n; k += 4) {
    const base0 = indices[k]! * classCount;
    const base1 = indices[k + 1]! * classCount;
    const base2 = indices[k + 2]! * classCount;
    const base3 = indices[k + 3]! * classCount;
    const value0 = values[k]!;
    const value1 = values[k + 1]!;
    const value2 = values[k + 2]!;
    const value3 = values[k + 3]!;
    for (let c = 0; c < classCount; c += 1) {
      out[c]! += value0 * weights[base0 + c]! + value1 * weights[base1 + c]! + value2 * weights[base2 + c]! + value3 * weights[base3 + c]!;
    }
  }
  for (; k < n; k += 1) {
    const base = indices[k]! * classCount;
    const value = values[k]!;
    for (let c = 0; c < classCount; c += 1) out[c]! += value * weights[base + c]!;
  }
  for (let c = 0; c < classCount; c += 1) out[c] = out[c]! * scale + bias[c]!;
}

/** Softmax of `values / temperature`, in place. */
export function softmaxInPlace(values: Float64Array, temperature = 1): void {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < values.length; c += 1) {
    const e = Math.exp((values[c]! - max) / temperature);
    values[c] = e;
    sum += e;
  }
  for (let c = 0; c < values.length; c += 1) values[c]! /= sum;
}
