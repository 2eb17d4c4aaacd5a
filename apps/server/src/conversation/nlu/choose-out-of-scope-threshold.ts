/**
 * The confidence below which a message is out of scope, from held-out confidences only (never
 * from a test set). With out-of-scope examples: a threshold that rejects at least `targetRecall`
 * of them and no more, so in-scope messages lose as little as possible. Without: reject the
 * least confident `inScopeRejection` share of held-out in-scope lines, which are mostly the
 * misclassified ones; with too few lines for that share to mean anything, `fallback`. Never above
 * `ceiling`, so a tiny or odd training set cannot make the bot reject everything.
 */
export interface ThresholdEvidence {
  /** Top calibrated probability of each held-out in-scope example. */
  inScope: readonly number[];
  /** Top calibrated probability of each out-of-scope example. */
  outOfScope: readonly number[];
}

export interface ThresholdPolicy {
  targetRecall: number;
  inScopeRejection: number;
  fallback: number;
  ceiling: number;
}

export function chooseOutOfScopeThreshold(evidence: ThresholdEvidence, policy: ThresholdPolicy): number {
  return Math.min(policy.ceiling, thresholdFromEvidence(evidence, policy));
}

function thresholdFromEvidence(evidence: ThresholdEvidence, policy: ThresholdPolicy): number {
  if (evidence.outOfScope.length > 0) {
    const sorted = [...evidence.outOfScope].sort((a, b) => a - b);
    const needed = Math.ceil(policy.targetRecall * sorted.length);
    if (needed === 0) return 0;
    // Rejected means strictly below the threshold. Halfway to the next out-of-scope confidence
    // rather than just above the needed-th: with a handful of examples the boundary they leave
    // is wide, and its middle is the guess that generalises (with a hundred it is the same point).
    if (needed < sorted.length) return (sorted[needed - 1]! + sorted[needed]!) / 2 + 1e-9;
    return sorted[needed - 1]! + 1e-9;
  }
  const rejected = Math.floor(policy.inScopeRejection * evidence.inScope.length);
  if (rejected === 0) return policy.fallback;
  const sorted = [...evidence.inScope].sort((a, b) => a - b);
  return sorted[rejected - 1]! + 1e-9;
}
