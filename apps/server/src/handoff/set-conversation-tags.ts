import { appendEvents } from '../events/event-log.ts';
import { runConversationAction, type ActionResult } from './conversation-action.ts';
import type { HandoffDeps } from './handoff-deps.ts';

/**
 * Replaces the conversation's tags with this set (trimmed, duplicates once); the event names what was
 * added and removed. Resolved conversations can be tagged too (reports group by tag).
 */
export async function setConversationTags(
  deps: HandoffDeps,
  input: { workspaceId: string; conversationId: string; tags: readonly string[]; by: string },
): Promise<ActionResult> {
  const { workspaceId } = input;
  const wanted = [...new Set(input.tags.map((t) => t.trim()).filter((t) => t.length > 0))];
  return runConversationAction(deps, workspaceId, input.conversationId, async (tx, held, now) => {
    const nowIso = now.toISOString();
    const current = (
      await tx
        .selectFrom('conversation_tags')
        .select('tag')
        .where('workspace_id', '=', workspaceId)
        .where('conversation_id', '=', held.id)
        .execute()
    ).map((r) => r.tag);
    const added = wanted.filter((t) => !current.includes(t));
    const removed = current.filter((t) => !wanted.includes(t));
    if (added.length === 0 && removed.length === 0) return {};
    if (removed.length > 0)
      await tx
        .deleteFrom('conversation_tags')
        .where('workspace_id', '=', workspaceId)
        .where('conversation_id', '=', held.id)
        .where('tag', 'in', removed)
        .execute();
    if (added.length > 0)
      await tx
        .insertInto('conversation_tags')
        .values(added.map((tag) => ({ workspace_id: workspaceId, conversation_id: held.id, tag, created_at: nowIso })))
        .execute();
    await tx
      .updateTable('conversations')
      .set({ updated_at: nowIso })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', held.id)
      .execute();
    await appendEvents(tx, [
      {
        workspaceId,
        type: 'conversation.tags_changed',
        conversationId: held.id,
        contactId: held.contactId,
        payload: { tags: wanted, added, removed, by: input.by },
        occurredAt: nowIso,
      },
    ]);
    return {};
  });
}
