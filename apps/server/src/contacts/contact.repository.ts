import type { ContactId, ContactView, IdentityClaim } from '@fio/contracts';
import { asContactId } from '@fio/contracts';
import type { DbOrTx } from '../storage/index.ts';
import { newId } from '../storage/index.ts';
import type { ContactsTable, IdentitiesTable } from '../storage/schema.ts';

export interface Contact {
  id: ContactId;
  workspaceId: string;
  displayName: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
  attributes: Record<string, unknown>;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

export interface IdentityRow {
  contactId: ContactId;
  kind: IdentityClaim['kind'];
  value: string;
  verified: boolean;
}

export interface ContactProfile {
  displayName?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  locale?: string | undefined;
}

function toIdentityRow(r: Pick<IdentitiesTable, 'contact_id' | 'kind' | 'value' | 'verified'>): IdentityRow {
  return { contactId: asContactId(r.contact_id), kind: r.kind as IdentityClaim['kind'], value: r.value, verified: r.verified === 1 };
}

function toContact(r: ContactsTable): Contact {
  return {
    id: asContactId(r.id),
    workspaceId: r.workspace_id,
    displayName: r.display_name,
    email: r.email,
    phone: r.phone,
    locale: r.locale,
    attributes: JSON.parse(r.attributes_json) as Record<string, unknown>,
    tags: JSON.parse(r.tags_json) as string[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function createContactRepository(db: DbOrTx, workspaceId: string) {
  return {
    async get(id: string): Promise<Contact | null> {
      const row = await db
        .selectFrom('contacts')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toContact(row) : null;
    },

    async findIdentities(claims: IdentityClaim[]): Promise<IdentityRow[]> {
      if (claims.length === 0) return [];
      const rows = await db
        .selectFrom('identities')
        .select(['contact_id', 'kind', 'value', 'verified'])
        .where('workspace_id', '=', workspaceId)
        .where((eb) => eb.or(claims.map((c) => eb.and([eb('kind', '=', c.kind), eb('value', '=', c.value)]))))
        // The oldest identity first: when two known people match, the longest-known wins, every time.
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toIdentityRow);
    },

    async listIdentities(contactId: string): Promise<IdentityRow[]> {
      const rows = await db
        .selectFrom('identities')
        .select(['contact_id', 'kind', 'value', 'verified'])
        .where('workspace_id', '=', workspaceId)
        .where('contact_id', '=', contactId)
        .orderBy('created_at')
        .execute();
      return rows.map(toIdentityRow);
    },

    async create(profile: ContactProfile, now: string): Promise<Contact> {
      const row: ContactsTable = {
        id: newId('ct'),
        workspace_id: workspaceId,
        display_name: profile.displayName ?? null,
        email: profile.email ?? null,
        phone: profile.phone ?? null,
        locale: profile.locale ?? null,
        attributes_json: '{}',
        tags_json: '[]',
        created_at: now,
        updated_at: now,
      };
      await db.insertInto('contacts').values(row).execute();
      return toContact(row);
    },

    async addIdentities(contactId: string, claims: IdentityClaim[], now: string): Promise<void> {
      if (claims.length === 0) return;
      await db
        .insertInto('identities')
        .values(
          claims.map((c) => ({
            id: newId('id'),
            workspace_id: workspaceId,
            contact_id: contactId,
            kind: c.kind,
            value: c.value,
            verified: c.verified ? 1 : 0,
            created_at: now,
          })),
        )
        .execute();
    },

    async moveIdentity(claim: IdentityClaim, toContactId: string): Promise<void> {
      await db
        .updateTable('identities')
        .set({ contact_id: toContactId })
        .where('workspace_id', '=', workspaceId)
        .where('kind', '=', claim.kind)
        .where('value', '=', claim.value)
        .execute();
    },

    /** Sets custom attributes (a flow's `set` step, later the CRM sync); others are kept. */
    async mergeAttributes(contactId: string, attributes: Record<string, unknown>, now: string): Promise<void> {
      const row = await db
        .selectFrom('contacts')
        .select('attributes_json')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', contactId)
        .executeTakeFirst();
      if (!row) return;
      const merged: Record<string, unknown> = { ...(JSON.parse(row.attributes_json) as Record<string, unknown>), ...attributes };
      await db
        .updateTable('contacts')
        .set({ attributes_json: JSON.stringify(merged), updated_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', contactId)
        .execute();
    },

    /** Fills profile fields that are still empty; never overwrites what an agent or CRM set. */
    async fillProfile(contact: Contact, profile: ContactProfile, now: string): Promise<void> {
      const patch: Partial<ContactsTable> = {};
      if (!contact.displayName && profile.displayName) patch.display_name = profile.displayName;
      if (!contact.email && profile.email) patch.email = profile.email;
      if (!contact.phone && profile.phone) patch.phone = profile.phone;
      if (!contact.locale && profile.locale) patch.locale = profile.locale;
      if (Object.keys(patch).length === 0) return;
      await db
        .updateTable('contacts')
        .set({ ...patch, updated_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', contact.id)
        .execute();
    },
  };
}
export type ContactRepository = ReturnType<typeof createContactRepository>;

export async function toContactView(repo: ContactRepository, contact: Contact): Promise<ContactView> {
  const identities = await repo.listIdentities(contact.id);
  return {
    id: contact.id,
    displayName: contact.displayName,
    email: contact.email,
    phone: contact.phone,
    locale: contact.locale,
    attributes: contact.attributes,
    tags: contact.tags,
    identities: identities.map((i) => ({ kind: i.kind, value: i.value, verified: i.verified })),
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
  };
}
