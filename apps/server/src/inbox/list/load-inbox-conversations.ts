import type { InboxConversation } from '@fio/contracts';
import type { DbOrTx } from '../../storage/index.ts';
import { countUnread } from '../reads/count-unread.ts';
import { readAuthor, readChannelType, readPriority, readSlaKind, readSlaState, readStatus } from './read-row-values.ts';

/**
 * Conversations as the list shows them, in the order of `ids` (ids of other workspaces or unknown ids
 * are left out). A fixed handful of indexed reads whatever the number of ids: the row with its
 * contact, assignee and team; tags; last messages; unread counts for the viewer; SLA timers.
 * Visibility is the caller's business (the list filters in SQL, the routes use requireVisibleConversation).
 */
export async function loadInboxConversations(
  db: DbOrTx,
  workspaceId: string,
  ids: readonly string[],
  viewerUserId: string | null,
): Promise<InboxConversation[]> {
  if (ids.length === 0) return [];
  const idList = [...new Set(ids)];
  const [rows, tags, lastMessages, unread, timers] = await Promise.all([
    db
      .selectFrom('conversations as c')
      .leftJoin('contacts as ct', 'ct.id', 'c.contact_id')
      .leftJoin('users as u', 'u.id', 'c.assignee_id')
      .leftJoin('teams as t', 't.id', 'c.team_id')
      .select([
        'c.id',
        'c.contact_id',
        'c.status',
        'c.assignee_id',
        'c.team_id',
        'c.priority',
        'c.reply_channel_type',
        'c.language',
        'c.last_message_at',
        'c.last_message_seq',
        'c.waiting_since',
        'c.queued_at',
        'c.assigned_at',
        'c.snoozed_until',
        'c.snoozed_for_reply',
        'c.sla_state',
        'c.sla_due_at',
        'c.sla_policy_id',
        'c.created_at',
        'c.resolved_at',
        'ct.display_name as contact_name',
        'u.name as assignee_name',
        't.name as team_name',
      ])
      .where('c.workspace_id', '=', workspaceId)
      .where('c.id', 'in', idList)
      .execute(),
    db
      .selectFrom('conversation_tags')
      .select(['conversation_id', 'tag'])
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', 'in', idList)
      .orderBy('tag')
      .execute(),
    // The last message by its sequence number: one unique-index probe per conversation.
    db
      .selectFrom('conversations as c')
      .innerJoin('messages as m', (j) => j.onRef('m.conversation_id', '=', 'c.id').onRef('m.seq', '=', 'c.last_message_seq'))
      .select(['c.id as conversation_id', 'm.text', 'm.author', 'm.created_at'])
      .where('c.workspace_id', '=', workspaceId)
      .where('c.id', 'in', idList)
      .execute(),
    viewerUserId ? countUnread(db, workspaceId, idList, viewerUserId) : Promise.resolve(new Map<string, number>()),
    db
      .selectFrom('sla_timers')
      .select(['conversation_id', 'kind', 'due_at', 'policy_id'])
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', 'in', idList)
      .where('status', 'in', ['running', 'breached'])
      .execute(),
  ]);

  const tagsOf = new Map<string, string[]>();
  for (const t of tags) tagsOf.set(t.conversation_id, [...(tagsOf.get(t.conversation_id) ?? []), t.tag]);
  const lastOf = new Map(lastMessages.map((m) => [m.conversation_id, m]));
  // The timer nearest to (or furthest past) its due time names the SLA the row shows.
  const timerOf = new Map<string, (typeof timers)[number]>();
  for (const timer of timers) {
    if (!timer.due_at) continue;
    const current = timerOf.get(timer.conversation_id);
    if (!current?.due_at || timer.due_at < current.due_at) timerOf.set(timer.conversation_id, timer);
  }

  const byId = new Map<string, InboxConversation>();
  for (const r of rows) {
    const last = lastOf.get(r.id);
    const timer = timerOf.get(r.id);
    byId.set(r.id, {
      id: r.id,
      contactId: r.contact_id,
      contactName: r.contact_name ?? null,
      status: readStatus(r.status),
      assigneeId: r.assignee_id ?? null,
      assigneeName: r.assignee_name ?? null,
      teamId: r.team_id ?? null,
      teamName: r.team_name ?? null,
      priority: readPriority(r.priority),
      tags: tagsOf.get(r.id) ?? [],
      channelType: readChannelType(r.reply_channel_type),
      language: r.language ?? null,
      lastMessage: last ? { text: last.text, author: readAuthor(last.author), at: last.created_at } : null,
      lastMessageAt: r.last_message_at,
      lastMessageSeq: r.last_message_seq,
      waitingSince: r.waiting_since ?? null,
      queuedAt: r.queued_at ?? null,
      assignedAt: r.assigned_at ?? null,
      unread: unread.get(r.id) ?? 0,
      snoozedUntil: r.snoozed_until ?? null,
      snoozedForReply: r.snoozed_for_reply === 1,
      sla: {
        state: readSlaState(r.sla_state),
        kind: readSlaKind(timer?.kind),
        dueAt: r.sla_due_at ?? timer?.due_at ?? null,
        policyId: r.sla_policy_id ?? timer?.policy_id ?? null,
      },
      createdAt: r.created_at,
      resolvedAt: r.resolved_at,
    });
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** One conversation as the list shows it to `viewerUserId` (null: no one, so nothing is unread). */
export async function loadInboxConversation(
  db: DbOrTx,
  workspaceId: string,
  conversationId: string,
  viewerUserId: string | null,
): Promise<InboxConversation | null> {
  const [row] = await loadInboxConversations(db, workspaceId, [conversationId], viewerUserId);
  return row ?? null;
}
