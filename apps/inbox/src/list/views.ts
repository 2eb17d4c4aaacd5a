import type { InboxConversation, InboxCounts, InboxView, MeView } from '@fio/contracts';
import { inboxViewSchema } from '@fio/contracts';

export const inboxViews: readonly InboxView[] = inboxViewSchema.options;

/** Agents start on their own conversations; the people who oversee start on all of them. */
export function defaultView(me: MeView): InboxView {
  return me.user.role === 'agent' ? 'mine' : 'all';
}

export function viewFromSearch(search: URLSearchParams, me: MeView): InboxView {
  const parsed = inboxViewSchema.safeParse(search.get('view'));
  return parsed.success ? parsed.data : defaultView(me);
}

/** The view's count and unread count in GET /api/v1/inbox/counts (resolved has none). */
export function countOf(counts: InboxCounts, view: InboxView): { count: number; unread: number } | null {
  switch (view) {
    case 'mine':
      return { count: counts.mine, unread: counts.unread.mine };
    case 'unassigned':
      return { count: counts.unassigned, unread: counts.unread.unassigned };
    case 'my_teams':
      return { count: counts.myTeams, unread: counts.unread.myTeams };
    case 'all':
      return { count: counts.all, unread: counts.unread.all };
    case 'snoozed':
      return { count: counts.snoozed, unread: 0 };
    case 'resolved':
      return null;
  }
}

export function isSnoozed(c: InboxConversation, now: number): boolean {
  return c.status !== 'resolved' && (c.snoozedForReply || (c.snoozedUntil !== null && Date.parse(c.snoozedUntil) > now));
}

/**
 * Whether a conversation that changed live belongs in the view (the server's rules, so a row moves
 * out when it is taken, resolved or snoozed without a refetch).
 */
export function belongsToView(c: InboxConversation, view: InboxView, me: MeView, now: number): boolean {
  const open = c.status !== 'resolved' && !isSnoozed(c, now);
  switch (view) {
    case 'mine':
      return open && c.assigneeId === me.user.id;
    case 'unassigned':
      return open && c.status === 'queued' && c.assigneeId === null;
    case 'my_teams':
      return open && c.teamId !== null && me.user.teamIds.includes(c.teamId);
    case 'all':
      return open;
    case 'snoozed':
      return isSnoozed(c, now);
    case 'resolved':
      return c.status === 'resolved';
  }
}

const priorityRank = { urgent: 3, high: 2, normal: 1, low: 0 } as const;

/** The server's order: the queue by priority then longest waiting; the other views by latest message. */
export function compareRows(view: InboxView): (a: InboxConversation, b: InboxConversation) => number {
  if (view === 'unassigned')
    return (a, b) =>
      priorityRank[b.priority] - priorityRank[a.priority] ||
      (a.queuedAt ?? a.waitingSince ?? a.createdAt).localeCompare(b.queuedAt ?? b.waitingSince ?? b.createdAt) ||
      a.id.localeCompare(b.id);
  return (a, b) => (b.lastMessageAt ?? b.createdAt).localeCompare(a.lastMessageAt ?? a.createdAt) || b.id.localeCompare(a.id);
}
