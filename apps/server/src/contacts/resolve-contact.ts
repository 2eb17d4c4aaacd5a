import type { IdentityClaim } from '@fio/contracts';
import type { DomainEventInput } from '../events/event-log.ts';
import type { DbOrTx } from '../storage/index.ts';
import {
  createContactRepository,
  type Contact,
  type ContactProfile,
  type ContactRepository,
  type IdentityRow,
} from './contact.repository.ts';
import { isRawIdentity, normalizeOrKeepRaw } from './normalize-identity.ts';
import { MergeError, type MergeDeps } from './merge/merge-deps.ts';
import { mergeContacts } from './merge/merge-contacts.ts';
import { recordMergeSuggestion } from './merge/record-merge-suggestion.ts';

export interface ResolveContactInput {
  workspaceId: string;
  /** The sender's own channel address first, then what else the channel knows (verified or not). */
  claims: IdentityClaim[];
  profile: ContactProfile;
  now: string;
}

export interface ResolvedContact {
  contact: Contact;
  created: boolean;
  /** Merges this message proved (a verified shared identity held by two contacts). */
  mergeIds: string[];
  /** Not yet appended: the caller appends them in its transaction. */
  events: DomainEventInput[];
}

/** Identities that join people across channels; a match on one of these wins over a channel-scoped match. */
const sharedKinds = new Set<IdentityClaim['kind']>(['email', 'phone', 'external']);

/**
 * Finds the contact a message belongs to, or creates it, in the caller's transaction.
 * - Claims are normalised (E.164 phones with the Brazilian 9th digit, case-folded e-mails); one that
 *   does not normalise is kept as an unverified `raw:` identity, which only ever matches itself as
 *   the sender's own address (a short-code SMS sender stays one contact) and never joins anyone.
 * - The sender's channel address always matches; other claims only when verified (a typed, unproven
 *   e-mail must never open someone else's history).
 * - When verified shared claims (phone, e-mail, CRM id) and the channel address point at different
 *   contacts, that is one person, proven: they are MERGED into the oldest (`rule:verified_<kind>`),
 *   reversibly. An unverified claim someone else holds only makes a merge suggestion.
 */
export async function resolveContact(tx: DbOrTx, deps: MergeDeps, input: ResolveContactInput): Promise<ResolvedContact> {
  try {
    return await resolveOnce(tx, deps, input);
  } catch (err) {
    // A racing message merged one of these contacts first (and committed): look again, once.
    if (err instanceof MergeError && err.code === 'contact_already_merged') return resolveOnce(tx, deps, input);
    throw err;
  }
}

async function resolveOnce(tx: DbOrTx, deps: MergeDeps, input: ResolveContactInput): Promise<ResolvedContact> {
  const { workspaceId, now } = input;
  const repo = createContactRepository(tx, workspaceId);
  const claims = dedupeClaims(input.claims.map(normalizeOrKeepRaw).filter((c): c is IdentityClaim => c !== null));
  const [channelClaim] = claims;
  const matchable = claims.filter((c, i) => i === 0 || (c.verified && !isRawIdentity(c)));
  const found = await repo.findIdentities(matchable);
  const events: DomainEventInput[] = [];
  const fullProfile = { ...input.profile, ...profileFromClaims(claims) };

  const channelMatch = channelClaim ? found.find((f) => sameClaim(f, channelClaim)) : undefined;
  const proofs = provenOwners(found, matchable, channelMatch);
  const mergeIds: string[] = [];
  let ownerId: string | undefined;
  let owner: Contact | null = null;
  if (proofs.size > 1) {
    const merged = await mergeProvenOwners(tx, deps, repo, workspaceId, proofs, now);
    ownerId = merged.survivorId;
    mergeIds.push(...merged.mergeIds);
    events.push(...merged.events);
  } else {
    // Identities move with a merge, so they never point at a tombstone; following merges is cheap insurance.
    const candidate = [...proofs.keys()][0] ?? channelMatch?.contactId ?? found[0]?.contactId;
    owner = candidate ? await repo.getFollowingMerges(candidate) : null;
    ownerId = owner?.id;
  }

  if (!ownerId) {
    const contact = await repo.create(fullProfile, now);
    const held = await repo.findIdentities(claims.filter((c, i) => i > 0 && !c.verified));
    // Matchable claims are always inserted: if one is taken now, a racing ingest won, and the unique index says so.
    await repo.addIdentities(
      contact.id,
      claims.filter((c) => !held.some((h) => sameClaim(h, c))),
      now,
      'channel',
    );
    events.push(
      { workspaceId, type: 'contact.created', contactId: contact.id, payload: { identities: claims.map(describeClaim) }, occurredAt: now },
      ...(await suggestForHeldClaims(tx, workspaceId, contact.id, held, now)),
    );
    await deps.segments.refresh(tx, workspaceId, [contact.id], ['profile'], now);
    return { contact, created: true, mergeIds, events };
  }

  // When every claim was matchable and nothing merged, the first lookup already saw all of them.
  const known = matchable.length === claims.length && mergeIds.length === 0 ? found : await repo.findIdentities(claims);
  const missing = claims.filter((c) => !known.some((k) => sameClaim(k, c)));
  await repo.addIdentities(ownerId, missing, now, 'channel');
  for (const m of missing)
    events.push({
      workspaceId,
      type: 'contact.identity_added',
      contactId: ownerId,
      payload: { identity: describeClaim(m) },
      occurredAt: now,
    });
  // A claim now verified that the contact held unverified (typed earlier) becomes verified.
  for (const k of known)
    if (k.contactId === ownerId && !k.verified && claims.some((c) => c.verified && sameClaim(k, c))) await repo.setIdentityVerified(k);
  const heldElsewhere = known.filter((k) => k.contactId !== ownerId && sharedKinds.has(k.kind) && !isRawIdentity(k));
  events.push(...(await suggestForHeldClaims(tx, workspaceId, ownerId, heldElsewhere, now)));

  const contact = owner ?? (await repo.get(ownerId));
  if (!contact) throw new Error(`identity points at missing contact ${ownerId}`);
  await repo.fillProfile(contact, fullProfile, now);
  if (missing.length > 0 && mergeIds.length === 0) await deps.segments.refresh(tx, workspaceId, [ownerId], ['profile'], now);
  return { contact, created: false, mergeIds, events };
}

