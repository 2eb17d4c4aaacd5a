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

/** The merges a contact took part in (as survivor or as the merged one), newest first: the audit. */
export async function listContactMerges(db: DbOrTx, workspaceId: string, contactId: string): Promise<MergeAuditEntry[]> {
  const rows = await db
    .selectFrom('contact_merges')
    .select(['id', 'survivor_id', 'merged_id', 'actor', 'reason', 'evidence_json', 'created_at', 'unmerged_at', 'unmerged_by'])
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('survivor_id', '=', contactId), eb('merged_id', '=', contactId)]))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
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
