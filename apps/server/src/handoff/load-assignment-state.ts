import type { ConversationStatus, Priority } from '@fio/contracts';
import type { DbOrTx } from '../storage/index.ts';

/** What the assignment actions answer with: who holds the conversation and how it waits. */
export interface AssignmentState {
  id: string;
  status: ConversationStatus;
  assigneeId: string | null;
  teamId: string | null;
  priority: Priority;
  tags: string[];
  snoozedUntil: string | null;
  snoozedForReply: boolean;
}

export async function loadAssignmentState(db: DbOrTx, workspaceId: string, conversationId: string): Promise<AssignmentState | null> {
  const row = await db
    .selectFrom('conversations')
    .select(['id', 'status', 'assignee_id', 'team_id', 'priority', 'snoozed_until', 'snoozed_for_reply'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', conversationId)
    .executeTakeFirst();
  if (!row) return null;
  const tags = await db
    .selectFrom('conversation_tags')
    .select('tag')
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .orderBy('tag')
    .execute();
  const statuses: readonly ConversationStatus[] = ['bot', 'queued', 'assigned', 'resolved'];
  const priorities: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];
  return {
    id: row.id,
    status: statuses.find((s) => s === row.status) ?? 'bot',
    assigneeId: row.assignee_id ?? null,
    teamId: row.team_id ?? null,
    priority: priorities.find((p) => p === row.priority) ?? 'normal',
    tags: tags.map((t) => t.tag),
    snoozedUntil: row.snoozed_until ?? null,
    snoozedForReply: row.snoozed_for_reply === 1,
  };
}
