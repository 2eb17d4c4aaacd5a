import type { DbOrTx } from '../../storage/index.ts';
import type { SuggestionReason } from './record-merge-suggestion.ts';

export interface MergeSuggestionView {
  id: string;
  contactId: string;
  candidateId: string;
  score: number;
  reasons: SuggestionReason[];
  status: 'open' | 'accepted' | 'rejected' | 'superseded';
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  mergeId: string | null;
}

/** One page of suggestions, newest first (ids are time-ordered); `after` is the last id of the previous page. */
export async function listMergeSuggestions(
  db: DbOrTx,
  workspaceId: string,
  filter: { status?: MergeSuggestionView['status'] | undefined; contactId?: string | undefined; after?: string | undefined; limit: number },
): Promise<MergeSuggestionView[]> {
  const rows = await db
    .selectFrom('merge_suggestions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .$if(filter.status !== undefined, (qb) => qb.where('status', '=', filter.status ?? ''))
    .$if(filter.contactId !== undefined, (qb) =>
      qb.where((eb) => eb.or([eb('contact_id', '=', filter.contactId ?? ''), eb('candidate_id', '=', filter.contactId ?? '')])),
    )
    .$if(filter.after !== undefined, (qb) => qb.where('id', '<', filter.after ?? ''))
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    contactId: r.contact_id,
    candidateId: r.candidate_id,
    score: r.score,
    reasons: JSON.parse(r.reasons_json) as SuggestionReason[],
    status: r.status as MergeSuggestionView['status'],
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    mergeId: r.merge_id,
  }));
}
