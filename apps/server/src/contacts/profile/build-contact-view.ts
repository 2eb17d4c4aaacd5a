import { channelTypeSchema, type ContactView } from '@fio/contracts';
import type { DbOrTx } from '../../storage/index.ts';
import { toContactView, type Contact, type ContactRepository } from '../contact.repository.ts';
import type { SegmentRefresher } from '../segments/segment-refresher.ts';

type ConsentView = NonNullable<ContactView['consent']>[number];

/**
 * The 360° view of one contact: profile, attributes, tags, identities with their source, the segments
 * it belongs to now, and its consent per channel type and purpose (the latest record of the ledger).
 */
export async function buildContactView(
  db: DbOrTx,
  deps: { segments: SegmentRefresher },
  repo: ContactRepository,
  contact: Contact,
): Promise<ContactView> {
  const [segments, consent] = await Promise.all([
    deps.segments.listForContact(db, contact.workspaceId, contact.id),
    latestConsent(db, contact.workspaceId, contact.id),
  ]);
  return toContactView(repo, contact, { segments, consent });
}

/** A read of the compliance module's append-only ledger: the newest record wins per (channel, purpose). */
async function latestConsent(db: DbOrTx, workspaceId: string, contactId: string): Promise<ConsentView[]> {
  const rows = await db
    .selectFrom('consent_records')
    .select(['channel_type', 'purpose', 'status', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contactId)
    .orderBy('id', 'asc')
    .execute();
  const latest = new Map<string, ConsentView>();
  for (const row of rows) {
    const channelType = channelTypeSchema.safeParse(row.channel_type);
    if (!channelType.success) continue;
    latest.set(`${row.channel_type}\u0000${row.purpose}`, {
      channelType: channelType.data,
      purpose: row.purpose,
      status: row.status === 'withdrawn' ? 'withdrawn' : 'granted',
      at: row.created_at,
    });
  }
  return [...latest.values()];
}
