import type { SlaKind, SlaState } from '@fio/contracts';
import { slaKindSchema } from '@fio/contracts';
import type { DbOrTx, Dialect } from '../../storage/index.ts';
import { selectLockedConversation } from '../select-locked-conversation.ts';
import { scheduleSlaJob } from './schedule-sla-job.ts';
import { isActiveTimer, nextInstant, type SlaTimer, type SlaTimerStatus } from './sla-timer.ts';

/**
 * A conversation's SLA: the few conversation columns the timers read and write, and its timers.
 * Loading locks the conversation row on PostgreSQL, so a hook and the timer job of one conversation
 * take turns instead of overwriting each other's timers.
 */
export interface SlaConversation {
  id: string;
  workspaceId: string;
  contactId: string;
  status: string;
  assigneeId: string | null;
  policyId: string | null;
  firstResponseAt: string | null;
  waitingSince: string | null;
  slaState: string;
  slaDueAt: string | null;
}

export interface SlaSnapshot {
  conversation: SlaConversation;
  timers: Map<SlaKind, SlaTimer>;
}

const statuses: readonly SlaTimerStatus[] = ['running', 'paused', 'met', 'breached', 'cancelled'];

export async function loadSlaSnapshot(
  tx: DbOrTx,
  dialect: Dialect,
  workspaceId: string,
  conversationId: string,
): Promise<SlaSnapshot | null> {
  const row = await selectLockedConversation(tx, dialect, workspaceId, conversationId)
    .select([
      'id',
      'workspace_id',
      'contact_id',
      'status',
      'assignee_id',
      'sla_policy_id',
      'first_response_at',
      'waiting_since',
      'sla_state',
      'sla_due_at',
    ])
    .executeTakeFirst();
  if (!row) return null;
  const rows = await tx
    .selectFrom('sla_timers')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('workspace_id', '=', workspaceId)
    .execute();
  const timers = new Map<SlaKind, SlaTimer>();
  for (const r of rows) {
    const kind = slaKindSchema.safeParse(r.kind);
    const status = statuses.find((s) => s === r.status);
    if (!kind.success || !status) continue;
    timers.set(kind.data, {
      kind: kind.data,
      policyId: r.policy_id,
      targetMs: Number(r.target_ms),
      elapsedMs: Number(r.elapsed_ms),
      runningSince: r.running_since,
      warnAt: r.warn_at,
      dueAt: r.due_at,
      status,
      warnedAt: r.warned_at,
      breachedAt: r.breached_at,
      metAt: r.met_at,
      createdAt: r.created_at,
    });
  }
  return {
    conversation: {
      id: row.id,
      workspaceId: row.workspace_id,
      contactId: row.contact_id,
      status: row.status,
      assigneeId: row.assignee_id ?? null,
      policyId: row.sla_policy_id ?? null,
      firstResponseAt: row.first_response_at ?? null,
      waitingSince: row.waiting_since ?? null,
      slaState: row.sla_state ?? 'none',
      slaDueAt: row.sla_due_at ?? null,
    },
    timers,
  };
}

/** The list's summary: worst state (breached > warning > ok; none without timers) and nearest due. */
export function summarizeSla(timers: Iterable<SlaTimer>): { state: SlaState; dueAt: string | null } {
  let state: SlaState = 'none';
  let dueAt: string | null = null;
  const rank: Record<SlaState, number> = { none: 0, ok: 1, warning: 2, breached: 3 };
  for (const timer of timers) {
    if (!isActiveTimer(timer)) continue;
    const own: SlaState = timer.status === 'breached' ? 'breached' : timer.warnedAt !== null ? 'warning' : 'ok';
    if (rank[own] > rank[state]) state = own;
    // A breached timer's due time is past: it sorts first in "due soonest", where it belongs.
    if ((timer.status === 'running' || timer.status === 'breached') && timer.dueAt !== null && (dueAt === null || timer.dueAt < dueAt))
      dueAt = timer.dueAt;
  }
  return { state, dueAt };
}

/**
 * Writes the timers that changed since `before`, the conversation's sla_* columns, and moves the
 * conversation's one pending 'sla' job; true when anything the inbox shows changed.
 */
export async function saveSlaSnapshot(
  tx: DbOrTx,
  snapshot: SlaSnapshot,
  before: ReadonlyMap<SlaKind, SlaTimer>,
  nowIso: string,
): Promise<boolean> {
  const { conversation } = snapshot;
  const dropped = [...before.keys()].filter((kind) => !snapshot.timers.has(kind));
  if (dropped.length > 0)
    await tx.deleteFrom('sla_timers').where('conversation_id', '=', conversation.id).where('kind', 'in', dropped).execute();
  for (const timer of snapshot.timers.values()) {
    if (JSON.stringify(before.get(timer.kind)) === JSON.stringify(timer)) continue;
    const values = {
      policy_id: timer.policyId,
      target_ms: timer.targetMs,
      elapsed_ms: timer.elapsedMs,
      running_since: timer.runningSince,
      warn_at: timer.warnAt,
      due_at: timer.dueAt,
      status: timer.status,
      warned_at: timer.warnedAt,
      breached_at: timer.breachedAt,
      met_at: timer.metAt,
      updated_at: nowIso,
    };
    await tx
      .insertInto('sla_timers')
      .values({
        workspace_id: conversation.workspaceId,
        conversation_id: conversation.id,
        kind: timer.kind,
        created_at: timer.createdAt,
        ...values,
      })
      .onConflict((oc) => oc.columns(['conversation_id', 'kind']).doUpdateSet({ ...values, created_at: timer.createdAt }))
      .execute();
  }
  const summary = summarizeSla(snapshot.timers.values());
  const changed =
    summary.state !== conversation.slaState || summary.dueAt !== conversation.slaDueAt || policyOf(snapshot) !== conversation.policyId;
  if (changed) {
    await tx
      .updateTable('conversations')
      .set({ sla_state: summary.state, sla_due_at: summary.dueAt, sla_policy_id: policyOf(snapshot) })
      .where('id', '=', conversation.id)
      .where('workspace_id', '=', conversation.workspaceId)
      .execute();
  }
  let nextRunAt: string | null = null;
  for (const timer of snapshot.timers.values()) {
    const at = nextInstant(timer);
    if (at !== null && (nextRunAt === null || at < nextRunAt)) nextRunAt = at;
  }
  // A conversation that never had timers has no job to move: skip the lookup (every held message comes here).
  if (before.size > 0 || snapshot.timers.size > 0) await scheduleSlaJob(tx, conversation.workspaceId, conversation.id, nextRunAt, nowIso);
  return changed;
}

/** The policy the conversation runs under: that of its active timers, else the one picked last. */
function policyOf(snapshot: SlaSnapshot): string | null {
  for (const timer of snapshot.timers.values()) if (isActiveTimer(timer)) return timer.policyId;
  return snapshot.conversation.policyId;
}
