import { sql } from 'kysely';
import type { DomainEventInput } from '../../events/event-log.ts';
import { newId, type DbOrTx } from '../../storage/index.ts';
import type { ConversationsTable } from '../../storage/schema.ts';
import { MergeError, type MergeDeps } from './merge-deps.ts';
import {
  isEmptyValue,
  loadContactRow,
  profileFields,
  toContactState,
  writeContactState,
  type ContactState,
  type ConversationState,
  type MergeSnapshot,
  type ProfileField,
} from './merge-snapshot.ts';

export interface MergeInput {
  workspaceId: string;
  survivorId: string;
  mergedId: string;
  /** 'rule:verified_phone', 'token:<id>', 'user:<id>'. */
  actor: string;
  reason: string;
  evidence: unknown;
  now: string;
  /** When both contacts have an open conversation, keep this one open (a bot turn in progress) instead of the latest. */
  keepOpenConversationId?: string | undefined;
}

export interface MergeOutcome {
  mergeId: string;
  /** Not yet appended: the caller appends them in its transaction. */
  events: DomainEventInput[];
}

/**
 * Merges one contact into another, in the caller's transaction: identities, conversations, consent
 * and timeline move to the survivor; empty profile fields and attributes are filled from the merged
 * contact (the survivor's values win); tags are united. The merged contact stays as a tombstone
 * (`merged_into`), and everything changed is written to the merge's snapshot so unmergeContacts can
 * put it back. Nothing is deleted.
 */
export async function mergeContacts(tx: DbOrTx, deps: MergeDeps, input: MergeInput): Promise<MergeOutcome> {
  const { workspaceId, survivorId, mergedId, now } = input;
  if (survivorId === mergedId) throw new MergeError('cannot_merge_self', 'a contact cannot be merged into itself');
  for (const id of [survivorId, mergedId]) await loadContactRow(tx, workspaceId, id);
  // Claim both rows first (a row lock on PostgreSQL): of two racing merges of one contact, the second
  // waits here and is then refused, instead of recording a second merge of a tombstone.
  await claimLiveContact(tx, workspaceId, survivorId, null);
  await claimLiveContact(tx, workspaceId, mergedId, survivorId);
  const survivorRow = await loadContactRow(tx, workspaceId, survivorId);
  const mergedRow = await loadContactRow(tx, workspaceId, mergedId);
  const mergeId = newId('mg');

  const survivorBefore = toContactState(survivorRow);
  const mergedBefore: ContactState = { ...toContactState(mergedRow), mergedInto: null };
  const { after: survivorAfter, filled } = fillFrom(survivorBefore, mergedBefore, now);
  const mergedAfter: ContactState = { ...mergedBefore, mergedInto: survivorId, updatedAt: now };

  const closedConversation = await closeOneOpenConversation(tx, input);
  const moved = await moveOwnedRows(tx, workspaceId, mergedId, survivorId);
  const supersededSuggestionIds = await supersedeSuggestions(tx, workspaceId, mergedId, now);
  await writeContactState(tx, workspaceId, survivorId, survivorAfter);
  await writeContactState(tx, workspaceId, mergedId, mergedAfter);

  const snapshot: MergeSnapshot = {
    version: 1,
    survivor: { before: survivorBefore, after: survivorAfter },
    merged: { before: mergedBefore, after: mergedAfter },
    ...moved,
    closedConversation,
    filled,
    supersededSuggestionIds,
  };
  await tx
    .insertInto('contact_merges')
    .values({
      id: mergeId,
      workspace_id: workspaceId,
      survivor_id: survivorId,
      merged_id: mergedId,
      actor: input.actor,
      reason: input.reason,
      evidence_json: JSON.stringify(input.evidence ?? null),
      snapshot_json: JSON.stringify(snapshot),
      created_at: now,
      unmerged_at: null,
      unmerged_by: null,
    })
    .execute();
  await deps.segments.refresh(tx, workspaceId, [survivorId, mergedId], ['merge'], now);
  return {
    mergeId,
    events: [
      {
        workspaceId,
        type: 'contact.merged',
        contactId: survivorId,
        conversationId: null,
        payload: {
          survivorId,
          mergedId,
          mergeId,
          actor: input.actor,
          reason: input.reason,
          filled,
          movedConversationIds: moved.conversationIds,
          closedConversationId: closedConversation?.id ?? null,
        },
        occurredAt: now,
      },
    ],
  };
}

/** Sets merged_into on a contact that is not merged, or refuses: `contact_already_merged`. */
async function claimLiveContact(tx: DbOrTx, workspaceId: string, id: string, mergedInto: string | null): Promise<void> {
  const claimed = await tx
    .updateTable('contacts')
    .set({ merged_into: mergedInto })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('merged_into', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) throw new MergeError('contact_already_merged', `contact ${id} was merged into another already`);
}

