import type { InboundStatusEvent } from '@fio/contracts';
import { appendEvents } from '../events/event-log.ts';
import { createMessageRepository } from '../conversation/message.repository.ts';
import type { ConnectionRuntime } from '../channels/connection-registry.ts';
import type { Transact } from '../storage/index.ts';

/** A provider's delivery receipt: moves the message's status forward only; stale or repeated receipts are ignored. */
export async function applyStatusEvent(
  transact: Transact,
  connection: ConnectionRuntime,
  event: InboundStatusEvent,
  now: string,
): Promise<boolean> {
  return transact(async (tx) => {
    const messages = createMessageRepository(tx, connection.workspaceId);
    const message = await messages.findByProviderId(connection.id, event.providerMessageId);
    if (!message) return false;
    const moved = await messages.advanceStatus(message.id, event.status, now, event.error ? { error: event.error } : {});
    if (moved) {
      await appendEvents(tx, [
        {
          workspaceId: connection.workspaceId,
          type: event.status === 'failed' ? 'message.failed' : 'message.status_changed',
          conversationId: message.conversationId,
          payload: { messageId: message.id, status: event.status, ...(event.error ? { error: event.error } : {}) },
          occurredAt: now,
        },
      ]);
    }
    return moved;
  });
}
