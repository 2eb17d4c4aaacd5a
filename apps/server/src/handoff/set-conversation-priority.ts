import type { Priority } from '@fio/contracts';
import { appendEvents } from '../events/event-log.ts';
import { refuse, runConversationAction, type ActionResult } from './conversation-action.ts';
import type { HandoffDeps } from './handoff-deps.ts';
import { requestRouting } from './request-routing.ts';

/** A new priority: the SLA policy is picked again (budget used so far kept) and a waiting one moves in the queue. */
export async function setConversationPriority(
  deps: HandoffDeps,
  input: { workspaceId: string; conversationId: string; priority: Priority; by: string },
): Promise<ActionResult> {
  const { workspaceId } = input;
  return runConversationAction(deps, workspaceId, input.conversationId, async (tx, held, now) => {
    if (held.status === 'resolved') return refuse('conversation_resolved', `conversation ${held.id} is resolved`);
    if (held.priority === input.priority) return {};
    const nowIso = now.toISOString();
    await tx
      .updateTable('conversations')
      .set({ priority: input.priority, updated_at: nowIso })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', held.id)
      .execute();
    await appendEvents(tx, [
      {
        workspaceId,
        type: 'conversation.priority_changed',
        conversationId: held.id,
        contactId: held.contactId,
        payload: { from: held.priority, to: input.priority, by: input.by },
        occurredAt: nowIso,
      },
    ]);
    if (held.status === 'queued' || held.status === 'assigned')
      await deps.sla.onPriorityChanged(tx, {
        workspaceId,
        conversationId: held.id,
        contactId: held.contactId,
        priority: input.priority,
        at: now,
      });
    if (held.status === 'queued') await requestRouting(tx, workspaceId, nowIso);
    return { routing: held.status === 'queued' };
  });
}
