import type { DbOrTx } from '../storage/index.ts';
import { newId } from '../storage/index.ts';

export type ConsentStatus = 'granted' | 'withdrawn';

export interface ConsentRecord {
  id: string;
  contactId: string;
  channelType: string;
  purpose: string;
  status: ConsentStatus;
  source: string;
  evidenceMessageId: string | null;
  createdAt: string;
}

/** The consent ledger: append-only; a contact's status on a channel is its latest record (none = not withdrawn). */
export function createConsentRepository(db: DbOrTx, workspaceId: string) {
  return {
    async record(
      entry: {
        contactId: string;
        channelType: string;
        purpose: string;
        status: ConsentStatus;
        source: string;
        evidenceMessageId?: string | null;
      },
      now: string,
    ): Promise<ConsentRecord> {
      const row = {
        id: newId('cns'),
        workspace_id: workspaceId,
        contact_id: entry.contactId,
        channel_type: entry.channelType,
        purpose: entry.purpose,
        status: entry.status,
        source: entry.source,
        evidence_message_id: entry.evidenceMessageId ?? null,
        created_at: now,
      };
      await db.insertInto('consent_records').values(row).execute();
      return { ...entry, id: row.id, evidenceMessageId: row.evidence_message_id, createdAt: now };
    },

    async current(contactId: string, channelType: string, purpose = 'messaging'): Promise<ConsentRecord | null> {
      const row = await db
        .selectFrom('consent_records')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('contact_id', '=', contactId)
        .where('channel_type', '=', channelType)
        .where('purpose', '=', purpose)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!row) return null;
      return {
        id: row.id,
        contactId: row.contact_id,
        channelType: row.channel_type,
        purpose: row.purpose,
        status: row.status === 'withdrawn' ? 'withdrawn' : 'granted',
        source: row.source,
        evidenceMessageId: row.evidence_message_id,
        createdAt: row.created_at,
      };
    },
  };
}
