import type { DbOrTx } from '../../storage/index.ts';

export interface MergeAuditEntry {
  id: string;
  survivorId: string;
  mergedId: string;
  /** Who or what merged: 'rule:verified_phone', 'token:<id>'. */
  actor: string;
  reason: string;
  evidence: unknown;
  createdAt: string;
  unmergedAt: string | null;
  unmergedBy: string | null;
}

/**
 * The merges a contact took part in (as survivor or as the merged one), newest first (merge ids are
 * time-ordered): the audit. `after` is the last id of the previous page.
 */
export async function listContactMerges(
  db: DbOrTx,
  workspaceId: string,
  contactId: string,
  page: { after?: string | undefined; limit: number } = { limit: 500 },
): Promise<MergeAuditEntry[]> {
  const rows = await db
    .selectFrom('contact_merges')
    .select(['id', 'survivor_id', 'merged_id', 'actor', 'reason', 'evidence_json', 'created_at', 'unmerged_at', 'unmerged_by'])
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('survivor_id', '=', contactId), eb('merged_id', '=', contactId)]))
    .$if(page.after !== undefined, (qb) => qb.where('id', '<', page.after ?? ''))
    .orderBy('id', 'desc')
    .limit(page.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    survivorId: r.survivor_id,
    mergedId: r.merged_id,
    actor: r.actor,
    reason: r.reason,
    evidence: JSON.parse(r.evidence_json) as unknown,
    createdAt: r.created_at,
    unmergedAt: r.unmerged_at,
    unmergedBy: r.unmerged_by,
  }));
}
