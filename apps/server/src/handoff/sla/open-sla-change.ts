import type { SlaKind } from '@fio/contracts';
import type { DomainEventInput, DomainEventType } from '../../events/event-log.ts';
import type { BusinessCalendar } from '../business-time.ts';
import { compileSlaPolicy, type CompiledSlaPolicy } from './compile-sla-policy.ts';
import { createSlaClock } from './sla-clock.ts';
import type { SlaPolicy } from './sla-policy.schema.ts';
import type { SlaSnapshot } from './sla-state.repository.ts';
import { isActiveTimer, meetTimer, startTimer, type SlaClock, type SlaTimer } from './sla-timer.ts';

/** One change to a conversation's timers, inside the caller's transaction. */
export interface SlaChange {
  snapshot: SlaSnapshot;
  at: Date;
  policy(id: string | null): CompiledSlaPolicy | null;
  clock(policyId: string | null): SlaClock;
  update(kind: SlaKind, move: (timer: SlaTimer, clock: SlaClock) => SlaTimer): void;
  start(kind: SlaKind, policy: CompiledSlaPolicy): void;
  meet(kind: SlaKind): void;
  event(type: DomainEventType, payload: Record<string, unknown>): void;
}

/** The working state of one change: timers are replaced by value, events gathered for the end. */
export function openSlaChange(
  snapshot: SlaSnapshot,
  at: Date,
  policies: readonly SlaPolicy[],
  calendar: BusinessCalendar | null,
): SlaChange & { events: DomainEventInput[] } {
  const compiled = new Map(policies.map((p) => [p.id, compileSlaPolicy(p)]));
  const events: DomainEventInput[] = [];
  const { conversation } = snapshot;
  const policy = (id: string | null) => (id === null ? null : (compiled.get(id) ?? null));
  const clock = (policyId: string | null) => createSlaClock(policy(policyId), calendar);
  const event = (type: DomainEventType, payload: Record<string, unknown>) =>
    events.push({
      workspaceId: conversation.workspaceId,
      type,
      conversationId: conversation.id,
      contactId: conversation.contactId,
      payload,
      occurredAt: at.toISOString(),
    });
  return {
    snapshot,
    at,
    events,
    policy,
    clock,
    event,
    update(kind, move) {
      const timer = snapshot.timers.get(kind);
      if (timer) snapshot.timers.set(kind, move(timer, clock(timer.policyId)));
    },
    start(kind, p) {
      const target = p.budgets[kind];
      if (target === undefined) return;
      const timer = startTimer(kind, p.id, target, at, clock(p.id));
      snapshot.timers.set(kind, timer);
      event('sla.started', { timer: kind, policyId: p.id, targetMs: target, dueAt: timer.dueAt });
    },
    meet(kind) {
      const timer = snapshot.timers.get(kind);
      if (!timer || !isActiveTimer(timer)) return;
      const { timer: met, late } = meetTimer(timer, at, clock(timer.policyId));
      snapshot.timers.set(kind, met);
      event('sla.met', { timer: kind, policyId: timer.policyId, breached: late, elapsedMs: met.elapsedMs, targetMs: met.targetMs });
    },
  };
}
