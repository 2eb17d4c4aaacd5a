import type { Expression } from 'kysely';
import type { DomainEventInput } from '../../events/event-log.ts';
import type { DbOrTx } from '../../storage/index.ts';
import type { MergeDeps } from './merge-deps.ts';
import { recordMergeSuggestion, type SuggestionReason } from './record-merge-suggestion.ts';

export interface SuggestMergesInput {
  workspaceId: string;
  contactId: string;
  now: string;
}

/**
 * Looks for people this contact may also be, on weak evidence, and records suggestions for an agent
 * (never merges): the same name and city (accents and case folded), or an e-mail/phone on its profile
 * that another contact holds as an identity. Call it after a profile changes (PATCH, import, CRM).
 * Returns the suggestions' ids and the events (not yet appended: the caller appends them).
 */
export async function suggestMergesFor(
  tx: DbOrTx,
  _deps: MergeDeps,
  input: SuggestMergesInput,
): Promise<{ suggestionIds: string[]; events: DomainEventInput[] }> {
  const { workspaceId, contactId, now } = input;
  const contact = await tx
    .selectFrom('contacts')
    .select(['id', 'display_name', 'email', 'phone', 'attributes_json', 'merged_into', 'match_key'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', contactId)
    .executeTakeFirst();
  if (!contact || contact.merged_into) return { suggestionIds: [], events: [] };

  const byCandidate = new Map<string, SuggestionReason[]>();
  const add = (candidateId: string, reason: SuggestionReason) =>
    byCandidate.set(candidateId, [...(byCandidate.get(candidateId) ?? []), reason]);
  for (const candidate of await findSameNameAndCity(tx, workspaceId, contact))
    add(candidate.id, { kind: 'name_city', detail: `${candidate.name}, ${candidate.city}` });
  for (const held of await findProfileIdentitiesHeldElsewhere(tx, workspaceId, contact))
    add(held.contactId, { kind: held.kind === 'email' ? 'shared_email' : 'shared_phone', detail: held.value });

  const suggestionIds: string[] = [];
  const events: DomainEventInput[] = [];
  for (const [candidateId, reasons] of byCandidate) {
    const recorded = await recordMergeSuggestion(tx, { workspaceId, contactId, candidateId, reasons, now });
    if (!recorded) continue;
    suggestionIds.push(recorded.suggestionId);
    events.push(...recorded.events);
  }
  return { suggestionIds, events };
}

/** Name-and-city candidates considered per change: a common name in a big city must not flood the agents' list. */
const nameCityCandidateLimit = 20;

/**
 * Live contacts with the same folded name and city: an equality on `match_key` (the index
 * contacts_ws_match_key), the oldest first, at most nameCityCandidateLimit. Pairs an agent rejected
 * are left out here, before the limit, so they cannot crowd out candidates never looked at.
 */
async function findSameNameAndCity(
  tx: DbOrTx,
  workspaceId: string,
  contact: { id: string; attributes_json: string; match_key?: string | null | undefined },
): Promise<Array<{ id: string; name: string; city: string }>> {
  const city = (JSON.parse(contact.attributes_json) as Record<string, unknown>)['city'];
  if (!contact.match_key || typeof city !== 'string') return [];
  const rows = await tx
    .selectFrom('contacts as c')
    .select(['c.id', 'c.display_name'])
    .where('c.workspace_id', '=', workspaceId)
    .where('c.match_key', '=', contact.match_key)
    .where('c.id', '<>', contact.id)
    .where('c.merged_into', 'is', null)
    .where((eb) => {
      const rejectedPair = (contactId: string | Expression<string>, candidateId: string | Expression<string>) =>
        eb
          .selectFrom('merge_suggestions as ms')
          .select('ms.id')
          .where('ms.workspace_id', '=', workspaceId)
          .where('ms.contact_id', '=', contactId)
          .where('ms.candidate_id', '=', candidateId)
          .where('ms.status', '=', 'rejected');
      return eb.and([
        eb.not(eb.exists(rejectedPair(contact.id, eb.ref('c.id')))),
        eb.not(eb.exists(rejectedPair(eb.ref('c.id'), contact.id))),
      ]);
    })
    .orderBy('c.id')
    .limit(nameCityCandidateLimit)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name ?? '', city }));
}

async function findProfileIdentitiesHeldElsewhere(
  tx: DbOrTx,
  workspaceId: string,
  contact: { id: string; email: string | null; phone: string | null },
): Promise<Array<{ contactId: string; kind: string; value: string }>> {
  const claims = [
    ...(contact.email ? [{ kind: 'email', value: contact.email }] : []),
    ...(contact.phone ? [{ kind: 'phone', value: contact.phone }] : []),
  ];
  if (claims.length === 0) return [];
  const rows = await tx
    .selectFrom('identities')
    .select(['contact_id', 'kind', 'value'])
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '<>', contact.id)
    .where((eb) => eb.or(claims.map((c) => eb.and([eb('kind', '=', c.kind), eb('value', '=', c.value)]))))
    .execute();
  return rows.map((r) => ({ contactId: r.contact_id, kind: r.kind, value: r.value }));
}
