import type { SlaKind } from '@fio/contracts';

/**
 * One SLA timer (a row of sla_timers) and the moves it makes. Pure: the instants come from the
 * caller and time is measured by an `SlaClock` (business time or the wall clock, per policy).
 * A running timer's budget used so far is `elapsedMs` plus the clock's time since `runningSince`.
 */
export type SlaTimerStatus = 'running' | 'paused' | 'met' | 'breached' | 'cancelled';

export interface SlaTimer {
  kind: SlaKind;
  policyId: string;
  targetMs: number;
  elapsedMs: number;
  runningSince: string | null;
  warnAt: string | null;
  dueAt: string | null;
  status: SlaTimerStatus;
  warnedAt: string | null;
  breachedAt: string | null;
  metAt: string | null;
  createdAt: string;
}

export interface SlaClock {
  /** The instant `ms` of counted time after `start`; null when that never comes (no hours at all). */
  add(start: Date, ms: number): Date | null;
  between(a: Date, b: Date): number;
  /** How long before the due time the warning comes for a budget of `targetMs` (0: no warning). */
  warnBeforeMs(targetMs: number): number;
}

/** Waiting on a person: the timer counts, or counted and is paused, or ran out and is not met yet. */
export function isActiveTimer(timer: SlaTimer): boolean {
  return timer.status === 'running' || timer.status === 'paused' || timer.status === 'breached';
}

export function startTimer(kind: SlaKind, policyId: string, targetMs: number, now: Date, clock: SlaClock): SlaTimer {
  const at = now.toISOString();
  return schedule(
    {
      kind,
      policyId,
      targetMs,
      elapsedMs: 0,
      runningSince: at,
      warnAt: null,
      dueAt: null,
      status: 'running',
      warnedAt: null,
      breachedAt: null,
      metAt: null,
      createdAt: at,
    },
    clock,
  );
}

/** Banks the time counted so far: the timer keeps running from `now` with its elapsed budget updated. */
function settle(timer: SlaTimer, now: Date, clock: SlaClock): SlaTimer {
  if (timer.status !== 'running' || timer.runningSince === null) return timer;
  const counted = clock.between(new Date(timer.runningSince), now);
  return { ...timer, elapsedMs: timer.elapsedMs + counted, runningSince: now.toISOString() };
}

/** warn_at and due_at of a running timer: the rest of its budget counted from when it last (re)started. */
function schedule(timer: SlaTimer, clock: SlaClock): SlaTimer {
  if (timer.status !== 'running' || timer.runningSince === null) return { ...timer, warnAt: null, dueAt: null };
  const since = new Date(timer.runningSince);
  const dueAt = clock.add(since, Math.max(0, timer.targetMs - timer.elapsedMs));
  const warnBefore = clock.warnBeforeMs(timer.targetMs);
  // A warning already given keeps its instant (history); otherwise it comes `warnBefore` ahead of due.
  let warnAt = timer.warnAt;
  if (timer.warnedAt === null) {
    warnAt = warnBefore > 0 ? (clock.add(since, Math.max(0, timer.targetMs - warnBefore - timer.elapsedMs))?.toISOString() ?? null) : null;
  }
  return { ...timer, dueAt: dueAt?.toISOString() ?? null, warnAt };
}

export function pauseTimer(timer: SlaTimer, now: Date, clock: SlaClock): SlaTimer {
  if (timer.status !== 'running') return timer;
  const settled = settle(timer, now, clock);
  return { ...settled, status: 'paused', runningSince: null, warnAt: null, dueAt: null };
}

export function resumeTimer(timer: SlaTimer, now: Date, clock: SlaClock): SlaTimer {
  if (timer.status !== 'paused') return timer;
  return schedule({ ...timer, status: 'running', runningSince: now.toISOString() }, clock);
}

/** Met: `late` tells whether it had breached first (still met, recorded as late). */
export function meetTimer(timer: SlaTimer, now: Date, clock: SlaClock): { timer: SlaTimer; late: boolean } {
  const late = timer.status === 'breached';
  const settled = settle(timer, now, clock);
  return { timer: { ...settled, status: 'met', runningSince: null, warnAt: null, metAt: now.toISOString() }, late };
}

export function cancelTimer(timer: SlaTimer, now: Date, clock: SlaClock): SlaTimer {
  const settled = settle(timer, now, clock);
  return { ...settled, status: 'cancelled', runningSince: null, warnAt: null, dueAt: timer.status === 'breached' ? timer.dueAt : null };
}

/** Another policy now applies: same budget used so far, the new budget and warning. A breach stays. */
export function retargetTimer(timer: SlaTimer, policyId: string, targetMs: number, now: Date, clock: SlaClock): SlaTimer {
  const settled = settle(timer, now, clock);
  const changed = { ...settled, policyId, targetMs };
  if (changed.status !== 'running') return changed;
  // A warning already given is not repeated for the new budget: one warning per timer.
  return schedule(changed, clock);
}

/** The timer ran out: breached at its due instant, and it stays so until met or closed. */
export function breachTimer(timer: SlaTimer, now: Date, clock: SlaClock): SlaTimer {
  const settled = settle(timer, now, clock);
  return { ...settled, status: 'breached', runningSince: null, warnAt: null, breachedAt: timer.dueAt ?? now.toISOString() };
}

export function markWarned(timer: SlaTimer, now: Date): SlaTimer {
  return { ...timer, warnedAt: now.toISOString() };
}

/** What is due for a running timer at `now`: its breach, else its warning, else nothing. */
export function dueAction(timer: SlaTimer, now: Date): 'breach' | 'warn' | null {
  if (timer.status !== 'running') return null;
  const at = now.toISOString();
  if (timer.dueAt !== null && timer.dueAt <= at) return 'breach';
  if (timer.warnedAt === null && timer.warnAt !== null && timer.warnAt <= at) return 'warn';
  return null;
}

/** The next instant a running timer needs the job: its warning if not given yet, else its due time. */
export function nextInstant(timer: SlaTimer): string | null {
  if (timer.status !== 'running') return null;
  if (timer.warnedAt === null && timer.warnAt !== null && (timer.dueAt === null || timer.warnAt < timer.dueAt)) return timer.warnAt;
  return timer.dueAt;
}
