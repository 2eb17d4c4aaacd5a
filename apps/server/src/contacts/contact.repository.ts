import type { ContactId, ContactView, IdentityClaim } from '@fio/contracts';
import { asContactId } from '@fio/contracts';
import type { DbOrTx } from '../storage/index.ts';
import { newId } from '../storage/index.ts';
import type { ContactsTable, IdentitiesTable } from '../storage/schema.ts';
import type { ContactField } from '../workspace/workspace.schema.ts';
import { matchKeyOf, matchKeyOfRow } from './match-key.ts';
import { validateAttributes } from './validate-attributes.ts';

export interface Contact {
  id: ContactId;
  workspaceId: string;
  displayName: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
  attributes: Record<string, unknown>;
  tags: string[];
  /** Per changed path (`displayName`, `attributes.city`, `tags`): when and from where it last changed. */
  fieldMeta: FieldMeta;
  /** Set when this contact was merged into another (a tombstone; reads follow it to the survivor). */
  mergedInto: string | null;
  createdAt: string;
  updatedAt: string;
}

export type FieldMeta = Record<string, { at: string; source: string }>;

export interface IdentityRow {
  contactId: ContactId;
  kind: IdentityClaim['kind'];
  value: string;
  verified: boolean;
  source: string | null;
}

/** A contact's stored facts as one write: only the keys given change. */
export interface ContactWrite {
  displayName?: string | null;
  email?: string | null;
  phone?: string | null;
  locale?: string | null;
  attributes?: Record<string, unknown>;
  tags?: string[];
  fieldMeta?: FieldMeta;
}

export interface ContactProfile {
  displayName?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  locale?: string | undefined;
}

function toIdentityRow(r: Pick<IdentitiesTable, 'contact_id' | 'kind' | 'value' | 'verified' | 'source'>): IdentityRow {
  return {
    contactId: asContactId(r.contact_id),
    kind: r.kind as IdentityClaim['kind'],
    value: r.value,
    verified: r.verified === 1,
    source: r.source ?? null,
  };
}

const identityColumns = ['contact_id', 'kind', 'value', 'verified', 'source'] as const;

/** Stamps each changed path with when and from where (`api`, `token:<id>`, `bot`, `import`, `integration:<id>`). */
export function stampFieldMeta(meta: FieldMeta, paths: readonly string[], at: string, source: string): FieldMeta {
  const next = { ...meta };
  for (const path of paths) next[path] = { at, source };
  return next;
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
    fieldMeta: JSON.parse(r.field_meta_json ?? '{}') as FieldMeta,
    mergedInto: r.merged_into ?? null,
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
        .select([...identityColumns])
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
        .select([...identityColumns])
        .where('workspace_id', '=', workspaceId)
        .where('contact_id', '=', contactId)
        .orderBy('created_at')
        .execute();
      return rows.map(toIdentityRow);
    },

    /** The contact a merged id now lives in (follows the chain of merges); null when there is none. */
    async getFollowingMerges(id: string): Promise<Contact | null> {
      let contact = await this.get(id);
      // A chain is short (a merge of a merge); the bound only guards against a cycle written by hand.
      for (let hops = 0; contact?.mergedInto && hops < 32; hops++) contact = await this.get(contact.mergedInto);
      return contact?.mergedInto ? null : contact;
    },

    async create(profile: ContactProfile & Omit<ContactWrite, keyof ContactProfile>, now: string): Promise<Contact> {
      const row: ContactsTable = {
        id: newId('ct'),
        workspace_id: workspaceId,
        display_name: profile.displayName ?? null,
        email: profile.email ?? null,
        phone: profile.phone ?? null,
        locale: profile.locale ?? null,
        attributes_json: JSON.stringify(profile.attributes ?? {}),
        tags_json: JSON.stringify(profile.tags ?? []),
        field_meta_json: JSON.stringify(profile.fieldMeta ?? {}),
        merged_into: null,
        match_key: matchKeyOf(profile.displayName ?? null, profile.attributes ?? {}),
        created_at: now,
        updated_at: now,
      };
      await db.insertInto('contacts').values(row).execute();
      return toContact(row);
    },

    /** Writes the given facts as they are (callers validate and compute the field meta). */
    async write(contactId: string, change: ContactWrite, now: string): Promise<void> {
      const patch: Partial<ContactsTable> = {};
      if (change.displayName !== undefined) patch.display_name = change.displayName;
      if (change.email !== undefined) patch.email = change.email;
      if (change.phone !== undefined) patch.phone = change.phone;
      if (change.locale !== undefined) patch.locale = change.locale;
      if (change.attributes !== undefined) patch.attributes_json = JSON.stringify(change.attributes);
      if (change.tags !== undefined) patch.tags_json = JSON.stringify(change.tags);
      if (change.fieldMeta !== undefined) patch.field_meta_json = JSON.stringify(change.fieldMeta);
      await updateContactRow(db, workspaceId, contactId, { ...patch, updated_at: now });
    },

    async setIdentityVerified(claim: Pick<IdentityClaim, 'kind' | 'value'>): Promise<void> {
      await db
        .updateTable('identities')
        .set({ verified: 1 })
        .where('workspace_id', '=', workspaceId)
        .where('kind', '=', claim.kind)
        .where('value', '=', claim.value)
        .execute();
    },

    async addIdentities(contactId: string, claims: IdentityClaim[], now: string, source: string | null = null): Promise<void> {
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
            source,
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

    /**
     * Sets custom attributes from a flow's `set` step: values are checked against the workspace's
     * fields and a bad one is dropped, never thrown (a turn must not fail on a typo in a flow); `null`
     * clears. Returns the paths that changed (`attributes.<key>`), each stamped in the field meta.
     */
    async mergeAttributes(
      contactId: string,
      attributes: Record<string, unknown>,
      now: string,
      options: { fields?: readonly ContactField[]; source?: string } = {},
    ): Promise<string[]> {
      const row = await db
        .selectFrom('contacts')
        .select(['attributes_json', 'field_meta_json'])
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', contactId)
        .executeTakeFirst();
      if (!row) return [];
      const fields = options.fields ?? [];
      const accepted: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(attributes)) {
        const checked = validateAttributes(fields, { [key]: value });
        if (checked.ok) Object.assign(accepted, checked.attributes);
      }
      const current = JSON.parse(row.attributes_json) as Record<string, unknown>;
      const next = { ...current };
      const changed: string[] = [];
      for (const [key, value] of Object.entries(accepted)) {
        if (sameValue(current[key] ?? null, value)) continue;
        if (value === null) delete next[key];
        else next[key] = value;
        changed.push(`attributes.${key}`);
      }
      if (changed.length === 0) return [];
      const meta = stampFieldMeta(JSON.parse(row.field_meta_json ?? '{}') as FieldMeta, changed, now, options.source ?? 'bot');
      await updateContactRow(db, workspaceId, contactId, {
        attributes_json: JSON.stringify(next),
        field_meta_json: JSON.stringify(meta),
        updated_at: now,
      });
      return changed;
    },

    /** Fills profile fields that are still empty; never overwrites what an agent or CRM set. */
    async fillProfile(contact: Contact, profile: ContactProfile, now: string): Promise<void> {
      const patch: Partial<ContactsTable> = {};
      if (!contact.displayName && profile.displayName) patch.display_name = profile.displayName;
      if (!contact.email && profile.email) patch.email = profile.email;
      if (!contact.phone && profile.phone) patch.phone = profile.phone;
      if (!contact.locale && profile.locale) patch.locale = profile.locale;
      if (Object.keys(patch).length === 0) return;
      await updateContactRow(db, workspaceId, contact.id, { ...patch, updated_at: now });
    },
  };
}
export type ContactRepository = ReturnType<typeof createContactRepository>;

