import type { IdentityClaim } from '@fio/contracts';
import type { DomainEventInput } from '../../events/event-log.ts';
import type { DbOrTx } from '../../storage/index.ts';
import { createContactRepository } from '../contact.repository.ts';
import { normalizeIdentity } from '../normalize-identity.ts';
import type { MergeDeps } from './merge-deps.ts';
import { recordMergeSuggestion, type SuggestionReason } from './record-merge-suggestion.ts';

export interface NoteTypedIdentityInput {
  workspaceId: string;
  contactId: string;
  claim: Pick<IdentityClaim, 'kind' | 'value'> & { verified?: boolean };
  source: 'chat' | 'api' | 'import';
  now: string;
}

export interface NotedIdentity {
  /** added: now an unverified identity of the contact; suggested: another contact holds it. */
  outcome: 'added' | 'already_held' | 'suggested' | 'not_suggested' | 'invalid';
  suggestionId?: string;
  /** Not yet appended: the caller appends them. */
  events: DomainEventInput[];
}

/**
 * An e-mail or phone the customer typed (chat, a form, an import) proves nothing: it becomes an
 * UNVERIFIED identity of the contact when nobody holds it, and a merge suggestion when someone does
 * (an agent or a one-time code decides). Never merges. A value that does not normalise is 'invalid'.
 */
export async function noteTypedIdentity(tx: DbOrTx, _deps: MergeDeps, input: NoteTypedIdentityInput): Promise<NotedIdentity> {
  const { workspaceId, contactId, now } = input;
  const claim = normalizeIdentity({ kind: input.claim.kind, value: input.claim.value, verified: false });
  if (!claim) return { outcome: 'invalid', events: [] };
  const holder = await tx
    .selectFrom('identities')
    .select('contact_id')
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', claim.kind)
    .where('value', '=', claim.value)
    .executeTakeFirst();
  if (holder?.contact_id === contactId) return { outcome: 'already_held', events: [] };
  if (!holder) {
    await createContactRepository(tx, workspaceId).addIdentities(contactId, [claim], now, input.source);
    return {
      outcome: 'added',
      events: [
        {
          workspaceId,
          type: 'contact.identity_added',
          contactId,
          payload: { identity: { kind: claim.kind, value: claim.value, verified: false }, source: input.source },
          occurredAt: now,
        },
      ],
    };
  }
  const kind: SuggestionReason['kind'] = claim.kind === 'email' ? 'typed_email' : claim.kind === 'phone' ? 'typed_phone' : 'typed_identity';
  const recorded = await recordMergeSuggestion(tx, {
    workspaceId,
    contactId,
    candidateId: holder.contact_id,
    reasons: [{ kind, detail: `${claim.value} (${input.source})` }],
    now,
  });
  return recorded
    ? { outcome: 'suggested', suggestionId: recorded.suggestionId, events: recorded.events }
    : { outcome: 'not_suggested', events: [] };
}
