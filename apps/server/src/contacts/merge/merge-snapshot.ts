import type { DbOrTx } from '../../storage/index.ts';
import type { ContactsTable } from '../../storage/schema.ts';
import { updateContactRow } from '../contact.repository.ts';
import { MergeError } from './merge-deps.ts';

export const profileFields = ['display_name', 'email', 'phone', 'locale'] as const;
export type ProfileField = (typeof profileFields)[number];

/** The part of a contact row a merge may change, as it was at one moment. */
export interface ContactState {
  profile: Record<ProfileField, string | null>;
  attributes: Record<string, unknown>;
  tags: string[];
  mergedInto: string | null;
  updatedAt: string;
}

export interface ConversationState {
  id: string;
  /** The contact that owned it before the merge. */
  contactId: string;
  status: string;
  resolvedAt: string | null;
  updatedAt: string;
}

/** Everything a merge changed (contact_merges.snapshot_json), so an unmerge can put it back. */
export interface MergeSnapshot {
  version: 1;
  survivor: { before: ContactState; after: ContactState };
  merged: { before: ContactState; after: ContactState };
  /** Rows moved from the merged contact to the survivor. */
  identityIds: string[];
  conversationIds: string[];
  consentIds: string[];
  activityIds: number[];
  /** The open conversation the merge resolved (both contacts had one), as it was before. */
  closedConversation: ConversationState | null;
  /** What the survivor took from the merged contact because its own was empty. */
  filled: { profile: ProfileField[]; attributes: string[]; tags: string[] };
  supersededSuggestionIds: string[];
}

export function toContactState(row: ContactsTable): ContactState {
  return {
    profile: { display_name: row.display_name, email: row.email, phone: row.phone, locale: row.locale },
    attributes: JSON.parse(row.attributes_json) as Record<string, unknown>,
    tags: JSON.parse(row.tags_json) as string[],
    mergedInto: row.merged_into ?? null,
    updatedAt: row.updated_at,
  };
}

/** The contact row of this workspace, or a `contact_not_found` refusal. */
export async function loadContactRow(tx: DbOrTx, workspaceId: string, id: string): Promise<ContactsTable> {
  const row = await tx.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw new MergeError('contact_not_found', `no contact ${id}`);
  return row;
}

/** Writes a ContactState's fields back onto the contact row. */
export async function writeContactState(tx: DbOrTx, workspaceId: string, id: string, state: ContactState): Promise<void> {
  await updateContactRow(tx, workspaceId, id, {
    ...state.profile,
    attributes_json: JSON.stringify(state.attributes),
    tags_json: JSON.stringify(state.tags),
    merged_into: state.mergedInto,
    updated_at: state.updatedAt,
  });
}

export function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}
