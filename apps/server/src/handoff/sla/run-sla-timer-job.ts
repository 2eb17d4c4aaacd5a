import type { SlaKind } from '@fio/contracts';
import { appendEvents } from '../../events/event-log.ts';
import type { Job } from '../../jobs/job-queue.ts';
import type { BusinessCalendar } from '../business-time.ts';
import { notifySla } from './notify-sla.ts';
import { openSlaChange } from './open-sla-change.ts';
import type { SlaPolicy } from './sla-policy.schema.ts';
import type { SlaServiceDeps } from './sla-service.ts';
import { loadSlaSnapshot, saveSlaSnapshot } from './sla-state.repository.ts';
import { breachTimer, dueAction, markWarned } from './sla-timer.ts';

export interface SlaJobDeps extends SlaServiceDeps {
  calendarOf(workspaceId: string): BusinessCalendar | null;
  policiesOf(workspaceId: string): readonly SlaPolicy[];
}

interface Alert {
  timer: SlaKind;
  state: 'warning' | 'breached';
  dueAt: string;
}

/**
 * The conversation's one 'sla' job came due: every running timer past its warning or due instant
 * warns or breaches (events, notifications), the next instant is scheduled, and the job completes,
 * all in one transaction; the inbox hears of it only after the commit. Early or stale runs do nothing
 * but reschedule, so moving the job is always safe.
 */
export async function runSlaTimerJob(deps: SlaJobDeps, job: Job): Promise<void> {
  const conversationId = typeof job.payload['conversationId'] === 'string' ? job.payload['conversationId'] : job.conversationId;
  let alerts: Alert[] = [];
  let changed = false;
  let contactId: string | null = null;
  await deps.transact(async (tx) => {
    alerts = [];
    const now = deps.clock();
    const nowIso = now.toISOString();
    const snapshot = await loadSlaSnapshot(tx, deps.dialect, job.workspaceId, conversationId);
    if (!snapshot) {
      await deps.jobs.complete(tx, job);
      return;
    }
    contactId = snapshot.conversation.contactId;
    const before = new Map(snapshot.timers);
    const c = openSlaChange(snapshot, now, deps.policiesOf(job.workspaceId), deps.calendarOf(job.workspaceId));
    for (const timer of [...snapshot.timers.values()]) {
      const action = dueAction(timer, now);
      if (action === null) continue;
      const dueAt = timer.dueAt ?? nowIso;
      const state = action === 'breach' ? 'breached' : 'warning';
      if (action === 'breach') c.update(timer.kind, (t, clock) => breachTimer(t, now, clock));
      else c.update(timer.kind, (t) => markWarned(t, now));
      c.event(action === 'breach' ? 'sla.breached' : 'sla.warning', { timer: timer.kind, policyId: timer.policyId, dueAt });
      await notifySla(tx, {
        workspaceId: job.workspaceId,
        conversationId,
        assigneeId: snapshot.conversation.assigneeId,
        state,
        timer: timer.kind,
        policyId: timer.policyId,
        dueAt,
        nowIso,
      });
      alerts.push({ timer: timer.kind, state, dueAt });
    }
    await appendEvents(tx, c.events);
    changed = await saveSlaSnapshot(tx, snapshot, before, nowIso);
    await deps.jobs.complete(tx, job);
  });
  for (const alert of alerts) deps.bus.emit('sla.alert', { workspaceId: job.workspaceId, conversationId, ...alert });
  if (contactId !== null && (changed || alerts.length > 0))
    deps.bus.emit('conversation.changed', { workspaceId: job.workspaceId, conversationId, contactId });
}
