import type { ConversationStatus, Priority } from '@fio/contracts';
import type { Dialect, DbOrTx } from '../storage/index.ts';
import { selectLockedConversation } from './select-locked-conversation.ts';

/** Who holds a conversation and how it waits: the columns the assignment actions read and change. */
export interface HeldConversation {
  id: string;
  workspaceId: string;
  contactId: string;
  status: ConversationStatus;
  assigneeId: string | null;
  teamId: string | null;
  priority: Priority;
  language: string | null;
  replyChannelType: string | null;
  queuedAt: string | null;
  snoozedUntil: string | null;
  snoozedForReply: boolean;
  waitingSince: string | null;
}

const priorities: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];
const statuses: readonly ConversationStatus[] = ['bot', 'queued', 'assigned', 'resolved'];

/**
 * Reads the conversation inside the action's transaction; on PostgreSQL the row stays locked until it
 * commits, so two actions on one conversation (two supervisors, an action and a routing pass) apply
 * one after the other instead of the second overwriting what it did not see. SQLite has one writer.
 */
export async function lockHeldConversation(
  tx: DbOrTx,
  dialect: Dialect,
  workspaceId: string,
  id: string,
): Promise<HeldConversation | null> {
  const row = await selectLockedConversation(tx, dialect, workspaceId, id)
    .select([
      'id',
      'workspace_id',
      'contact_id',
      'status',
      'assignee_id',
      'team_id',
      'priority',
      'language',
      'reply_channel_type',
      'queued_at',
      'snoozed_until',
      'snoozed_for_reply',
      'waiting_since',
    ])
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    contactId: row.contact_id,
    status: statuses.find((s) => s === row.status) ?? 'bot',
    assigneeId: row.assignee_id ?? null,
    teamId: row.team_id ?? null,
    priority: priorities.find((p) => p === row.priority) ?? 'normal',
    language: row.language ?? null,
    replyChannelType: row.reply_channel_type,
    queuedAt: row.queued_at ?? null,
    snoozedUntil: row.snoozed_until ?? null,
    snoozedForReply: row.snoozed_for_reply === 1,
    waitingSince: row.waiting_since ?? null,
  };
}

/** Whether the conversation is out of the working views now (snoozed until a later time or a reply). */
export function isSnoozed(c: Pick<HeldConversation, 'snoozedUntil' | 'snoozedForReply'>): boolean {
  return c.snoozedForReply || c.snoozedUntil !== null;
}
