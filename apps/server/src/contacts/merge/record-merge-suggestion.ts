import type { DomainEventInput } from '../../events/event-log.ts';
import { newId, type DbOrTx } from '../../storage/index.ts';

/** Why two contacts may be one person. Weak evidence only: strong evidence merges without asking. */
export interface SuggestionReason {
  kind: 'name_city' | 'typed_email' | 'typed_phone' | 'typed_identity' | 'shared_email' | 'shared_phone';
  detail: string;
}

/** How much each reason alone says; several combine as independent evidence (1 − Π(1 − w)). */
const weights: Record<SuggestionReason['kind'], number> = {
  name_city: 0.5,
  typed_email: 0.7,
  typed_phone: 0.7,
  typed_identity: 0.5,
  shared_email: 0.6,
  shared_phone: 0.6,
};

export function scoreReasons(reasons: readonly SuggestionReason[]): number {
  const miss = reasons.reduce((p, r) => p * (1 - weights[r.kind]), 1);
  return Math.round((1 - miss) * 1000) / 1000;
}

export interface RecordedSuggestion {
  suggestionId: string;
  created: boolean;
  events: DomainEventInput[];
}

/**
 * Records (or strengthens) the suggestion that two contacts are one person. Null when the pair was
 * rejected before (never suggested again) or either contact is merged already.
 */
export async function recordMergeSuggestion(
  tx: DbOrTx,
  input: { workspaceId: string; contactId: string; candidateId: string; reasons: SuggestionReason[]; now: string },
): Promise<RecordedSuggestion | null> {
  const { workspaceId, contactId, candidateId, now } = input;
  if (contactId === candidateId || input.reasons.length === 0) return null;
  const live = await tx
    .selectFrom('contacts')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [contactId, candidateId])
    .where('merged_into', 'is', null)
    .execute();
  if (live.length < 2) return null;
  const existing = await tx
    .selectFrom('merge_suggestions')
    .select(['id', 'status', 'reasons_json'])
    .where('workspace_id', '=', workspaceId)
    // The pair in either direction. Not as an OR of the two directions: SQLite answered that by walking
    // every open suggestion of the workspace. Both ids IN both sides is the same set (a contact is never
    // its own candidate) and two lookups of merge_suggestions_ws_contact.
    .where('contact_id', 'in', [contactId, candidateId])
    .where('candidate_id', 'in', [contactId, candidateId])
    .where('status', 'in', ['open', 'rejected'])
    .execute();
  if (existing.some((s) => s.status === 'rejected')) return null;
  const open = existing.find((s) => s.status === 'open');
  if (open) {
    const known = JSON.parse(open.reasons_json) as SuggestionReason[];
    const reasons = [...known, ...input.reasons.filter((r) => !known.some((k) => k.kind === r.kind && k.detail === r.detail))];
    if (reasons.length > known.length)
      await tx
        .updateTable('merge_suggestions')
        .set({ reasons_json: JSON.stringify(reasons), score: scoreReasons(reasons), updated_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', open.id)
        .execute();
    return { suggestionId: open.id, created: false, events: [] };
  }
  const id = newId('ms');
  const score = scoreReasons(input.reasons);
  await tx
    .insertInto('merge_suggestions')
    .values({
      id,
      workspace_id: workspaceId,
      contact_id: contactId,
      candidate_id: candidateId,
      score,
      reasons_json: JSON.stringify(input.reasons),
      status: 'open',
      created_at: now,
      updated_at: now,
      decided_at: null,
      decided_by: null,
      merge_id: null,
    })
    .execute();
  return {
    suggestionId: id,
    created: true,
    events: [
      {
        workspaceId,
        type: 'contact.merge_suggested',
        contactId,
        payload: { suggestionId: id, contactId, candidateId, score, reasons: input.reasons },
        occurredAt: now,
      },
    ],
  };
}
