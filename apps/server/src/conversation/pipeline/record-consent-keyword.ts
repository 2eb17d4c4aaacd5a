import { consentConfirmationText, createConsentRepository, type ConsentKeyword } from '../../compliance/index.ts';
import type { Contact } from '../../contacts/index.ts';
import type { ConnectionRuntime } from '../../channels/connection-registry.ts';
import { appendEvents } from '../../events/event-log.ts';
import { enqueueJobs } from '../../jobs/job-queue.ts';
import type { DbOrTx } from '../../storage/index.ts';
import { createConversationRepository, type ReplyRoute } from '../conversation.repository.ts';
import { createMessageRepository, type Message } from '../message.repository.ts';

/**
 * A customer's STOP (or START) on a channel that honours keywords: the consent ledger records it with
 * the message as evidence, and the customer gets one confirmation — a system message that goes out even
 * though consent was just withdrawn, because the law and the carriers expect exactly that one.
 */
export async function recordConsentKeyword(
  tx: DbOrTx,
  input: {
    workspaceId: string;
    connection: ConnectionRuntime;
    conversationId: string;
    contact: Contact;
    keyword: ConsentKeyword;
    messageId: string;
    route: ReplyRoute;
  },
  now: string,
): Promise<Message[]> {
  const { workspaceId, connection, conversationId, contact, keyword, messageId, route } = input;
  const status = keyword === 'withdraw' ? 'withdrawn' : 'granted';
  const consents = createConsentRepository(tx, workspaceId);
  const previous = await consents.current(contact.id, connection.type);
  await consents.record(
    { contactId: contact.id, channelType: connection.type, purpose: 'messaging', status, source: 'keyword', evidenceMessageId: messageId },
    now,
  );
  const seq = await createConversationRepository(tx, workspaceId).nextSeq(conversationId, now, null);
  const confirmation = await createMessageRepository(tx, workspaceId).append(
    {
      conversationId,
      seq,
      direction: 'outbound',
      author: 'system',
      connectionId: connection.id,
      channelType: connection.type,
      content: { kind: 'text', text: consentConfirmationText(keyword, contact.locale) },
      providerMessageId: null,
      replyToMessageId: messageId,
      status: 'pending',
    },
    now,
  );
  await enqueueJobs(
    tx,
    [{ workspaceId, queue: 'delivery', conversationId, payload: { messageId: confirmation.id, address: route.address } }],
    now,
  );
  await appendEvents(tx, [
    {
      workspaceId,
      type: 'consent.changed',
      conversationId,
      contactId: contact.id,
      payload: {
        channelType: connection.type,
        purpose: 'messaging',
        status,
        previous: previous?.status ?? null,
        source: 'keyword',
        evidenceMessageId: messageId,
      },
      occurredAt: now,
    },
  ]);
  return [confirmation];
}
