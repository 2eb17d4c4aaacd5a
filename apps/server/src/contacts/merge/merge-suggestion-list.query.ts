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
  const query = (side: 'contact_id' | 'candidate_id' | null) =>
    db
      .selectFrom('merge_suggestions')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .$if(filter.status !== undefined, (qb) => qb.where('status', '=', filter.status ?? ''))
      .$if(side !== null, (qb) => qb.where(side ?? 'contact_id', '=', filter.contactId ?? ''))
      .$if(filter.after !== undefined, (qb) => qb.where('id', '<', filter.after ?? ''));
  // A contact's suggestions name it on either side: one index lookup per side (merge_suggestions_ws_contact,
  // _ws_candidate), not an OR of the two, which SQLite answered by walking every suggestion of the workspace.
  const rows =
    filter.contactId === undefined
      ? await query(null).orderBy('id', 'desc').limit(filter.limit).execute()
      : await query('contact_id').unionAll(query('candidate_id')).orderBy('id', 'desc').limit(filter.limit).execute();
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
