import type { DomainEventInput } from '../../events/event-log.ts';
import type { DbOrTx } from '../../storage/index.ts';
import type { MergeDeps } from './merge-deps.ts';
import { foldText } from './fold-text.ts';
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
    .select(['id', 'display_name', 'email', 'phone', 'attributes_json', 'merged_into'])
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

function cityOf(attributesJson: string): string | null {
  const city = (JSON.parse(attributesJson) as Record<string, unknown>)['city'];
  return typeof city === 'string' && foldText(city) ? city : null;
}

/**
 * Names are compared folded, which SQL cannot do portably: the scan reads the live contacts that have
 * a city at all and compares in code. Runs on profile changes, not on every message.
 */
async function findSameNameAndCity(
  tx: DbOrTx,
  workspaceId: string,
  contact: { id: string; display_name: string | null; attributes_json: string },
): Promise<Array<{ id: string; name: string; city: string }>> {
  const city = cityOf(contact.attributes_json);
  const name = contact.display_name ? foldText(contact.display_name) : '';
  if (!city || !name) return [];
  const rows = await tx
    .selectFrom('contacts')
    .select(['id', 'display_name', 'attributes_json'])
    .where('workspace_id', '=', workspaceId)
    .where('merged_into', 'is', null)
    .where('id', '<>', contact.id)
    .where('display_name', 'is not', null)
    .where('attributes_json', 'like', '%"city"%')
    .execute();
  return rows
    .filter((r) => r.display_name && foldText(r.display_name) === name && foldText(cityOf(r.attributes_json) ?? '') === foldText(city))
    .map((r) => ({ id: r.id, name: r.display_name ?? '', city }));
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
