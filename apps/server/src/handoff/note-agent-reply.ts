import type { ConversationStatus } from '@fio/contracts';
import { appendEvents } from '../events/event-log.ts';
import type { Dialect, DbOrTx } from '../storage/index.ts';
import { lockHeldConversation } from './held-conversation.ts';
import type { SlaService } from './sla/index.ts';

/**
 * A person's reply, in the reply's transaction: the first response is stamped once, the customer no
 * longer waits, the SLA clocks learn it. A signed-in agent who answers a conversation nobody holds
 * (waiting in the queue, or still with the bot: a supervisor joining a live one) takes it, so the bot
 * falls silent and the queue does not hand it to someone else. Returns the new status when it moved.
 */
export async function noteAgentReply(
  tx: DbOrTx,
  deps: { dialect: Dialect; sla: SlaService },
  input: { workspaceId: string; conversationId: string; authorId: string | null; by: string; at: Date },
): Promise<{ contactId: string; status: ConversationStatus | null } | null> {
  const held = await lockHeldConversation(tx, deps.dialect, input.workspaceId, input.conversationId);
  if (!held || held.status === 'resolved') return null;
  const takes = input.authorId !== null && held.assigneeId === null && (held.status === 'queued' || held.status === 'bot');
  if (held.status === 'bot' && !takes) return null;
  const atIso = input.at.toISOString();
  await tx
    .updateTable('conversations')
    .set((eb) => ({
      first_response_at: eb.fn.coalesce('first_response_at', eb.val(atIso)),
      waiting_since: null,
      ...(takes ? { status: 'assigned', assignee_id: input.authorId, assigned_at: atIso, updated_at: atIso } : {}),
    }))
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', held.id)
    .execute();
  if (takes) {
    const base = { workspaceId: input.workspaceId, conversationId: held.id, contactId: held.contactId, occurredAt: atIso };
    await appendEvents(tx, [
      { ...base, type: 'conversation.status_changed', payload: { from: held.status, to: 'assigned', by: input.by } },
      {
        ...base,
        type: 'agent.assigned',
        payload: { userId: input.authorId, teamId: held.teamId, by: input.by, previousUserId: null, reason: 'replied' },
      },
    ]);
  }
  await deps.sla.onAgentReply(tx, { workspaceId: input.workspaceId, conversationId: held.id, at: input.at });
  return { contactId: held.contactId, status: takes ? 'assigned' : null };
}
