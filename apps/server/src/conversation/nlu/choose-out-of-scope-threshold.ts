/**
 * The confidence below which a message is out of scope, from held-out confidences only (never
 * from a test set). With out-of-scope examples: the lowest threshold that rejects at least
 * `targetRecall` of them, so in-scope messages lose as little as possible. Without: reject the
 * least confident `inScopeRejection` share of held-out in-scope lines, which are mostly the
 * misclassified ones.
 */
export interface ThresholdEvidence {
  /** Top calibrated probability of each held-out in-scope example. */
  inScope: readonly number[];
  /** Top calibrated probability of each out-of-scope example. */
  outOfScope: readonly number[];
}

export function chooseOutOfScopeThreshold(evidence: ThresholdEvidence, policy: { targetRecall: number; inScopeRejection: number }): number {
  if (evidence.outOfScope.length > 0) {
    const sorted = [...evidence.outOfScope].sort((a, b) => a - b);
    const needed = Math.ceil(policy.targetRecall * sorted.length);
    if (needed === 0) return 0;
    // Rejected means strictly below the threshold: sit just above the needed-th lowest confidence.
    return Math.min(1, sorted[needed - 1]! + 1e-9);
  }
  if (evidence.inScope.length === 0) return 0;
  const sorted = [...evidence.inScope].sort((a, b) => a - b);
  const rejected = Math.ceil(policy.inScopeRejection * sorted.length);
  return rejected === 0 ? 0 : sorted[rejected - 1]! + 1e-9;
}
