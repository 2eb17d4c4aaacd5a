import type { Db } from '../../storage/index.ts';

export interface UnreadCounts {
  byUser: ReadonlyMap<string, number>;
  /** Everyone else: no read mark and no message of their own in the conversation. */
  others: number;
}

/**
 * A conversation row's unread count as each person sees it (messages after their read mark, counting
 * the customer's and other people's messages, never the bot's or their own), computed once per change
 * for everyone: a count of the whole conversation per author, and one ranged count per read mark.
 * Read marks per conversation are few (the people who opened it), so this stays a handful of reads.
 */
export async function countUnreadPerViewer(db: Db, workspaceId: string, conversationId: string): Promise<UnreadCounts> {
  const [perAuthor, marks] = await Promise.all([
    db
      .selectFrom('messages')
      .select((eb) => ['author_id', eb.fn.countAll<number | string>().as('n')])
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', conversationId)
      .where((eb) => eb.or([eb('direction', '=', 'inbound'), eb('author', '=', 'agent')]))
      .groupBy('author_id')
      .execute(),
    db
      .selectFrom('conversation_reads')
      .select(['user_id', 'last_read_seq'])
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', conversationId)
      .execute(),
  ]);
  let others = 0;
  const byUser = new Map<string, number>();
  for (const row of perAuthor) others += Number(row.n);
  for (const row of perAuthor) if (row.author_id) byUser.set(row.author_id, others - Number(row.n));
  for (const mark of marks) {
    const row = await db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', conversationId)
      .where('seq', '>', mark.last_read_seq)
      .where((eb) =>
        eb.or([
          eb('direction', '=', 'inbound'),
          eb.and([eb('author', '=', 'agent'), eb.or([eb('author_id', 'is', null), eb('author_id', '<>', mark.user_id)])]),
        ]),
      )
      .executeTakeFirst();
    byUser.set(mark.user_id, Number(row?.n ?? 0));
  }
  return { byUser, others };
}