/**
 * The contacts this message proves to be its sender, each with the kind of the proof: every holder
 * of a verified shared claim, and the holder of the channel address once any such claim exists.
 */
function provenOwners(found: IdentityRow[], matchable: IdentityClaim[], channelMatch: IdentityRow | undefined): Map<string, string> {
  const proofs = new Map<string, string>();
  for (const f of found) {
    const claim = matchable.find((c) => sameClaim(f, c));
    if (claim?.verified && sharedKinds.has(claim.kind) && !proofs.has(f.contactId)) proofs.set(f.contactId, claim.kind);
  }
  const firstProof = [...proofs.values()][0];
  if (firstProof && channelMatch && !proofs.has(channelMatch.contactId)) proofs.set(channelMatch.contactId, firstProof);
  return proofs;
}

async function mergeProvenOwners(
  tx: DbOrTx,
  deps: MergeDeps,
  repo: ContactRepository,
  workspaceId: string,
  proofs: Map<string, string>,
  now: string,
) {
  const live = new Map<string, Contact>();
  for (const id of proofs.keys()) {
    const contact = await repo.getFollowingMerges(id);
    if (contact) live.set(contact.id, contact);
  }
  const [survivor, ...others] = [...live.values()].sort((a, b) =>
    a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id) ? -1 : 1,
  );
  if (!survivor) throw new Error('proven identities point at missing contacts');
  const mergeIds: string[] = [];
  const events: DomainEventInput[] = [];
  for (const other of others) {
    const kind = proofs.get(other.id) ?? [...proofs.values()][0] ?? 'identity';
    const outcome = await mergeContacts(tx, deps, {
      workspaceId,
      survivorId: survivor.id,
      mergedId: other.id,
      actor: `rule:verified_${kind}`,
      reason: `one message carried a verified ${kind} of both contacts`,
      evidence: { proofs: Object.fromEntries(proofs) },
      now,
    });
    mergeIds.push(outcome.mergeId);
    events.push(...outcome.events);
  }
  return { survivorId: survivor.id, mergeIds, events };
}

/** An unverified e-mail/phone the sender named that another contact holds: weak evidence, a suggestion. */
async function suggestForHeldClaims(tx: DbOrTx, workspaceId: string, contactId: string, held: IdentityRow[], now: string) {
  const events: DomainEventInput[] = [];
  for (const h of held) {
    if (h.contactId === contactId || (h.kind !== 'email' && h.kind !== 'phone')) continue;
    const recorded = await recordMergeSuggestion(tx, {
      workspaceId,
      contactId,
      candidateId: h.contactId,
      reasons: [{ kind: h.kind === 'email' ? 'shared_email' : 'shared_phone', detail: h.value }],
      now,
    });
    if (recorded) events.push(...recorded.events);
  }
  return events;
}

function sameClaim(a: Pick<IdentityClaim, 'kind' | 'value'>, b: Pick<IdentityClaim, 'kind' | 'value'>): boolean {
  return a.kind === b.kind && a.value === b.value;
}

function dedupeClaims(claims: IdentityClaim[]): IdentityClaim[] {
  const seen = new Set<string>();
  return claims.filter((c) => {
    const key = `${c.kind}\u0000${c.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function profileFromClaims(claims: IdentityClaim[]): ContactProfile {
  const email = claims.find((c) => c.kind === 'email' && c.verified && !isRawIdentity(c))?.value;
  const phone = claims.find((c) => c.kind === 'phone' && c.verified && !isRawIdentity(c))?.value;
  return { ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
}

function describeClaim(c: IdentityClaim) {
  return { kind: c.kind, value: c.value, verified: c.verified };
}
