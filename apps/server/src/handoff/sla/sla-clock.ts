import { addBusinessTime, businessTimeBetween, type BusinessCalendar } from '../business-time.ts';
import type { CompiledSlaPolicy } from './compile-sla-policy.ts';
import type { SlaClock } from './sla-timer.ts';

/**
 * How a policy measures its budgets: business time in the workspace's calendar, or the wall clock
 * when the policy says `businessHours: false` (or the workspace has no calendar loaded).
 */
export function createSlaClock(policy: CompiledSlaPolicy | null, calendar: BusinessCalendar | null): SlaClock {
  const warnBeforeMs = (targetMs: number) => policy?.warnBeforeMs(targetMs) ?? 0;
  if (policy?.businessHours !== false && calendar) {
    return {
      add: (start, ms) => addBusinessTime(start, ms, calendar),
      between: (a, b) => businessTimeBetween(a, b, calendar),
      warnBeforeMs,
    };
  }
  return {
    add: (start, ms) => new Date(start.getTime() + Math.max(0, ms)),
    between: (a, b) => Math.max(0, b.getTime() - a.getTime()),
    warnBeforeMs,
  };
}
