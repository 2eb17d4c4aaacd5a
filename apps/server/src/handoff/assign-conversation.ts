import { appendEvents, type DomainEventInput } from '../events/event-log.ts';
import { checkConversationAssignee } from './check-assignee.ts';
import { refuse, runConversationAction, type ActionResult, type Actor } from './conversation-action.ts';
import type { HandoffDeps } from './handoff-deps.ts';

/**
 * Gives the conversation to a person (userId) or back to its team's queue (null). Agents may take a
 * conversation nobody holds, or give back their own; supervisors and admins assign anyone who may see
 * it, even past their capacity (a person's decision; only automatic routing stops at capacity).
 * Taking one someone else holds is 409 already_assigned for an agent. A bot's conversation taken by
 * hand leaves the bot at once.
 */
export async function assignConversation(
  deps: HandoffDeps,
  input: { workspaceId: string; conversationId: string; userId: string | null; actor: Actor },
): Promise<ActionResult> {
  const { workspaceId, actor } = input;
  const supervising = actor.role === 'admin' || actor.role === 'supervisor';
  if (!supervising && input.userId !== null && input.userId !== actor.userId)
    return refuse('forbidden', 'agents assign conversations only to themselves; a supervisor assigns others');
  const target = input.userId;
  return runConversationAction(
    deps,
    workspaceId,
    input.conversationId,
    async (tx, held, now) => {
      if (held.status === 'resolved') return refuse('conversation_resolved', `conversation ${held.id} is resolved; reopen it first`);
      const nowIso = now.toISOString();
      const base = { workspaceId, conversationId: held.id, contactId: held.contactId, occurredAt: nowIso };
      const events: DomainEventInput[] = [];
      if (target === null) {
        if (held.assigneeId === null) return {};
        if (!supervising && held.assigneeId !== actor.userId)
          return refuse('already_assigned', `conversation ${held.id} is held by another agent`);
        await tx
          .updateTable('conversations')
          .set({ status: 'queued', assignee_id: null, assigned_at: null, queued_at: held.queuedAt ?? nowIso, updated_at: nowIso })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', held.id)
          .execute();
        events.push({ ...base, type: 'agent.unassigned', payload: { userId: held.assigneeId, reason: 'manual', by: actor.tokenId } });
        if (held.status !== 'queued')
          events.push({ ...base, type: 'conversation.status_changed', payload: { from: held.status, to: 'queued', by: actor.tokenId } });
        await appendEvents(tx, events);
        return { status: 'queued', routing: true };
      }
      if (held.assigneeId === target) return {};
      if (!supervising && held.assigneeId !== null)
        return refuse('already_assigned', `conversation ${held.id} is held by another agent; a supervisor can reassign it`);
      await tx
        .updateTable('conversations')
        .set({ status: 'assigned', assignee_id: target, assigned_at: nowIso, updated_at: nowIso })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', held.id)
        .execute();
      await tx.updateTable('users').set({ last_assigned_at: nowIso }).where('id', '=', target).execute();
      if (held.assigneeId)
        events.push({ ...base, type: 'agent.unassigned', payload: { userId: held.assigneeId, reason: 'reassigned', by: actor.tokenId } });
      events.push({
        ...base,
        type: 'agent.assigned',
        payload: { userId: target, teamId: held.teamId, by: actor.tokenId, previousUserId: held.assigneeId, reason: 'manual' },
      });
      if (held.status !== 'assigned')
        events.push({ ...base, type: 'conversation.status_changed', payload: { from: held.status, to: 'assigned', by: actor.tokenId } });
      await appendEvents(tx, events);
      return { status: 'assigned', routing: held.assigneeId !== null };
    },
    // The assignee's row is locked before the conversation's (the order routing uses too).
    target === null
      ? undefined
      : (tx) => checkConversationAssignee(tx, deps.dialect, { workspaceId, conversationId: input.conversationId, userId: target }),
  );
}
