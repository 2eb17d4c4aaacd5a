import { isDeepStrictEqual } from 'node:util';
import { sql } from 'kysely';
import type { DomainEventInput } from '../../events/event-log.ts';
import type { DbOrTx } from '../../storage/index.ts';
import { MergeError, type MergeDeps } from './merge-deps.ts';
import { loadContactRow, toContactState, writeContactState, type ContactState, type MergeSnapshot } from './merge-snapshot.ts';

export interface UnmergeInput {
  workspaceId: string;
  mergeId: string;
  actor: string;
  now: string;
}

export interface UnmergeOutcome {
  survivorId: string;
  mergedId: string;
  /** Not yet appended: the caller appends them in its transaction. */
  events: DomainEventInput[];
}

/**
 * Undoes a merge: the merged contact comes back with the identities, conversations (and their
 * statuses), consent records and timeline it had, and the survivor gives back what the merge filled.
 * Three-way per field: a value the merge set and nobody changed since goes back; a value changed
 * after the merge stays. Rows that arrived after the merge (messages, new identities) stay where
 * they are: nothing is lost.
 */
export async function unmergeContacts(tx: DbOrTx, deps: MergeDeps, input: UnmergeInput): Promise<UnmergeOutcome> {
  const { workspaceId, now } = input;
  const merge = await tx
    .selectFrom('contact_merges')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', input.mergeId)
    .executeTakeFirst();
  if (!merge) throw new MergeError('merge_not_found', `no merge ${input.mergeId}`);
  if (merge.unmerged_at) throw new MergeError('merge_already_undone', `merge ${merge.id} was undone at ${merge.unmerged_at}`);
  const survivorRow = await loadContactRow(tx, workspaceId, merge.survivor_id);
  if (survivorRow.merged_into)
    throw new MergeError(
      'unmerge_blocked',
      `contact ${survivorRow.id} was later merged into ${survivorRow.merged_into}: unmerge that first`,
    );
  const mergedRow = await loadContactRow(tx, workspaceId, merge.merged_id);
  const snapshot = JSON.parse(merge.snapshot_json) as MergeSnapshot;
  const survivorId = survivorRow.id;
  const mergedId = mergedRow.id;

  await writeContactState(tx, workspaceId, survivorId, restoreSurvivor(toContactState(survivorRow), snapshot, now));
  const mergedNow = toContactState(mergedRow);
  await writeContactState(tx, workspaceId, mergedId, {
    ...mergedNow,
    mergedInto: null,
    updatedAt: mergedNow.updatedAt === snapshot.merged.after.updatedAt ? snapshot.merged.before.updatedAt : now,
  });

  const back = async (table: 'identities' | 'conversations' | 'consent_records', ids: string[]) => {
    if (ids.length > 0)
      await tx
        .updateTable(table)
        .set({ contact_id: mergedId })
        .where('workspace_id', '=', workspaceId)
        .where('contact_id', '=', survivorId)
        .where('id', 'in', ids)
        .execute();
  };
  await back('identities', snapshot.identityIds);
  await back('conversations', snapshot.conversationIds);
  await back('consent_records', snapshot.consentIds);
  if (snapshot.activityIds.length > 0)
    await tx
      .updateTable('contact_activities')
      .set({ contact_id: mergedId })
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', '=', survivorId)
      .where('id', 'in', snapshot.activityIds)
      .execute();
  const reopened = await reopenClosedConversation(tx, workspaceId, snapshot, merge.created_at, now);

  await tx
    .updateTable('contact_merges')
    .set({ unmerged_at: now, unmerged_by: input.actor })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', merge.id)
    .execute();
  // The agent said these two are different people: the suggestion that led here must not come back.
  await tx
    .updateTable('merge_suggestions')
    .set({ status: 'rejected', decided_at: now, decided_by: input.actor, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('merge_id', '=', merge.id)
    .execute();
  await deps.segments.refresh(tx, workspaceId, [survivorId, mergedId], ['merge'], now);
  return {
    survivorId,
    mergedId,
    events: [
      {
        workspaceId,
        type: 'contact.unmerged',
        contactId: survivorId,
        conversationId: null,
        payload: { survivorId, mergedId, mergeId: merge.id, actor: input.actor, reopenedConversationId: reopened },
        occurredAt: now,
      },
    ],
  };
}

/** The survivor's fields the merge filled go back to empty, unless someone changed them since. */
function restoreSurvivor(current: ContactState, snapshot: MergeSnapshot, now: string): ContactState {
  const { before, after } = snapshot.survivor;
  const profile = { ...current.profile };
  for (const field of snapshot.filled.profile) if (profile[field] === after.profile[field]) profile[field] = before.profile[field];
  const attributes = { ...current.attributes };
  for (const key of snapshot.filled.attributes) {
    if (!isDeepStrictEqual(attributes[key], after.attributes[key])) continue;
    if (key in before.attributes) attributes[key] = before.attributes[key];
    else delete attributes[key];
  }
  const tags = current.tags.filter((t) => !snapshot.filled.tags.includes(t));
  return { ...current, profile, attributes, tags, updatedAt: current.updatedAt === after.updatedAt ? before.updatedAt : now };
}

/**
 * The conversation the merge resolved opens again with its old status, if it is still resolved as the
 * merge left it and its contact has no other open conversation now (one open per contact).
 */
async function reopenClosedConversation(
  tx: DbOrTx,
  workspaceId: string,
  snapshot: MergeSnapshot,
  mergedAt: string,
  now: string,
): Promise<string | null> {
  const closed = snapshot.closedConversation;
  if (!closed) return null;
  const row = await tx
    .selectFrom('conversations')
    .select(['status', 'resolved_at', 'updated_at', 'contact_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', closed.id)
    .executeTakeFirst();
  if (!row || row.status !== 'resolved' || row.resolved_at !== mergedAt) return null;
  const otherOpen = await tx
    .selectFrom('conversations')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', row.contact_id)
    .where(sql<boolean>`status <> 'resolved'`)
    .executeTakeFirst();
  if (otherOpen) return null;
  await tx
    .updateTable('conversations')
    .set({
      status: closed.status,
      resolved_at: closed.resolvedAt,
      updated_at: row.updated_at === mergedAt ? closed.updatedAt : now,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', closed.id)
    .execute();
  return closed.id;
}
