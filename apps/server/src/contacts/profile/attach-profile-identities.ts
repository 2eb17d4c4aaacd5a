import type { IdentityClaim } from '@fio/contracts';
import type { DomainEventInput } from '../../events/event-log.ts';
import type { DbOrTx } from '../../storage/index.ts';
import type { ContactRepository } from '../contact.repository.ts';
import { noteTypedIdentity } from '../merge/index.ts';
import type { FieldError, ProfileDeps } from './profile-deps.ts';

export interface ProfileIdentityInput {
  workspaceId: string;
  contactId: string;
  /** The new e-mail / phone the profile now shows (canonical). */
  claims: Array<Pick<IdentityClaim, 'kind' | 'value'>>;
  /** The writer vouches for them (the business's own systems checked them). */
  verified: boolean;
  /** identities.source: 'api', 'import'. */
  source: 'api' | 'import';
  /** Someone else holds one: `refuse` (an import row, a create) or `suggest` (an agent's PATCH). */
  whenTaken: 'refuse' | 'suggest';
  now: string;
}

/** Who holds each claim now: the first check of a write, before anything is written. */
export async function findTakenIdentities(
  repo: ContactRepository,
  contactId: string,
  claims: Array<Pick<IdentityClaim, 'kind' | 'value'>>,
): Promise<FieldError[]> {
  const held = await repo.findIdentities(claims.map((c) => ({ ...c, verified: false })));
  return held
    .filter((h) => h.contactId !== contactId)
    .map((h) => ({
      field: h.kind,
      code: 'identity_taken',
      message: `${h.kind} ${h.value} belongs to contact ${h.contactId}`,
      contactId: h.contactId,
    }));
}

/**
 * A profile's new e-mail or phone becomes an identity of the contact, so the next message from that
 * address finds this person. One held by someone else is never moved silently: with `suggest` the
 * merge module records a suggestion for an agent to decide.
 */
export async function attachProfileIdentities(
  tx: DbOrTx,
  deps: ProfileDeps,
  repo: ContactRepository,
  input: ProfileIdentityInput,
): Promise<DomainEventInput[]> {
  const events: DomainEventInput[] = [];
  const held = await repo.findIdentities(input.claims.map((c) => ({ ...c, verified: false })));
  for (const claim of input.claims) {
    const holder = held.find((h) => h.kind === claim.kind && h.value === claim.value);
    if (!holder) {
      await repo.addIdentities(input.contactId, [{ ...claim, verified: input.verified }], input.now, input.source);
      events.push({
        workspaceId: input.workspaceId,
        type: 'contact.identity_added',
        contactId: input.contactId,
        payload: { identity: { kind: claim.kind, value: claim.value, verified: input.verified }, source: input.source },
        occurredAt: input.now,
      });
    } else if (holder.contactId === input.contactId) {
      if (input.verified && !holder.verified) await repo.setIdentityVerified(claim);
    } else if (input.whenTaken === 'suggest') {
      // Someone else holds it: the same person, perhaps; an agent decides on the suggestion.
      const noted = await noteTypedIdentity(tx, deps, { ...input, claim, source: input.source });
      events.push(...noted.events);
    }
  }
  return events;
}
