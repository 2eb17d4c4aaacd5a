import type { DbOrTx } from '../../storage/index.ts';

/**
 * What changed about a contact, so a refresh re-evaluates only the segments whose conditions read it:
 * `profile` (name, e-mail, phone, locale), `attributes`, `tags`, `activity` (a business event or a
 * recognised intent), `conversations` (opened, resolved), `merge` (merged or unmerged: everything).
 */
export type ContactFactKind =
  | 'profile'
  | 'attributes'
  | 'tags'
  | 'activity'
  | 'conversations'
  | 'merge'
  /** One timeline series: `activity:event:cart_updated`, `activity:intent:price_info` (only the segments that read it). */
  | `activity:${'event' | 'intent'}:${string}`;

/** The seam every writer of contact facts calls, in its own transaction (issue 5 §4). */
export interface SegmentRefresher {
  /**
   * Re-evaluates the contacts' memberships of the segments that read `changed`, in the caller's
   * transaction: writes memberships, `segment.entered` / `segment.left` events, and the timer job for
   * the next moment a time condition can flip ("no order within 2 hours"). Cheap no-op when no
   * segment reads what changed.
   */
  refresh(tx: DbOrTx, workspaceId: string, contactIds: readonly string[], changed: readonly ContactFactKind[], now: string): Promise<void>;
  /** The ids of the segments the contact belongs to now. */
  listForContact(db: DbOrTx, workspaceId: string, contactId: string): Promise<string[]>;
}
