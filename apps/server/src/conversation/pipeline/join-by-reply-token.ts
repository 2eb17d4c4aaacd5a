import type { InboundMessageEvent } from '@fio/contracts';
import { createContactRepository, normalizeIdentity } from '../../contacts/index.ts';
import type { DomainEventInput } from '../../events/event-log.ts';
import type { DbOrTx } from '../../storage/index.ts';
import { createConversationRepository } from '../conversation.repository.ts';
import { conversationIdFromToken } from '../conversation-token.ts';

/**
 * A reply sent to a conversation's reply address (`support+TOKEN@...`) from an address Fio does not know
 * yet (the customer answered from their work mail) belongs to that conversation's contact: the new
 * address joins the contact, unverified. A known address keeps its own contact: merging two known
 * people on a token alone is a decision for a person, not for the pipeline.
 */
export async function joinByReplyToken(
  tx: DbOrTx,
  key: Buffer,
  workspaceId: string,
  event: InboundMessageEvent,
  now: string,
): Promise<DomainEventInput[]> {
  const token = event.thread?.conversationToken;
  if (!token) return [];
  const conversationId = conversationIdFromToken(key, token);
  if (!conversationId) return [];
  const conversation = await createConversationRepository(tx, workspaceId).get(conversationId);
  if (!conversation) return [];

  const contacts = createContactRepository(tx, workspaceId);
  const claims = event.sender.identities.map(normalizeIdentity).filter((c) => c !== null);
  const [channelClaim] = claims;
  if (!channelClaim) return [];
  if ((await contacts.findIdentities([channelClaim])).length > 0) return [];
  const claim = { ...channelClaim, verified: false };
  await contacts.addIdentities(conversation.contactId, [claim], now);
  return [
    {
      workspaceId,
      type: 'contact.identity_added',
      contactId: conversation.contactId,
      conversationId,
      payload: { identity: { kind: claim.kind, value: claim.value, verified: false }, reason: 'reply_address_token' },
      occurredAt: now,
    },
  ];
}