/** The columns an update of a contact row may set; match_key is derived, never set by hand. */
export type ContactRowPatch = Partial<Omit<ContactsTable, 'id' | 'workspace_id' | 'created_at' | 'match_key'>>;

/**
 * Every update of a contact's name or attributes goes through here, so `match_key` (match-key.ts)
 * always follows what it is made of. A patch with both computes the key in the same statement; a
 * patch with one reads the other back from the row it just updated (RETURNING: the row as locked and
 * written, not as read before, so a concurrent change of the other part is not lost) and writes the
 * key only when it changed, which an attribute other than the city never does.
 */
export async function updateContactRow(db: DbOrTx, workspaceId: string, contactId: string, patch: ContactRowPatch): Promise<void> {
  const { display_name, attributes_json } = patch;
  const update = db.updateTable('contacts').where('workspace_id', '=', workspaceId).where('id', '=', contactId);
  if (display_name === undefined && attributes_json === undefined) {
    await update.set(patch).execute();
    return;
  }
  if (display_name !== undefined && attributes_json !== undefined) {
    await update.set({ ...patch, match_key: matchKeyOfRow({ display_name, attributes_json }) }).execute();
    return;
  }
  const row = await update.set(patch).returning(['display_name', 'attributes_json', 'match_key']).executeTakeFirst();
  if (!row) return;
  const key = matchKeyOfRow(row);
  if (key !== (row.match_key ?? null))
    await db.updateTable('contacts').set({ match_key: key }).where('workspace_id', '=', workspaceId).where('id', '=', contactId).execute();
}

/** Equal as stored JSON (attribute values are scalars or lists of strings). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The contact as clients see it; `extra` adds what other modules compute (segments, consent). */
export async function toContactView(
  repo: ContactRepository,
  contact: Contact,
  extra: Pick<ContactView, 'segments' | 'consent'> = {},
): Promise<ContactView> {
  const identities = await repo.listIdentities(contact.id);
  return {
    id: contact.id,
    displayName: contact.displayName,
    email: contact.email,
    phone: contact.phone,
    locale: contact.locale,
    attributes: contact.attributes,
    tags: contact.tags,
    identities: identities.map((i) => ({ kind: i.kind, value: i.value, verified: i.verified, source: i.source })),
    ...extra,
    mergedInto: contact.mergedInto,
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
  };
}
