import type { DbOrTx } from '../../storage/index.ts';
import { appendEvents, type DomainEventInput } from '../../events/event-log.ts';
import { mergeNeeds, type CompiledSegment } from './compile-segment.ts';
import { evaluateCondition } from './evaluate-condition.ts';
import { loadContactFacts, loadContactRow } from './load-contact-facts.ts';
import { scheduleSegmentTimer } from './schedule-segment-timer.ts';
import { listContactMemberships } from './list-contact-memberships.ts';

export interface ReevaluateOptions {
  /** Every segment of the workspace: a merged contact leaves all of them, not only those re-evaluated. */
  all: readonly CompiledSegment[];
  /** Schedules the timer for the next instant a time condition can flip (off in previews). */
  schedule: boolean;
}

/**
 * Re-evaluates one contact against `segments` and writes the difference: memberships entered or left,
 * a `segment.entered` / `segment.left` event for each, and the contact's timer job. A merged contact
 * belongs to no segment; the id of its survivor is returned so the caller re-evaluates that one.
 */
export async function reevaluateContact(
  tx: DbOrTx,
  workspaceId: string,
  contactId: string,
  segments: readonly CompiledSegment[],
  now: Date,
  options: ReevaluateOptions,
): Promise<{ survivor: string | null }> {
  const contact = await loadContactRow(tx, workspaceId, contactId);
  const nowIso = now.toISOString();
  if (!contact || contact.merged_into) {
    await leaveAll(tx, workspaceId, contactId, options.all, contact !== undefined, nowIso);
    return { survivor: contact?.merged_into ?? null };
  }
  const facts = await loadContactFacts(tx, workspaceId, contact, mergeNeeds(segments), now.getTime());
  const wanted = new Set<string>();
  let next: number | null = null;
  for (const segment of segments) {
    const result = evaluateCondition(segment.definition.when, facts, now.getTime());
    if (result.value) wanted.add(segment.id);
    if (result.next !== null && (next === null || result.next < next)) next = result.next;
  }
  const current = new Set(
    await listContactMemberships(
      tx,
      workspaceId,
      contactId,
      segments.map((s) => s.id),
    ),
  );
  const entered = segments.filter((s) => wanted.has(s.id) && !current.has(s.id)).map((s) => s.id);
  const left = segments.filter((s) => !wanted.has(s.id) && current.has(s.id)).map((s) => s.id);
  // Only the rows this call really changed get an event: a concurrent refresh of the same contact
  // (two channels at once on PostgreSQL) finds them done and neither fails nor announces them twice.
  const inserted =
    entered.length === 0
      ? []
      : await tx
          .insertInto('segment_memberships')
          .values(
            entered.map((segmentId) => ({ workspace_id: workspaceId, segment_id: segmentId, contact_id: contactId, entered_at: nowIso })),
          )
          .onConflict((oc) => oc.columns(['workspace_id', 'segment_id', 'contact_id']).doNothing())
          .returning('segment_id')
          .execute();
  const deleted =
    left.length === 0
      ? []
      : await tx
          .deleteFrom('segment_memberships')
          .where('workspace_id', '=', workspaceId)
          .where('contact_id', '=', contactId)
          .where('segment_id', 'in', left)
          .returning('segment_id')
          .execute();
  await appendEvents(tx, [
    ...inserted.map((r) => change('segment.entered', r.segment_id)),
    ...deleted.map((r) => change('segment.left', r.segment_id)),
  ]);
  if (options.schedule && next !== null) await scheduleSegmentTimer(tx, workspaceId, contactId, new Date(next), nowIso);
  return { survivor: null };

  function change(type: 'segment.entered' | 'segment.left', segmentId: string): DomainEventInput {
    return { workspaceId, type, contactId, payload: { segmentId }, occurredAt: nowIso };
  }
}

/** A merged contact (announced) or a deleted one (silently) belongs to no segment. */
async function leaveAll(
  tx: DbOrTx,
  workspaceId: string,
  contactId: string,
  all: readonly CompiledSegment[],
  announce: boolean,
  nowIso: string,
): Promise<void> {
  const current = await listContactMemberships(
    tx,
    workspaceId,
    contactId,
    all.map((s) => s.id),
  );
  if (current.length === 0) return;
  const rows = await tx
    .deleteFrom('segment_memberships')
    .where('workspace_id', '=', workspaceId)
    .where('segment_id', 'in', current)
    .where('contact_id', '=', contactId)
    .returning('segment_id')
    .execute();
  if (!announce) return;
  await appendEvents(
    tx,
    rows.map((r) => ({ workspaceId, type: 'segment.left' as const, contactId, payload: { segmentId: r.segment_id }, occurredAt: nowIso })),
  );
}
