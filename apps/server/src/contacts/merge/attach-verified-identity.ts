import { sql } from 'kysely';
import type { IdentityClaim } from '@fio/contracts';
import type { DomainEventInput } from '../../events/event-log.ts';
import type { DbOrTx } from '../../storage/index.ts';
import { createContactRepository } from '../contact.repository.ts';
import { normalizeIdentity } from '../normalize-identity.ts';
import type { MergeDeps } from './merge-deps.ts';
import { mergeContacts } from './merge-contacts.ts';
import { loadContactRow } from './merge-snapshot.ts';

export interface AttachVerifiedIdentityInput {
  workspaceId: string;
  contactId: string;
  claim: Pick<IdentityClaim, 'kind' | 'value'> & { verified?: boolean };
  /** Who proved it: 'rule:verified_code', 'token:<id>'. */
  actor: string;
  reason: string;
  /** Where the identity came from (identities.source); 'chat' for a code the customer typed. */
  source?: string;
  now: string;
}

export interface AttachedIdentity {
  /** The contact that holds the identity now: the survivor when a merge happened. */
  contactId: string;
  merged: boolean;
  mergeId: string | null;
  /** False when the value does not normalise (nothing was changed). */
  attached: boolean;
  /** Not yet appended: the caller appends them. */
  events: DomainEventInput[];
}

/**
 * A proven identity (a one-time code answered, a signed login): it becomes a verified identity of the
 * contact; when another contact holds it, the two are the same person and are merged (the older one
 * survives; the caller's open conversation is the one that stays open).
 */
export async function attachVerifiedIdentity(tx: DbOrTx, deps: MergeDeps, input: AttachVerifiedIdentityInput): Promise<AttachedIdentity> {
  const { workspaceId, now } = input;
  const claim = normalizeIdentity({ kind: input.claim.kind, value: input.claim.value, verified: true });
  const contact = await loadContactRow(tx, workspaceId, input.contactId);
  const contactId = contact.merged_into ?? contact.id;
  if (!claim) return { contactId, merged: false, mergeId: null, attached: false, events: [] };
  const events: DomainEventInput[] = [];
  const holder = await tx
    .selectFrom('identities')
    .select(['id', 'contact_id', 'verified'])
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', claim.kind)
    .where('value', '=', claim.value)
    .executeTakeFirst();

  let ownerId = contactId;
  let mergeId: string | null = null;
  if (!holder) {
    await createContactRepository(tx, workspaceId).addIdentities(contactId, [claim], now, input.source ?? 'chat');
    events.push({
      workspaceId,
      type: 'contact.identity_added',
      contactId,
      payload: { identity: { kind: claim.kind, value: claim.value, verified: true }, actor: input.actor },
      occurredAt: now,
    });
  } else if (holder.contact_id !== contactId) {
    const other = await loadContactRow(tx, workspaceId, holder.contact_id);
    const self = await loadContactRow(tx, workspaceId, contactId);
    const [survivor, merged] = olderFirst(self, other);
    const open = await tx
      .selectFrom('conversations')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', '=', contactId)
      .where(sql<boolean>`status <> 'resolved'`)
      .executeTakeFirst();
    const outcome = await mergeContacts(tx, deps, {
      workspaceId,
      survivorId: survivor.id,
      mergedId: merged.id,
      actor: input.actor,
      reason: input.reason,
      evidence: { identity: { kind: claim.kind, value: claim.value, verified: true } },
      now,
      keepOpenConversationId: open?.id,
    });
    ownerId = survivor.id;
    mergeId = outcome.mergeId;
    events.push(...outcome.events);
  }
  if (holder && holder.verified !== 1) await createContactRepository(tx, workspaceId).setIdentityVerified(claim);
  await fillEmptyProfileField(tx, workspaceId, ownerId, claim, now);
  await deps.segments.refresh(tx, workspaceId, [ownerId], ['profile'], now);
  return { contactId: ownerId, merged: mergeId !== null, mergeId, attached: true, events };
}

/** The older contact first (created earlier; the id breaks ties): it is the one that survives a merge. */
export function olderFirst<T extends { id: string; created_at: string }>(a: T, b: T): [T, T] {
  return a.created_at < b.created_at || (a.created_at === b.created_at && a.id < b.id) ? [a, b] : [b, a];
}

async function fillEmptyProfileField(tx: DbOrTx, workspaceId: string, contactId: string, claim: IdentityClaim, now: string) {
  if (claim.kind !== 'email' && claim.kind !== 'phone') return;
  await tx
    .updateTable('contacts')
    .set({ [claim.kind]: claim.value, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', contactId)
    .where(claim.kind, 'is', null)
    .execute();
}
