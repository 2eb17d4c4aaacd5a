import type { Priority } from '@fio/contracts';
import type { SlaPolicy } from './sla-policy.schema.ts';

/** The first policy whose conditions all hold (a policy without conditions always does); null when none. */
export function pickSlaPolicy(
  policies: readonly SlaPolicy[],
  facts: { priority: Priority; segmentIds: readonly string[] },
): SlaPolicy | null {
  return (
    policies.find((policy) => {
      const match = policy.match;
      if (match?.priority && !match.priority.includes(facts.priority)) return false;
      if (match?.segment && !match.segment.some((id) => facts.segmentIds.includes(id))) return false;
      return true;
    }) ?? null
  );
}
