import type { Priority, SlaKind } from '@fio/contracts';
import { appendEvents } from '../../events/event-log.ts';
import type { DbOrTx } from '../../storage/index.ts';
import type { BusinessCalendar } from '../business-time.ts';
import { compileSlaPolicy, type CompiledSlaPolicy } from './compile-sla-policy.ts';
import { openSlaChange, type SlaChange } from './open-sla-change.ts';
import { pickSlaPolicy } from './pick-sla-policy.ts';
import { runSlaTimerJob } from './run-sla-timer-job.ts';
import type { SlaService, SlaServiceDeps } from './sla-service.ts';
import { loadSlaSnapshot, saveSlaSnapshot } from './sla-state.repository.ts';
import { cancelTimer, isActiveTimer, pauseTimer, resumeTimer, retargetTimer } from './sla-timer.ts';

/**
 * The SLA hooks: each loads the conversation's timers (locked), moves them, appends the sla.* events
 * and saves the timers, the conversation's summary and its one pending 'sla' job, all inside the
 * caller's transaction. The caller tells the inbox (bus) after its commit.
 */
const startKinds: readonly SlaKind[] = ['first_response', 'resolution'];
const replyKinds: readonly SlaKind[] = ['first_response', 'next_response'];

export function createSlaService(deps: SlaServiceDeps): SlaService {
  const calendarOf = (workspaceId: string): BusinessCalendar | null => {
    const definition = deps.workspaces.get(workspaceId)?.definition;
    return definition ? { timezone: definition.timezone, businessHours: definition.businessHours } : null;
  };
  const policiesOf = (workspaceId: string) => deps.workspaces.get(workspaceId)?.definition.sla ?? [];

  async function change(tx: DbOrTx, workspaceId: string, conversationId: string, at: Date, edit: (c: SlaChange) => Promise<void> | void) {
    const snapshot = await loadSlaSnapshot(tx, deps.dialect, workspaceId, conversationId);
    if (!snapshot) return;
    const before = new Map(snapshot.timers);
    const c = openSlaChange(snapshot, at, policiesOf(workspaceId), calendarOf(workspaceId));
    await edit(c);
    await appendEvents(tx, c.events);
    await saveSlaSnapshot(tx, snapshot, before, at.toISOString());
  }

  async function pick(tx: DbOrTx, workspaceId: string, contactId: string, priority: Priority): Promise<CompiledSlaPolicy | null> {
    const policies = policiesOf(workspaceId);
    if (policies.length === 0) return null;
    // Segments matter only when a policy names one: skip the lookup otherwise.
    const segmentIds = policies.some((p) => p.match?.segment) ? await deps.segments.listForContact(tx, workspaceId, contactId) : [];
    const policy = pickSlaPolicy(policies, { priority, segmentIds });
    return policy ? compileSlaPolicy(policy) : null;
  }

  /** A (re)queued conversation: fresh timers, or the running ones moved to the policy that now applies. */
  function applyPolicy(c: SlaChange, policy: CompiledSlaPolicy | null, fresh: boolean) {
    const active = [...c.snapshot.timers.values()].filter(isActiveTimer);
    c.snapshot.conversation.policyId = policy?.id ?? null;
    if (active.length === 0 || fresh) {
      if (!policy) return;
      // A new round (a reopened conversation): the last round's finished timers go.
      if (fresh) c.snapshot.timers.clear();
      for (const kind of startKinds) {
        if (kind === 'first_response' && c.snapshot.conversation.firstResponseAt !== null && !fresh) continue;
        if (policy.budgets[kind] !== undefined) c.start(kind, policy);
      }
      return;
    }
    for (const timer of active) {
      const target = policy?.budgets[timer.kind];
      if (policy && target !== undefined) c.update(timer.kind, (t) => retargetTimer(t, policy.id, target, c.at, c.clock(policy.id)));
      else c.update(timer.kind, (t, clock) => cancelTimer(t, c.at, clock));
    }
  }

  const held = (status: string) => status === 'queued' || status === 'assigned';

  return {
    onQueued: (tx, e) =>
      change(tx, e.workspaceId, e.conversationId, e.at, async (c) => {
        const policy = await pick(tx, e.workspaceId, e.contactId, e.priority);
        const fresh = ![...c.snapshot.timers.values()].some(isActiveTimer);
        applyPolicy(c, policy, fresh);
      }),

    onPriorityChanged: (tx, e) =>
      change(tx, e.workspaceId, e.conversationId, e.at, async (c) => {
        const anyActive = [...c.snapshot.timers.values()].some(isActiveTimer);
        // A conversation the bot holds has no SLA; one held by people may gain a policy it had none for.
        if (!anyActive && !held(c.snapshot.conversation.status)) return;
        applyPolicy(c, await pick(tx, e.workspaceId, e.contactId, e.priority), false);
      }),

    onCustomerMessage: (tx, e) =>
      change(tx, e.workspaceId, e.conversationId, e.at, (c) => {
        const { timers } = c.snapshot;
        // A customer message ends a snooze: whatever was paused by it counts again.
        c.update('first_response', (t, clock) => resumeTimer(t, c.at, clock));
        c.update('resolution', (t, clock) => resumeTimer(t, c.at, clock));
        const next = timers.get('next_response');
        if (next?.status === 'paused') {
          c.update('next_response', (t, clock) => resumeTimer(t, c.at, clock));
          return;
        }
        if (next && isActiveTimer(next)) return;
        // The next response is owed only once a person has answered; before that the first response runs.
        const answered = timers.get('first_response')?.status === 'met' || next?.status === 'met';
        const policy = c.policy(c.snapshot.conversation.policyId);
        if (answered && policy?.budgets.next_response !== undefined) c.start('next_response', policy);
      }),

    onAgentReply: (tx, e) =>
      change(tx, e.workspaceId, e.conversationId, e.at, (c) => {
        c.meet('first_response');
        c.meet('next_response');
        // Waiting on the customer now: the resolution clock stops until they write.
        c.update('resolution', (t, clock) => pauseTimer(t, c.at, clock));
      }),

    onSnoozed: (tx, e) =>
      change(tx, e.workspaceId, e.conversationId, e.at, (c) => {
        for (const kind of c.snapshot.timers.keys()) c.update(kind, (t, clock) => pauseTimer(t, c.at, clock));
      }),

    onUnsnoozed: (tx, e) =>
      change(tx, e.workspaceId, e.conversationId, e.at, (c) => {
        c.update('first_response', (t, clock) => resumeTimer(t, c.at, clock));
        c.update('next_response', (t, clock) => resumeTimer(t, c.at, clock));
        const { timers, conversation } = c.snapshot;
        const owedReply = replyKinds.some((kind) => {
          const t = timers.get(kind);
          return t !== undefined && isActiveTimer(t);
        });
        // Snoozed after an agent's answer: still waiting on the customer, so resolution stays paused.
        const waitingOnCustomer = !owedReply && conversation.firstResponseAt !== null && conversation.waitingSince === null;
        if (!waitingOnCustomer) c.update('resolution', (t, clock) => resumeTimer(t, c.at, clock));
      }),

    onClosed: (tx, e) =>
      change(tx, e.workspaceId, e.conversationId, e.at, (c) => {
        if (e.outcome === 'resolved') c.meet('resolution');
        for (const kind of c.snapshot.timers.keys()) c.update(kind, (t, clock) => (isActiveTimer(t) ? cancelTimer(t, c.at, clock) : t));
      }),

    runTimerJob: (job) => runSlaTimerJob({ ...deps, calendarOf, policiesOf }, job),
  };
}
