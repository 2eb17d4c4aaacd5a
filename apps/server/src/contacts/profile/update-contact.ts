import { appendEvents, type DomainEventInput } from '../../events/event-log.ts';
import type { DbOrTx } from '../../storage/index.ts';
import { createContactRepository, stampFieldMeta, type Contact } from '../contact.repository.ts';
import { suggestMergesFor } from '../merge/index.ts';
import { attachProfileIdentities, findTakenIdentities } from './attach-profile-identities.ts';
import { checkProfileInput, type ProfileInput } from './check-profile-input.ts';
import { applyTagChange, normalizeTags } from './normalize-tags.ts';
import { planContactChange } from './plan-contact-change.ts';
import type { FieldError, ProfileDeps } from './profile-deps.ts';

export interface UpdateContactInput {
  workspaceId: string;
  contactId: string;
  profile?: ProfileInput;
  /** `add`/`remove` change the list; `set` replaces it (an import row). */
  tags?: { add?: string[] | undefined; remove?: string[] | undefined } | { set: string[] };
  /** The writer vouches for a new e-mail / phone (default: unverified). */
  verified?: boolean;
  /** Field meta and event source: `token:<id>`, `import`, `api`. */
  source: string;
  identitySource: 'api' | 'import';
  /** An e-mail / phone someone else holds: refuse the write, or suggest a merge (and still show it). */
  whenIdentityTaken: 'refuse' | 'suggest';
  now: string;
}

export type UpdateContactResult = { ok: true; contact: Contact; changed: string[] } | { ok: false; errors: FieldError[] };

/**
 * Changes a contact's profile, attributes and tags in the caller's transaction. Validates everything
 * first (every bad field reported), writes only real differences, stamps each changed path with
 * `{ at, source }`, emits one `contact.updated` only when something changed, and refreshes segments.
 */
export async function updateContact(tx: DbOrTx, deps: ProfileDeps, input: UpdateContactInput): Promise<UpdateContactResult> {
  const repo = createContactRepository(tx, input.workspaceId);
  const contact = await repo.get(input.contactId);
  if (!contact) return { ok: false, errors: [{ field: 'id', code: 'contact_not_found', message: `no contact ${input.contactId}` }] };
  const fields = deps.workspaces.get(input.workspaceId)?.definition.contactFields ?? [];

  const checked = checkProfileInput(fields, input.profile ?? {});
  const errors: FieldError[] = checked.ok ? [] : [...checked.errors];
  let tags: string[] | undefined;
  if (input.tags) {
    const next = 'set' in input.tags ? normalizeTags(input.tags.set) : applyTagChange(contact.tags, input.tags);
    if (next.ok) tags = next.tags;
    else errors.push(next.error);
  }
  if (!checked.ok || errors.length > 0) return { ok: false, errors };

  const plan = planContactChange(contact, checked.profile, tags);
  const newClaims = (['email', 'phone'] as const).flatMap((kind) => {
    const value = plan.write[kind];
    return value ? [{ kind, value }] : [];
  });
  if (input.whenIdentityTaken === 'refuse') {
    const taken = await findTakenIdentities(repo, contact.id, newClaims);
    if (taken.length > 0) return { ok: false, errors: taken };
  }
  if (plan.paths.length === 0) return { ok: true, contact, changed: [] };

  const fieldMeta = stampFieldMeta(contact.fieldMeta, plan.paths, input.now, input.source);
  await repo.write(contact.id, { ...plan.write, fieldMeta }, input.now);
  const events: DomainEventInput[] = await attachProfileIdentities(tx, deps, repo, {
    workspaceId: input.workspaceId,
    contactId: contact.id,
    claims: newClaims,
    verified: input.verified ?? false,
    source: input.identitySource,
    whenTaken: input.whenIdentityTaken,
    now: input.now,
  });
  events.push({
    workspaceId: input.workspaceId,
    type: 'contact.updated',
    contactId: contact.id,
    payload: { fields: plan.paths, source: input.source },
    occurredAt: input.now,
  });
  if (plan.paths.includes('displayName') || plan.paths.includes('attributes.city')) {
    // A name and city now shared with another contact is weak evidence of one person: a suggestion.
    const suggested = await suggestMergesFor(tx, deps, { workspaceId: input.workspaceId, contactId: contact.id, now: input.now });
    events.push(...suggested.events);
  }
  await appendEvents(tx, events);
  await deps.segments.refresh(tx, input.workspaceId, [contact.id], plan.kinds, input.now);
  const updated = await repo.get(contact.id);
  return { ok: true, contact: updated ?? contact, changed: plan.paths };
}
