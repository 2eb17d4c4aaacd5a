import { appendEvents } from '../events/event-log.ts';
import type { Dialect, DbOrTx } from '../storage/index.ts';
import { isSnoozed, lockHeldConversation } from './held-conversation.ts';
import { requestRouting } from './request-routing.ts';
import type { SlaService } from './sla/index.ts';

/**
 * A customer's message on a conversation people hold (queued or assigned), in the inbound
 * transaction: they wait from their first unanswered message, a snooze ends (until-reply or timed:
 * the customer is back), and the SLA clocks that wait on the customer run again. Null when the bot
 * or nobody holds it. The assignee sees the message live through 'message.stored' as everyone does.
 */
export async function noteCustomerMessage(
  tx: DbOrTx,
  deps: { dialect: Dialect; sla: SlaService },
  input: { workspaceId: string; conversationId: string; at: Date },
): Promise<{ contactId: string; woke: boolean } | null> {
  const held = await lockHeldConversation(tx, deps.dialect, input.workspaceId, input.conversationId);
  if (!held || (held.status !== 'queued' && held.status !== 'assigned')) return null;
  const atIso = input.at.toISOString();
  const woke = isSnoozed(held);
  if (held.waitingSince === null || woke)
    await tx
      .updateTable('conversations')
      .set({
        ...(held.waitingSince === null ? { waiting_since: atIso } : {}),
        ...(woke ? { snoozed_until: null, snoozed_for_reply: 0 } : {}),
      })
      .where('workspace_id', '=', input.workspaceId)
      .where('id', '=', held.id)
      .execute();
  if (woke) {
    await appendEvents(tx, [
      {
        workspaceId: input.workspaceId,
        type: 'conversation.unsnoozed',
        conversationId: held.id,
        contactId: held.contactId,
        payload: { reason: 'customer_replied', snoozedUntil: held.snoozedUntil, forReply: held.snoozedForReply },
        occurredAt: atIso,
      },
    ]);
    await deps.sla.onUnsnoozed(tx, { workspaceId: input.workspaceId, conversationId: held.id, at: input.at });
    if (held.status === 'queued') await requestRouting(tx, input.workspaceId, atIso);
  }
  await deps.sla.onCustomerMessage(tx, { workspaceId: input.workspaceId, conversationId: held.id, at: input.at });
  return { contactId: held.contactId, woke };
}
