import { appendEvents } from '../events/event-log.ts';
import type { DbOrTx } from '../storage/index.ts';
import type { ConversationChange } from './publish-changes.ts';
import { requestRouting } from './request-routing.ts';

/**
 * Returns an agent's open conversations to their teams' queues (unassigned, keeping the time they
 * first queued so they are served before newer ones), in the caller's transaction, with a routing
 * pass. Used when an agent stays offline past the grace period or is disabled.
 */
export async function requeueAgentConversations(
  tx: DbOrTx,
  input: { workspaceId: string; userId: string; reason: 'offline' | 'disabled'; now: Date },
): Promise<ConversationChange[]> {
  const nowIso = input.now.toISOString();
  const held = await tx
    .selectFrom('conversations')
    .select(['id', 'contact_id', 'team_id'])
    .where('workspace_id', '=', input.workspaceId)
    .where('assignee_id', '=', input.userId)
    .where('status', '=', 'assigned')
    .execute();
  const changes: ConversationChange[] = [];
  for (const c of held) {
    const moved = await tx
      .updateTable('conversations')
      .set((eb) => ({
        status: 'queued',
        assignee_id: null,
        assigned_at: null,
        queued_at: eb.fn.coalesce('queued_at', eb.val(nowIso)),
        updated_at: nowIso,
      }))
      .where('workspace_id', '=', input.workspaceId)
      .where('id', '=', c.id)
      .where('assignee_id', '=', input.userId)
      .where('status', '=', 'assigned')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) continue;
    const base = { workspaceId: input.workspaceId, conversationId: c.id, contactId: c.contact_id, occurredAt: nowIso };
    await appendEvents(tx, [
      {
        ...base,
        type: 'agent.unassigned',
        payload: { userId: input.userId, reason: input.reason, teamId: c.team_id ?? null, by: 'system' },
      },
      { ...base, type: 'conversation.status_changed', payload: { from: 'assigned', to: 'queued', by: 'system', reason: input.reason } },
    ]);
    changes.push({ workspaceId: input.workspaceId, conversationId: c.id, contactId: c.contact_id, status: 'queued' });
  }
  if (changes.length > 0) await requestRouting(tx, input.workspaceId, nowIso);
  return changes;
}
