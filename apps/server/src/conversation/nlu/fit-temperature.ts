import type { EventLoopYielder } from './create-event-loop-yielder.ts';

/**
 * Temperature scaling (Guo et al. 2017): the single T that minimises the negative log-likelihood
 * of held-out labels under softmax(logits / T). It changes confidence, never the ranking. A small
 * pull towards T = 1 (`priorWeight` · ln²T) keeps a handful of all-correct held-out lines from
 * driving T to zero and every probability to 1; with hundreds of lines it no longer matters.
 */
export async function fitTemperature(
  logits: readonly Float64Array[],
  labels: readonly number[],
  options: { priorWeight?: number; yielder?: EventLoopYielder } = {},
): Promise<number> {
  if (logits.length === 0) return 1;
  const priorWeight = options.priorWeight ?? 1;
  const loss = async (logT: number): Promise<number> => {
    const t = Math.exp(logT);
    let total = priorWeight * logT * logT;
    for (let i = 0; i < logits.length; i += 1) {
      if (options.yielder?.due()) await options.yielder.pause();
      total += negativeLogLikelihood(logits[i]!, labels[i]!, t);
    }
    return total;
  };
  // Golden-section search over ln T in [ln 0.02, ln 50]; the loss is unimodal in T.
  let low = Math.log(0.02);
  let high = Math.log(50);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let lossA = await loss(a);
  let lossB = await loss(b);
  for (let i = 0; i < 24; i += 1) {
    if (lossA < lossB) {
      high = b;
      b = a;
      lossB = lossA;
      a = high - ratio * (high - low);
      lossA = await loss(a);
    } else {
      low = a;
      a = b;
      lossA = lossB;
      b = low + ratio * (high - low);
      lossB = await loss(b);
    }
  }
  return Math.exp((low + high) / 2);
}

function negativeLogLikelihood(logits: Float64Array, label: number, temperature: number): number {
  let max = -Infinity;
  for (const v of logits) if (v > max) max = v;
  let sum = 0;
  for (const v of logits) sum += Math.exp((v - max) / temperature);
  return Math.log(sum) - (logits[label]! - max) / temperature;
}
