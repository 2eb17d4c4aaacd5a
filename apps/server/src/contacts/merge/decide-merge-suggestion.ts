import type { DomainEventInput } from '../../events/event-log.ts';
import type { DbOrTx } from '../../storage/index.ts';
import type { MergeSuggestionsTable } from '../../storage/schema.ts';
import { olderFirst } from './attach-verified-identity.ts';
import { MergeError, type MergeDeps } from './merge-deps.ts';
import { mergeContacts } from './merge-contacts.ts';
import { loadContactRow } from './merge-snapshot.ts';

export interface DecideInput {
  workspaceId: string;
  suggestionId: string;
  actor: string;
  now: string;
}

/**
 * An agent says yes: the two contacts merge (the older survives unless `survivorId` names the other
 * one) and the suggestion is marked accepted with the merge it made.
 */
export async function acceptMergeSuggestion(
  tx: DbOrTx,
  deps: MergeDeps,
  input: DecideInput & { survivorId?: string | undefined },
): Promise<{ mergeId: string; survivorId: string; mergedId: string; events: DomainEventInput[] }> {
  const suggestion = await loadOpenSuggestion(tx, input);
  const a = await loadContactRow(tx, input.workspaceId, suggestion.contact_id);
  const b = await loadContactRow(tx, input.workspaceId, suggestion.candidate_id);
  if (input.survivorId !== undefined && input.survivorId !== a.id && input.survivorId !== b.id)
    throw new MergeError('contact_not_found', `survivorId must be ${a.id} or ${b.id}`);
  const [survivor, merged] = input.survivorId === undefined ? olderFirst(a, b) : input.survivorId === a.id ? [a, b] : [b, a];
  // Accepted before merging, so the merge's own clean-up (superseding open suggestions) leaves it be.
  await decide(tx, input, 'accepted', null);
  const outcome = await mergeContacts(tx, deps, {
    workspaceId: input.workspaceId,
    survivorId: survivor.id,
    mergedId: merged.id,
    actor: input.actor,
    reason: `suggestion ${suggestion.id} accepted`,
    evidence: { suggestionId: suggestion.id, score: suggestion.score, reasons: JSON.parse(suggestion.reasons_json) as unknown },
    now: input.now,
  });
  await decide(tx, input, 'accepted', outcome.mergeId);
  return { mergeId: outcome.mergeId, survivorId: survivor.id, mergedId: merged.id, events: outcome.events };
}

/** An agent says no: the pair is never suggested again. */
export async function rejectMergeSuggestion(tx: DbOrTx, _deps: MergeDeps, input: DecideInput): Promise<{ events: DomainEventInput[] }> {
  const suggestion = await loadOpenSuggestion(tx, input);
  await decide(tx, input, 'rejected', null);
  return {
    events: [
      {
        workspaceId: input.workspaceId,
        type: 'contact.merge_rejected',
        contactId: suggestion.contact_id,
        payload: {
          suggestionId: suggestion.id,
          contactId: suggestion.contact_id,
          candidateId: suggestion.candidate_id,
          actor: input.actor,
        },
        occurredAt: input.now,
      },
    ],
  };
}

async function loadOpenSuggestion(tx: DbOrTx, input: DecideInput): Promise<MergeSuggestionsTable> {
  const row = await tx
    .selectFrom('merge_suggestions')
    .selectAll()
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.suggestionId)
    .executeTakeFirst();
  if (!row) throw new MergeError('suggestion_not_found', `no merge suggestion ${input.suggestionId}`);
  if (row.status !== 'open') throw new MergeError('suggestion_not_open', `the suggestion is ${row.status} already`);
  return row;
}

async function decide(tx: DbOrTx, input: DecideInput, status: 'accepted' | 'rejected', mergeId: string | null) {
  await tx
    .updateTable('merge_suggestions')
    .set({ status, decided_at: input.now, decided_by: input.actor, updated_at: input.now, merge_id: mergeId })
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.suggestionId)
    .execute();
}
