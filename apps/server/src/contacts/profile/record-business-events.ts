import type { IdentityClaim } from '@fio/contracts';
import type { DbOrTx } from '../../storage/index.ts';
import { createContactRepository, type Contact } from '../contact.repository.ts';
import { normalizeEmail, normalizePhone } from '../normalize-identity.ts';
import { businessEventSchema, type BusinessEvent, type BusinessEventResult, type EventContactRef } from './business-event.schema.ts';
import { createContact } from './create-contact.ts';
import type { ProfileWriterDeps } from './profile-deps.ts';
import { recordActivity } from './record-activity.ts';

type ItemError = { code: string; message: string };
type Found = { ok: true; contact: Contact } | { ok: false; error: ItemError };

/**
 * Records business events posted by the business's systems (POST /api/v1/events), each in its own
 * transaction so one bad item never blocks the others. A contact named by an e-mail / phone / CRM id
 * Fio does not know yet is created with those identities, verified: the business's systems assert them.
 */
export async function recordBusinessEvents(
  deps: ProfileWriterDeps,
  input: { workspaceId: string; items: readonly unknown[]; now: string },
): Promise<BusinessEventResult[]> {
  const results: BusinessEventResult[] = [];
  for (const [index, raw] of input.items.entries()) {
    const parsed = businessEventSchema.safeParse(raw);
    if (!parsed.success) {
      const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; ');
      results.push({ index, status: 'error', error: { code: 'validation_failed', message } });
      continue;
    }
    results.push(await recordOne(deps, input.workspaceId, index, parsed.data, input.now));
  }
  return results;
}

async function recordOne(
  deps: ProfileWriterDeps,
  workspaceId: string,
  index: number,
  event: BusinessEvent,
  now: string,
): Promise<BusinessEventResult> {
  const attempt = () =>
    deps.transact(async (tx): Promise<BusinessEventResult> => {
      const found = await findOrCreateContact(tx, deps, workspaceId, event.contact, now);
      if (!found.ok) return { index, status: 'error', error: found.error };
      const recorded = await recordActivity(tx, deps, {
        workspaceId,
        contactId: found.contact.id,
        kind: 'event',
        name: event.name,
        properties: event.properties,
        source: 'api',
        externalId: event.id,
        occurredAt: event.occurredAt ? new Date(event.occurredAt).toISOString() : now,
        now,
      });
      return {
        index,
        status: recorded.duplicate ? 'duplicate' : 'recorded',
        activityId: recorded.activityId,
        contactId: recorded.contactId,
      };
    });
  try {
    return await attempt();
  } catch {
    // A concurrent request took the same idempotency key or created the same contact first (a unique
    // index refused ours): the second attempt finds theirs.
    try {
      return await attempt();
    } catch (err) {
      deps.log?.error({ err, index }, 'a business event could not be stored');
      return { index, status: 'error', error: { code: 'internal_error', message: 'the event could not be stored; send it again' } };
    }
  }
}

async function findOrCreateContact(
  tx: DbOrTx,
  deps: ProfileWriterDeps,
  workspaceId: string,
  ref: EventContactRef,
  now: string,
): Promise<Found> {
  const repo = createContactRepository(tx, workspaceId);
  if (ref.id) {
    const contact = await repo.getFollowingMerges(ref.id);
    return contact ? { ok: true, contact } : { ok: false, error: { code: 'contact_not_found', message: `no contact ${ref.id}` } };
  }
  const claims = claimsOf(deps, workspaceId, ref);
  if (!claims.ok) return claims;
  const held = await repo.findIdentities(claims.claims);
  // The strongest reference wins: a CRM id, then the e-mail, then the phone.
  const holder = claims.claims.map((c) => held.find((h) => h.kind === c.kind && h.value === c.value)).find((h) => h !== undefined);
  if (holder) {
    const contact = await repo.getFollowingMerges(holder.contactId);
    if (contact) return { ok: true, contact };
  }
  const created = await createContact(tx, deps, {
    workspaceId,
    profile: {},
    identities: claims.claims,
    verified: true,
    source: 'api',
    identitySource: 'api',
    now,
  });
  if (created.ok) return created;
  return { ok: false, error: { code: 'validation_failed', message: created.errors.map((e) => `${e.field}: ${e.message}`).join('; ') } };
}

function claimsOf(
  deps: ProfileWriterDeps,
  workspaceId: string,
  ref: EventContactRef,
): { ok: true; claims: IdentityClaim[] } | { ok: false; error: ItemError } {
  const claims: IdentityClaim[] = [];
  if (ref.externalId) {
    const integrations = deps.workspaces.get(workspaceId)?.definition.integrations ?? [];
    const integration = ref.integration ?? (integrations.length === 1 ? integrations[0]?.id : undefined);
    if (!integration)
      return {
        ok: false,
        error: { code: 'validation_failed', message: 'contact.integration: name the integration the externalId belongs to' },
      };
    if (!integrations.some((i) => i.id === integration))
      return {
        ok: false,
        error: { code: 'validation_failed', message: `contact.integration: no integration ${integration} in this workspace` },
      };
    claims.push({ kind: 'external', value: `${integration}:${ref.externalId}`, verified: true });
  }
  if (ref.email) {
    const email = normalizeEmail(ref.email);
    if (!email) return { ok: false, error: { code: 'validation_failed', message: 'contact.email: must be an e-mail address' } };
    claims.push({ kind: 'email', value: email, verified: true });
  }
  if (ref.phone) {
    const phone = normalizePhone(ref.phone);
    if (!phone)
      return { ok: false, error: { code: 'validation_failed', message: 'contact.phone: must be a phone number with country code' } };
    claims.push({ kind: 'phone', value: phone, verified: true });
  }
  return { ok: true, claims };
}
