import type { IdentityClaim } from '@fio/contracts';
import type { DomainEventInput } from '../events/event-log.ts';
import type { Contact, ContactProfile, ContactRepository } from './contact.repository.ts';
import { normalizeIdentity } from './normalize-identity.ts';

export interface ResolvedContact {
  contact: Contact;
  created: boolean;
  events: DomainEventInput[];
}

/** Identities that join people across channels; a match on one of these wins over a channel-scoped match. */
const sharedKinds = new Set<IdentityClaim['kind']>(['email', 'phone', 'external']);

/**
 * Finds the contact a message belongs to, or creates it. The sender's own channel address (the first
 * claim) always matches; other claims match only when verified (a typed, unproven e-mail must never
 * open someone else's history). A verified shared identity (e-mail, phone, CRM id) wins: an anonymous
 * visitor who logs in is recognised as the known customer and their channel address moves over.
 */
export async function resolveContact(
  repo: ContactRepository,
  workspaceId: string,
  rawClaims: IdentityClaim[],
  profile: ContactProfile,
  now: string,
): Promise<ResolvedContact> {
  const claims = dedupeClaims(rawClaims.map(normalizeIdentity).filter((c): c is IdentityClaim => c !== null));
  const [channelClaim] = claims;
  if (!channelClaim) throw new Error('resolveContact needs at least one identity claim');
  const matchable = claims.filter((c, i) => i === 0 || c.verified);
  const found = await repo.findIdentities(matchable);
  const events: DomainEventInput[] = [];

  const sharedMatch = found.find((f) => sharedKinds.has(f.kind));
  const channelMatch = found.find((f) => f.kind === channelClaim.kind && f.value === channelClaim.value);
  const ownerId = sharedMatch?.contactId ?? channelMatch?.contactId ?? found[0]?.contactId;

  const fullProfile = { ...profile, ...profileFromClaims(claims) };
  if (!ownerId) {
    const contact = await repo.create(fullProfile, now);
    // An unverified claim may name an identity someone else already holds: it stays theirs. (Matchable
    // claims are always inserted: if one is taken now, a racing ingest won, and the unique index says so.)
    const taken = await repo.findIdentities(claims.filter((c, i) => i > 0 && !c.verified));
    await repo.addIdentities(
      contact.id,
      claims.filter((c) => !taken.some((k) => k.kind === c.kind && k.value === c.value)),
      now,
    );
    events.push({
      workspaceId,
      type: 'contact.created',
      contactId: contact.id,
      payload: { identities: claims.map(describeClaim) },
      occurredAt: now,
    });
    return { contact, created: true, events };
  }

  const contact = await repo.get(ownerId);
  if (!contact) throw new Error(`identity points at missing contact ${ownerId}`);
  if (channelMatch && channelMatch.contactId !== ownerId) {
    // The channel address belonged to another (anonymous) contact: it now joins the recognised one.
    await repo.moveIdentity(channelClaim, ownerId);
    events.push({
      workspaceId,
      type: 'contact.identity_added',
      contactId: ownerId,
      payload: { identity: describeClaim(channelClaim), movedFrom: channelMatch.contactId },
      occurredAt: now,
    });
  }
  // When every claim was matchable, the first lookup already saw all of them.
  const known = matchable.length === claims.length ? found : await repo.findIdentities(claims);
  const missing = claims.filter((c) => !known.some((k) => k.kind === c.kind && k.value === c.value));
  if (missing.length > 0) {
    await repo.addIdentities(ownerId, missing, now);
    for (const m of missing)
      events.push({
        workspaceId,
        type: 'contact.identity_added',
        contactId: ownerId,
        payload: { identity: describeClaim(m) },
        occurredAt: now,
      });
  }
  await repo.fillProfile(contact, fullProfile, now);
  return { contact, created: false, events };
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
  const email = claims.find((c) => c.kind === 'email' && c.verified)?.value;
  const phone = claims.find((c) => c.kind === 'phone' && c.verified)?.value;
  return { ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
}

function describeClaim(c: IdentityClaim) {
  return { kind: c.kind, value: c.value, verified: c.verified };
}
