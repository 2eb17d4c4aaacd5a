import { appendEvents } from '../events/event-log.ts';
import { enqueueJobs } from '../jobs/job-queue.ts';
import { cancelSnoozeTimers, refuse, runConversationAction, type ActionResult, type Actor } from './conversation-action.ts';
import type { HandoffDeps } from './handoff-deps.ts';
import { isSnoozed } from './held-conversation.ts';

/**
 * Takes a conversation people hold out of the working views until a time (a 'handoff' timer job
 * wakes it then), until the customer writes again, or whichever comes first. Its SLA clocks pause;
 * the customer's next message wakes it in the inbound transaction (noteCustomerMessage).
 */
export async function snoozeConversation(
  deps: HandoffDeps,
  input: { workspaceId: string; conversationId: string; until: Date | null; untilReply: boolean; actor: Actor },
): Promise<ActionResult> {
  const { workspaceId, actor } = input;
  return runConversationAction(deps, workspaceId, input.conversationId, async (tx, held, now) => {
    if (held.status === 'resolved') return refuse('conversation_resolved', `conversation ${held.id} is resolved`);
    if (held.status === 'bot')
      return refuse('conversation_with_bot', `the bot holds conversation ${held.id}; only a person's conversation is snoozed`);
    const nowIso = now.toISOString();
    const until = input.until?.toISOString() ?? null;
    await tx
      .updateTable('conversations')
      .set({ snoozed_until: until, snoozed_for_reply: input.untilReply ? 1 : 0, updated_at: nowIso })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', held.id)
      .execute();
    await cancelSnoozeTimers(tx, workspaceId, held.id);
    if (until)
      await enqueueJobs(
        tx,
        [{ workspaceId, queue: 'handoff', conversationId: held.id, payload: { kind: 'snooze_wake', until }, runAt: until }],
        nowIso,
      );
    await appendEvents(tx, [
      {
        workspaceId,
        type: 'conversation.snoozed',
        conversationId: held.id,
        contactId: held.contactId,
        payload: { until, untilReply: input.untilReply, by: actor.tokenId },
        occurredAt: nowIso,
      },
    ]);
    if (!isSnoozed(held)) await deps.sla.onSnoozed(tx, { workspaceId, conversationId: held.id, at: now });
    return { timers: until !== null };
  });
}
