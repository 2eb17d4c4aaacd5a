import type { IdentityClaim } from '@fio/contracts';
import { appendEvents } from '../../events/event-log.ts';
import type { DbOrTx } from '../../storage/index.ts';
import { createContactRepository, stampFieldMeta, type Contact } from '../contact.repository.ts';
import { normalizeIdentity } from '../normalize-identity.ts';
import { findTakenIdentities } from './attach-profile-identities.ts';
import { checkProfileInput, type ProfileInput } from './check-profile-input.ts';
import { normalizeTags } from './normalize-tags.ts';
import type { FieldError, ProfileDeps } from './profile-deps.ts';

export interface CreateContactInput {
  workspaceId: string;
  profile: ProfileInput;
  tags?: string[] | undefined;
  /** More identities (an external CRM id, a visitor id); the profile's e-mail and phone are added anyway. */
  identities?: IdentityClaim[] | undefined;
  /** The profile's e-mail and phone are proven (the business's own systems assert them). */
  verified?: boolean | undefined;
  source: string;
  identitySource: 'api' | 'import';
  now: string;
}

export type CreateContactResult = { ok: true; contact: Contact } | { ok: false; errors: FieldError[] };

/**
 * Creates a contact with its profile, attributes, tags and identities in the caller's transaction.
 * An e-mail or phone that another contact holds refuses the whole create (`identity_taken` naming
 * that contact): two records of one person are merged by a person or a rule, never silently here.
 */
export async function createContact(tx: DbOrTx, deps: ProfileDeps, input: CreateContactInput): Promise<CreateContactResult> {
  const fields = deps.workspaces.get(input.workspaceId)?.definition.contactFields ?? [];
  const checked = checkProfileInput(fields, input.profile);
  const errors: FieldError[] = checked.ok ? [] : [...checked.errors];
  const tags = normalizeTags(input.tags ?? []);
  if (!tags.ok) errors.push(tags.error);
  const claims: IdentityClaim[] = [];
  (input.identities ?? []).forEach((raw, i) => {
    const claim = normalizeIdentity(raw);
    if (claim) claims.push(claim);
    else errors.push({ field: `identities.${i}`, code: 'invalid_value', message: `not a valid ${raw.kind}` });
  });
  if (!checked.ok || !tags.ok || errors.length > 0) return { ok: false, errors };

  const profile = checked.profile;
  const verified = input.verified ?? false;
  for (const kind of ['email', 'phone'] as const) {
    const value = profile[kind];
    if (value) claims.push({ kind, value, verified });
    // A contact created from its identities alone still shows its e-mail and phone.
    else profile[kind] = claims.find((c) => c.kind === kind)?.value ?? null;
  }
  const unique = claims.filter((c, i) => claims.findIndex((o) => o.kind === c.kind && o.value === c.value) === i);

  const repo = createContactRepository(tx, input.workspaceId);
  const taken = await findTakenIdentities(repo, '', unique);
  if (taken.length > 0) return { ok: false, errors: taken };

  const attributes = Object.fromEntries(Object.entries(profile.attributes ?? {}).filter(([, v]) => v !== null));
  const paths = [
    ...(['displayName', 'email', 'phone', 'locale'] as const).filter((k) => profile[k]),
    ...Object.keys(attributes).map((k) => `attributes.${k}`),
    ...(tags.tags.length > 0 ? ['tags'] : []),
  ];
  const contact = await repo.create(
    {
      displayName: profile.displayName ?? undefined,
      email: profile.email ?? undefined,
      phone: profile.phone ?? undefined,
      locale: profile.locale ?? undefined,
      attributes,
      tags: tags.tags,
      fieldMeta: stampFieldMeta({}, paths, input.now, input.source),
    },
    input.now,
  );
  await repo.addIdentities(contact.id, unique, input.now, input.identitySource);
  await appendEvents(tx, [
    {
      workspaceId: input.workspaceId,
      type: 'contact.created',
      contactId: contact.id,
      payload: { identities: unique.map((c) => ({ kind: c.kind, value: c.value, verified: c.verified })), source: input.source },
      occurredAt: input.now,
    },
  ]);
  await deps.segments.refresh(tx, input.workspaceId, [contact.id], ['profile', 'attributes', 'tags'], input.now);
  return { ok: true, contact };
}
