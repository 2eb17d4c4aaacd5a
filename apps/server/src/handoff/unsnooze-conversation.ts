import { appendEvents } from '../events/event-log.ts';
import type { DbOrTx } from '../storage/index.ts';
import { cancelSnoozeTimers, runConversationAction, type ActionEffects, type ActionResult } from './conversation-action.ts';
import type { HandoffDeps } from './handoff-deps.ts';
import type { HeldConversation } from './held-conversation.ts';
import { isSnoozed } from './held-conversation.ts';
import { requestRouting } from './request-routing.ts';

/** Brings a snoozed conversation back to the working views now (a person's choice); not snoozed: nothing to do. */
export async function unsnoozeConversation(
  deps: HandoffDeps,
  input: { workspaceId: string; conversationId: string; by: string },
): Promise<ActionResult> {
  return runConversationAction(deps, input.workspaceId, input.conversationId, (tx, held, now) =>
    wakeConversation(tx, deps, held, now, { reason: 'manual', by: input.by }),
  );
}

/**
 * Ends a snooze in the caller's transaction: the columns cleared, pending wake-ups dropped, the SLA
 * clocks running again, and a routing pass when it waits in the queue.
 */
export async function wakeConversation(
  tx: DbOrTx,
  deps: Pick<HandoffDeps, 'sla'>,
  held: HeldConversation,
  now: Date,
  why: { reason: 'manual' | 'time'; by: string },
): Promise<ActionEffects> {
  if (!isSnoozed(held)) return {};
  const nowIso = now.toISOString();
  await tx
    .updateTable('conversations')
    .set({ snoozed_until: null, snoozed_for_reply: 0, updated_at: nowIso })
    .where('workspace_id', '=', held.workspaceId)
    .where('id', '=', held.id)
    .execute();
  if (why.reason === 'manual') await cancelSnoozeTimers(tx, held.workspaceId, held.id);
  await appendEvents(tx, [
    {
      workspaceId: held.workspaceId,
      type: 'conversation.unsnoozed',
      conversationId: held.id,
      contactId: held.contactId,
      payload: { reason: why.reason, snoozedUntil: held.snoozedUntil, forReply: held.snoozedForReply, by: why.by },
      occurredAt: nowIso,
    },
  ]);
  await deps.sla.onUnsnoozed(tx, { workspaceId: held.workspaceId, conversationId: held.id, at: now });
  if (held.status === 'queued') await requestRouting(tx, held.workspaceId, nowIso);
  return { routing: held.status === 'queued' };
}
