import type { DbOrTx } from '../../storage/index.ts';

export interface NotificationView {
  id: string;
  /** mention | assigned | sla_warning | sla_breached */
  kind: string;
  conversationId: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

/** Where a page stopped: in the unread part or the read part, after this id. */
export interface NotificationCursor {
  unread: boolean;
  id: string;
}

/**
 * A person's notifications: the unread ones first, then the read ones, each newest first (ids grow with
 * time). Two index ranges on (workspace, user), the read part asked only when the unread part runs out.
 */
export async function listNotifications(
  db: DbOrTx,
  workspaceId: string,
  userId: string,
  page: { after: NotificationCursor | undefined; limit: number },
): Promise<{ data: NotificationView[]; next: NotificationCursor | null }> {
  const query = (unread: boolean, beforeId: string | undefined, limit: number) =>
    db
      .selectFrom('notifications')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .where('read_at', unread ? 'is' : 'is not', null)
      .$if(beforeId !== undefined, (qb) => qb.where('id', '<', beforeId ?? ''))
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  const inUnread = page.after === undefined || page.after.unread;
  const rows = inUnread ? await query(true, page.after?.id, page.limit + 1) : [];
  if (rows.length <= page.limit) rows.push(...(await query(false, inUnread ? undefined : page.after?.id, page.limit + 1 - rows.length)));
  const data = rows.slice(0, page.limit).map((r): NotificationView => ({
    id: r.id,
    kind: r.kind,
    conversationId: r.conversation_id,
    payload: JSON.parse(r.payload_json) as Record<string, unknown>,
    createdAt: r.created_at,
    readAt: r.read_at,
  }));
  const last = data.at(-1);
  return { data, next: rows.length > page.limit && last ? { unread: last.readAt === null, id: last.id } : null };
}

/** Marks one of the person's notifications read (idempotent); false when it is not theirs or does not exist. */
export async function markNotificationRead(db: DbOrTx, workspaceId: string, userId: string, id: string, now: string): Promise<boolean> {
  const found = await db
    .selectFrom('notifications')
    .select(['id', 'read_at'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!found) return false;
  if (!found.read_at)
    await db.updateTable('notifications').set({ read_at: now }).where('id', '=', id).where('read_at', 'is', null).execute();
  return true;
}
