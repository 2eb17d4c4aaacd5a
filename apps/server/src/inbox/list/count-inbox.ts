import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { InboxCounts, InboxView } from '@fio/contracts';
import type { Principal } from '../../http/auth.ts';
import type { Database, DbOrTx } from '../../storage/index.ts';
import { loadInboxScope, selectViewConversations, type InboxScope } from './inbox-scope.ts';

type ConversationEb = ExpressionBuilder<Database & { c: Database['conversations'] }, 'c'>;

/**
 * The badges beside the views: how many conversations each holds for the caller, and how many of
 * the open ones have messages the caller has not read. One indexed count per figure.
 */
export async function countInbox(db: DbOrTx, principal: Principal): Promise<InboxCounts> {
  const scope = await loadInboxScope(db, principal);
  const count = async (view: InboxView, unreadOnly: boolean): Promise<number> => {
    if (unreadOnly && !scope.userId) return 0;
    const viewer = scope.userId ?? '';
    const row = await selectViewConversations(db, scope, view)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .$if(unreadOnly, (qb) => qb.where((eb) => hasUnread(eb, scope, viewer)))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  };
  const [mine, unassigned, myTeams, all, snoozed, unreadMine, unreadUnassigned, unreadMyTeams, unreadAll] = await Promise.all([
    count('mine', false),
    count('unassigned', false),
    count('my_teams', false),
    count('all', false),
    count('snoozed', false),
    count('mine', true),
    count('unassigned', true),
    count('my_teams', true),
    count('all', true),
  ]);
  return {
    mine,
    unassigned,
    myTeams,
    all,
    snoozed,
    unread: { mine: unreadMine, unassigned: unreadUnassigned, myTeams: unreadMyTeams, all: unreadAll },
  };
}

/**
 * The conversation has a message after the viewer's read mark that someone else wrote (the rule of
 * countUnread). The cheap comparison with last_message_seq settles most rows without touching messages.
 */
function hasUnread(eb: ConversationEb, scope: InboxScope, viewer: string): Expression<SqlBool> {
  const readMark = eb.fn.coalesce(
    eb
      .selectFrom('conversation_reads as r')
      .select('r.last_read_seq')
      .whereRef('r.conversation_id', '=', 'c.id')
      .where('r.user_id', '=', viewer)
      .$asScalar(),
    sql<number>`0`,
  );
  return eb.and([
    eb('c.last_message_seq', '>', readMark),
    eb.exists(
      eb
        .selectFrom('messages as m')
        .select('m.id')
        .whereRef('m.conversation_id', '=', 'c.id')
        .where('m.workspace_id', '=', scope.workspaceId)
        .where('m.seq', '>', readMark)
        .where((w) =>
          w.or([
            w('m.direction', '=', 'inbound'),
            w.and([w('m.author', '=', 'agent'), w.or([w('m.author_id', 'is', null), w('m.author_id', '!=', viewer)])]),
          ]),
        ),
    ),
  ]);
}