/** The survivor after taking the merged contact's values where its own are empty (and every tag). */
function fillFrom(survivor: ContactState, merged: ContactState, now: string) {
  const profile = { ...survivor.profile };
  const attributes = { ...survivor.attributes };
  const filled: MergeSnapshot['filled'] = { profile: [], attributes: [], tags: [] };
  for (const field of profileFields) {
    const value = merged.profile[field];
    if (isEmptyValue(profile[field]) && !isEmptyValue(value)) {
      profile[field] = value;
      filled.profile.push(field satisfies ProfileField);
    }
  }
  for (const [key, value] of Object.entries(merged.attributes)) {
    if (isEmptyValue(attributes[key]) && !isEmptyValue(value)) {
      attributes[key] = value;
      filled.attributes.push(key);
    }
  }
  filled.tags = merged.tags.filter((t) => !survivor.tags.includes(t));
  const changed = filled.profile.length + filled.attributes.length + filled.tags.length > 0;
  return {
    after: { ...survivor, profile, attributes, tags: [...survivor.tags, ...filled.tags], updatedAt: changed ? now : survivor.updatedAt },
    filled,
  };
}

/**
 * At most one open conversation per contact: when both have one, the one with the latest message
 * stays open (or the one the caller asked for) and the other is resolved, as recorded for the unmerge.
 */
async function closeOneOpenConversation(tx: DbOrTx, input: MergeInput): Promise<ConversationState | null> {
  const open = await tx
    .selectFrom('conversations')
    .selectAll()
    .where('workspace_id', '=', input.workspaceId)
    .where('contact_id', 'in', [input.survivorId, input.mergedId])
    .where(sql<boolean>`status <> 'resolved'`)
    .execute();
  if (open.length < 2) return null;
  const keep =
    open.find((c) => c.id === input.keepOpenConversationId) ??
    open.reduce((a, b) => (latest(b) > latest(a) || (latest(b) === latest(a) && b.contact_id === input.survivorId) ? b : a));
  const close = open.find((c) => c.id !== keep.id);
  if (!close) return null;
  await tx
    .updateTable('conversations')
    .set({ status: 'resolved', resolved_at: input.now, updated_at: input.now })
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', close.id)
    .execute();
  return { id: close.id, contactId: close.contact_id, status: close.status, resolvedAt: close.resolved_at, updatedAt: close.updated_at };
}

function latest(c: ConversationsTable): string {
  return c.last_message_at ?? c.created_at;
}

async function moveOwnedRows(tx: DbOrTx, workspaceId: string, fromId: string, toId: string) {
  const identityIds = (
    await tx.selectFrom('identities').select('id').where('workspace_id', '=', workspaceId).where('contact_id', '=', fromId).execute()
  ).map((r) => r.id);
  const conversationIds = (
    await tx.selectFrom('conversations').select('id').where('workspace_id', '=', workspaceId).where('contact_id', '=', fromId).execute()
  ).map((r) => r.id);
  const consentIds = (
    await tx.selectFrom('consent_records').select('id').where('workspace_id', '=', workspaceId).where('contact_id', '=', fromId).execute()
  ).map((r) => r.id);
  const activityIds = (
    await tx
      .selectFrom('contact_activities')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', '=', fromId)
      .execute()
  ).map((r) => Number(r.id));
  for (const table of ['identities', 'conversations', 'consent_records', 'contact_activities'] as const)
    await tx
      .updateTable(table)
      .set({ contact_id: toId })
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', '=', fromId)
      .execute();
  return { identityIds, conversationIds, consentIds, activityIds };
}

/**
 * Open suggestions naming the merged contact are moot now: it no longer exists on its own. One query
 * per side, each an index lookup (merge_suggestions_ws_contact / _ws_candidate): with the two sides
 * OR-ed, SQLite walked every open suggestion of the workspace instead.
 */
async function supersedeSuggestions(tx: DbOrTx, workspaceId: string, mergedId: string, now: string): Promise<string[]> {
  const found = new Set<string>();
  for (const side of ['contact_id', 'candidate_id'] as const) {
    const rows = await tx
      .selectFrom('merge_suggestions')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where(side, '=', mergedId)
      .where('status', '=', 'open')
      .execute();
    for (const r of rows) found.add(r.id);
  }
  const ids = [...found];
  if (ids.length > 0)
    await tx
      .updateTable('merge_suggestions')
      .set({ status: 'superseded', updated_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', ids)
      .execute();
  return ids;
}
