import type { DbOrTx } from '../../storage/index.ts';
import { appendEvents, type DomainEventInput } from '../../events/event-log.ts';
import { mergeNeeds, type CompiledSegment } from './compile-segment.ts';
import { evaluateCondition } from './evaluate-condition.ts';
import { loadContactFacts, loadContactRow } from './load-contact-facts.ts';
import { scheduleSegmentTimer } from './schedule-segment-timer.ts';

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
    await leaveAll(tx, workspaceId, contactId, contact ? options.all : [], nowIso);
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
    (
      await tx
        .selectFrom('segment_memberships')
        .select('segment_id')
        .where('workspace_id', '=', workspaceId)
        .where('contact_id', '=', contactId)
        .execute()
    ).map((r) => r.segment_id),
  );
  const entered = segments.filter((s) => wanted.has(s.id) && !current.has(s.id)).map((s) => s.id);
  const left = segments.filter((s) => !wanted.has(s.id) && current.has(s.id)).map((s) => s.id);
  if (entered.length > 0)
    await tx
      .insertInto('segment_memberships')
      .values(entered.map((segmentId) => ({ workspace_id: workspaceId, segment_id: segmentId, contact_id: contactId, entered_at: nowIso })))
      .execute();
  if (left.length > 0)
    await tx
      .deleteFrom('segment_memberships')
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', '=', contactId)
      .where('segment_id', 'in', left)
      .execute();
  await appendEvents(tx, [...entered.map((id) => change('segment.entered', id)), ...left.map((id) => change('segment.left', id))]);
  if (options.schedule && next !== null) await scheduleSegmentTimer(tx, workspaceId, contactId, new Date(next), nowIso);
  return { survivor: null };

  function change(type: 'segment.entered' | 'segment.left', segmentId: string): DomainEventInput {
    return { workspaceId, type, contactId, payload: { segmentId }, occurredAt: nowIso };
  }
}

async function leaveAll(
  tx: DbOrTx,
  workspaceId: string,
  contactId: string,
  all: readonly CompiledSegment[],
  nowIso: string,
): Promise<void> {
  const rows = await tx
    .deleteFrom('segment_memberships')
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contactId)
    .returning('segment_id')
    .execute();
  const known = new Set(all.map((s) => s.id));
  await appendEvents(
    tx,
    rows
      .filter((r) => known.has(r.segment_id))
      .map((r) => ({ workspaceId, type: 'segment.left' as const, contactId, payload: { segmentId: r.segment_id }, occurredAt: nowIso })),
  );
}
