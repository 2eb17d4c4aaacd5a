import type { DbOrTx } from '../../storage/index.ts';

export interface MarkReadResult {
  /** The read mark after the call (never lower than before). */
  lastReadSeq: number;
  /** False when the mark was already at or past `seq`: nothing to tell the inbox. */
  changed: boolean;
}

/**
 * Moves the person's read mark of the conversation forward to `seq` (capped at the conversation's
 * last message). Never moves it back: two tabs reporting out of order must not resurrect unread
 * messages. Returns null when the conversation is not in the workspace. The caller checks
 * visibility and emits 'conversation.changed' when `changed`.
 */
export async function markRead(
  db: DbOrTx,
  workspaceId: string,
  conversationId: string,
  userId: string,
  seq: number,
  now: Date = new Date(),
): Promise<MarkReadResult | null> {
  const conversation = await db
    .selectFrom('conversations')
    .select('last_message_seq')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', conversationId)
    .executeTakeFirst();
  if (!conversation) return null;
  const target = Math.max(0, Math.min(Math.trunc(seq), conversation.last_message_seq));
  const before = await readMark(db, conversationId, userId);
  if (before !== null && before >= target) return { lastReadSeq: before, changed: false };
  // The conditional upsert keeps the mark monotonic even when two calls race past the read above.
  await db
    .insertInto('conversation_reads')
    .values({
      workspace_id: workspaceId,
      conversation_id: conversationId,
      user_id: userId,
      last_read_seq: target,
      updated_at: now.toISOString(),
    })
    .onConflict((oc) =>
      oc
        .columns(['conversation_id', 'user_id'])
        .doUpdateSet((eb) => ({ last_read_seq: eb.ref('excluded.last_read_seq'), updated_at: eb.ref('excluded.updated_at') }))
        .where('conversation_reads.last_read_seq', '<', target),
    )
    .execute();
  const after = (await readMark(db, conversationId, userId)) ?? target;
  return { lastReadSeq: after, changed: after !== before };
}

async function readMark(db: DbOrTx, conversationId: string, userId: string): Promise<number | null> {
  const row = await db
    .selectFrom('conversation_reads')
    .select('last_read_seq')
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? row.last_read_seq : null;
}
