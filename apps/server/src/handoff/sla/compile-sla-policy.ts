import type { SlaKind } from '@fio/contracts';
import { parseSlaDuration, type SlaPolicy } from './sla-policy.schema.ts';

/** A policy with its budgets in milliseconds, ready for the timers. */
export interface CompiledSlaPolicy {
  id: string;
  name: string;
  budgets: Partial<Record<SlaKind, number>>;
  /** How long before the due time the warning comes, for a budget of `targetMs`. */
  warnBeforeMs(targetMs: number): number;
  businessHours: boolean;
}

export function compileSlaPolicy(policy: SlaPolicy): CompiledSlaPolicy {
  const budgets: Partial<Record<SlaKind, number>> = {};
  const set = (kind: SlaKind, text: string | undefined) => {
    const ms = text === undefined ? null : parseSlaDuration(text);
    if (ms !== null) budgets[kind] = ms;
  };
  set('first_response', policy.firstResponse);
  set('next_response', policy.nextResponse);
  set('resolution', policy.resolution);
  const warn = policy.warnBefore ?? '';
  const percent = /^(\d+)%$/.exec(warn);
  const fixed = parseSlaDuration(warn);
  return {
    id: policy.id,
    name: policy.name,
    budgets,
    warnBeforeMs: (targetMs) => {
      if (percent) return Math.round((targetMs * Number(percent[1])) / 100);
      // A warning as long as the budget would come at the start: warn at the start instead.
      return fixed === null ? 0 : Math.min(fixed, targetMs);
    },
    businessHours: policy.businessHours,
  };
}
