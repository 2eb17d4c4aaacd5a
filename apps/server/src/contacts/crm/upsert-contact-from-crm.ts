import type { IdentityClaim } from '@fio/contracts';
import { appendEvents, type DomainEventInput } from '../../events/event-log.ts';
import type { DbOrTx } from '../../storage/index.ts';
import type { ContactField, Integration } from '../../workspace/workspace.schema.ts';
import { createContactRepository, stampFieldMeta, type Contact, type ContactWrite } from '../contact.repository.ts';
import type { SegmentRefresher } from '../segments/segment-refresher.ts';
import { decideCrmField } from './decide-crm-field.ts';
import { readCrmFields, type FieldError, type SkippedField } from './read-crm-fields.ts';
import { readFioField } from './read-fio-field.ts';

export interface CrmUpsertInput {
  workspaceId: string;
  integration: Integration;
  contactFields: readonly ContactField[];
  /** The CRM's own id of the record. */
  crmId: string;
  /** The record's fields under the CRM's names. */
  fields: Record<string, unknown>;
  /** When the CRM changed the record (newest-wins compares it with Fio's field changes). */
  updatedAt: string;
  now: string;
}

export interface AppliedField {
  crm: string;
  fio: string;
  rule: Integration['fields'][number]['conflict'];
}

export type CrmUpsertResult =
  { ok: true; created: boolean; contact: Contact; applied: AppliedField[]; skipped: SkippedField[] } | { ok: false; errors: FieldError[] };

/** `integration:<id>`: the source stamped on the fields and events, which the echo guard recognises. */
export function integrationSource(integrationId: string): string {
  return `integration:${integrationId}`;
}

/**
 * Upserts a CRM record, in the caller's transaction: the contact is found by the CRM's id (an `external`
 * identity `<integration>:<crmId>`), else by a verified identity for a mapped e-mail or phone, else
 * created. Each mapped field is taken or kept by its conflict rule; what is taken is stamped
 * `integration:<id>` in the field meta. Events only when something changed (`contact.updated` carries
 * the source, so the fan-out does not send it back to this CRM); segments are refreshed.
 */
export async function upsertContactFromCrm(tx: DbOrTx, segments: SegmentRefresher, input: CrmUpsertInput): Promise<CrmUpsertResult> {
  const read = readCrmFields(input.integration, input.contactFields, input.fields);
  if (!read.ok) return read;
  const repo = createContactRepository(tx, input.workspaceId);
  const source = integrationSource(input.integration.id);
  const external: IdentityClaim = { kind: 'external', value: `${input.integration.id}:${input.crmId}`, verified: true };
  // The CRM is a trusted source: its e-mail and phone are verified identities of the record.
  const trusted: IdentityClaim[] = read.incoming.flatMap((f) =>
    (f.fio === 'email' || f.fio === 'phone') && typeof f.value === 'string' ? [{ kind: f.fio, value: f.value, verified: true }] : [],
  );

  const byExternal = await repo.findIdentities([external]);
  const byTrusted = byExternal.length > 0 ? [] : (await repo.findIdentities(trusted)).filter((i) => i.verified);
  const ownerId = byExternal[0]?.contactId ?? byTrusted[0]?.contactId;
  const existing = ownerId ? await repo.getFollowingMerges(ownerId) : null;
  const contact = existing ?? (await repo.create({}, input.now));
  const created = existing === null;

  const applied: AppliedField[] = [];
  const skipped: SkippedField[] = [...read.skipped];
  const write: ContactWrite = {};
  const attributes: Record<string, unknown> = { ...contact.attributes };
  for (const field of read.incoming) {
    const decision = decideCrmField(
      field.conflict,
      readFioField(contact, field.fio),
      field.value,
      contact.fieldMeta[field.fio],
      input.updatedAt,
    );
    if (!decision.take) {
      skipped.push({ crm: field.crm, fio: field.fio, reason: decision.reason });
      continue;
    }
    applied.push({ crm: field.crm, fio: field.fio, rule: field.conflict });
    setField(write, attributes, field.fio, field.value);
  }
  const changed = applied.map((f) => f.fio);
  if (changed.length > 0) {
    if (changed.some((p) => p.startsWith('attributes.'))) write.attributes = attributes;
    write.fieldMeta = stampFieldMeta(contact.fieldMeta, changed, input.updatedAt, source);
    await repo.write(contact.id, write, input.now);
  }
  const identitiesAdded = await addTrustedIdentities(repo, contact.id, [external, ...trusted], input.now);

  const events: DomainEventInput[] = [];
  const base = { workspaceId: input.workspaceId, contactId: contact.id, occurredAt: input.now };
  if (created) events.push({ ...base, type: 'contact.created', payload: { source, externalId: input.crmId, fields: changed } });
  else if (changed.length > 0 || identitiesAdded)
    events.push({ ...base, type: 'contact.updated', payload: { source, fields: identitiesAdded ? [...changed, 'identities'] : changed } });
  if (events.length > 0) {
    await appendEvents(tx, events);
    await segments.refresh(tx, input.workspaceId, [contact.id], ['profile', 'attributes', 'tags'], input.now);
  }
  const stored = await repo.get(contact.id);
  if (!stored) throw new Error(`contact ${contact.id} vanished inside its own transaction`);
  return { ok: true, created, contact: stored, applied, skipped };
}

function setField(write: ContactWrite, attributes: Record<string, unknown>, path: string, value: unknown): void {
  if (path.startsWith('attributes.')) {
    const key = path.slice('attributes.'.length);
    if (value === null) delete attributes[key];
    else attributes[key] = value;
    return;
  }
  const text = typeof value === 'string' ? value : null;
  switch (path) {
    case 'displayName':
      write.displayName = text;
      break;
    case 'email':
      write.email = text;
      break;
    case 'phone':
      write.phone = text;
      break;
    case 'locale':
      write.locale = text;
      break;
    case 'tags':
      write.tags = Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
      break;
  }
}

/**
 * Links the CRM id and the CRM's e-mail/phone to the contact, verified, source `crm`. An identity some
 * other contact already holds stays theirs (merging people is the resolver's decision, not the sync's);
 * one the contact holds unverified becomes verified. True when the contact gained an identity.
 */
async function addTrustedIdentities(
  repo: ReturnType<typeof createContactRepository>,
  contactId: string,
  claims: IdentityClaim[],
  now: string,
): Promise<boolean> {
  const known = await repo.findIdentities(claims);
  // Two upserts of one new record both created a contact; the other one linked the record first (its
  // commit is visible now). Rolling this one back keeps its contact from staying behind unlinked, and
  // the retry finds the record's contact.
  const [external] = claims;
  const holder = known.find((k) => k.kind === external?.kind && k.value === external.value);
  if (holder && holder.contactId !== contactId) throw new RecordLinkedConcurrently(external?.value ?? '');
  const missing = claims.filter((c) => !known.some((k) => k.kind === c.kind && k.value === c.value));
  for (const k of known) if (k.contactId === contactId && !k.verified) await repo.setIdentityVerified(k);
  await repo.addIdentities(contactId, missing, now, 'crm');
  return missing.length > 0;
}

/** A retryable conflict (the code of PostgreSQL's serialization failure), so the route runs the upsert again. */
class RecordLinkedConcurrently extends Error {
  override readonly name = 'RecordLinkedConcurrently';
  readonly code = '40001';
  constructor(externalId: string) {
    super(`CRM record ${externalId} was linked to another contact by a concurrent upsert`);
  }
}
