import { deliveryStatusRank, type InboundStatusEvent } from '@fio/contracts';
import { appendEvents } from '../events/event-log.ts';
import { createMessageRepository, type Message } from '../conversation/message.repository.ts';
import { createConversationRepository } from '../conversation/conversation.repository.ts';
import { createConsentRepository } from '../compliance/index.ts';
import type { ConnectionRuntime } from '../channels/connection-registry.ts';
import type { DbOrTx, Transact } from '../storage/index.ts';

/** How long a receipt for a provider id Fio has not recorded yet is kept waiting for it. */
const earlyReceiptTtlMs = 24 * 3_600_000;

/**
 * A provider's delivery receipt: moves the message's status forward only; stale or repeated receipts
 * are ignored. A receipt that arrives before Fio has recorded the provider's id for the message (the
 * provider answered the send and posted `sent` at once) is kept and applied when the id is recorded.
 */
export async function applyStatusEvent(
  transact: Transact,
  connection: ConnectionRuntime,
  event: InboundStatusEvent,
  now: string,
): Promise<boolean> {
  return transact(async (tx) => {
    const messages = createMessageRepository(tx, connection.workspaceId);
    const message = await messages.findByProviderId(connection.id, event.providerMessageId);
    if (!message) {
      await keepEarlyReceipt(tx, connection, event, now);
      return false;
    }
    const moved = await advance(tx, message, event.status, event.error, now);
    if (event.recipientOptedOut) await recordProviderOptOut(tx, connection, message, now);
    return moved;
  });
}

/** The provider already holds the customer's opt-out: the consent ledger records it once, as the provider's. */
async function recordProviderOptOut(tx: DbOrTx, connection: ConnectionRuntime, message: Message, now: string): Promise<void> {
  const conversation = await createConversationRepository(tx, connection.workspaceId).get(message.conversationId);
  if (!conversation) return;
  const consents = createConsentRepository(tx, connection.workspaceId);
  const current = await consents.current(conversation.contactId, connection.type);
  if (current?.status === 'withdrawn') return;
  await consents.record(
    {
      contactId: conversation.contactId,
      channelType: connection.type,
      purpose: 'messaging',
      status: 'withdrawn',
      source: 'provider',
      evidenceMessageId: message.id,
    },
    now,
  );
  await appendEvents(tx, [
    {
      workspaceId: connection.workspaceId,
      type: 'consent.changed',
      conversationId: conversation.id,
      contactId: conversation.contactId,
      payload: {
        channelType: connection.type,
        purpose: 'messaging',
        status: 'withdrawn',
        previous: current?.status ?? null,
        source: 'provider',
        evidenceMessageId: message.id,
      },
      occurredAt: now,
    },
  ]);
}

/** Applies the receipts that arrived before `providerMessageId` was recorded for `message` (in the recording transaction). */
export async function applyEarlyReceipts(tx: DbOrTx, message: Message, connectionId: string, providerMessageId: string, now: string) {
  const early = await tx
    .selectFrom('early_status_receipts')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('provider_message_id', '=', providerMessageId)
    .execute();
  if (early.length === 0) return;
  early.sort((a, b) => rankOf(a.status) - rankOf(b.status));
  for (const receipt of early) {
    const status = receipt.status as InboundStatusEvent['status'];
    const error = receipt.error_json ? (JSON.parse(receipt.error_json) as InboundStatusEvent['error']) : undefined;
    await advance(tx, message, status, error, now);
  }
  await tx
    .deleteFrom('early_status_receipts')
    .where('connection_id', '=', connectionId)
    .where('provider_message_id', '=', providerMessageId)
    .execute();
}

async function advance(
  tx: DbOrTx,
  message: Message,
  status: InboundStatusEvent['status'],
  error: InboundStatusEvent['error'],
  now: string,
): Promise<boolean> {
  const moved = await createMessageRepository(tx, message.workspaceId).advanceStatus(message.id, status, now, error ? { error } : {});
  if (moved) {
    await appendEvents(tx, [
      {
        workspaceId: message.workspaceId,
        type: status === 'failed' ? 'message.failed' : 'message.status_changed',
        conversationId: message.conversationId,
        payload: { messageId: message.id, status, ...(error ? { error } : {}) },
        occurredAt: now,
      },
    ]);
  }
  return moved;
}

async function keepEarlyReceipt(tx: DbOrTx, connection: ConnectionRuntime, event: InboundStatusEvent, now: string): Promise<void> {
  await tx
    .insertInto('early_status_receipts')
    .values({
      workspace_id: connection.workspaceId,
      connection_id: connection.id,
      provider_message_id: event.providerMessageId,
      status: event.status,
      error_json: event.error ? JSON.stringify(event.error) : null,
      received_at: now,
    })
    .onConflict((oc) => oc.columns(['connection_id', 'provider_message_id', 'status']).doNothing())
    .execute();
  // Receipts for messages that are not ours (sent from the provider's own console) never find theirs.
  const cutoff = new Date(Date.parse(now) - earlyReceiptTtlMs).toISOString();
  await tx.deleteFrom('early_status_receipts').where('received_at', '<', cutoff).execute();
}

function rankOf(status: string): number {
  return status in deliveryStatusRank ? deliveryStatusRank[status as keyof typeof deliveryStatusRank] : 0;
}
