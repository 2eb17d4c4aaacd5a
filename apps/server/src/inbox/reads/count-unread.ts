import { sql } from 'kysely';
import type { DbOrTx } from '../../storage/index.ts';

/**
 * Per conversation, the messages after the viewer's read mark that someone else wrote: the
 * customer's, and other agents' replies. The bot's and the viewer's own messages never count as
 * unread. A range scan of messages(conversation_id, seq) per conversation.
 */
export async function countUnread(
  db: DbOrTx,
  workspaceId: string,
  conversationIds: readonly string[],
  viewerUserId: string,
): Promise<Map<string, number>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('messages as m')
    .leftJoin('conversation_reads as r', (j) => j.onRef('r.conversation_id', '=', 'm.conversation_id').on('r.user_id', '=', viewerUserId))
    .select(['m.conversation_id', (eb) => eb.fn.countAll<number | string>().as('unread')])
    .where('m.conversation_id', 'in', [...conversationIds])
    .where('m.workspace_id', '=', workspaceId)
    .where((eb) => eb('m.seq', '>', eb.fn.coalesce('r.last_read_seq', sql<number>`0`)))
    .where((eb) =>
      eb.or([
        eb('m.direction', '=', 'inbound'),
        eb.and([eb('m.author', '=', 'agent'), eb.or([eb('m.author_id', 'is', null), eb('m.author_id', '!=', viewerUserId)])]),
      ]),
    )
    .groupBy('m.conversation_id')
    .execute();
  return new Map(rows.map((r) => [r.conversation_id, Number(r.unread)]));
}
