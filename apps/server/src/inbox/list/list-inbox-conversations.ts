import { sql, type ExpressionBuilder, type SqlBool, type Expression } from 'kysely';
import type { InboxConversation, InboxListQuery } from '@fio/contracts';
import type { Principal } from '../../http/auth.ts';
import type { Database, DbOrTx } from '../../storage/index.ts';
import { foldedContains, plainContains } from './folded-like.ts';
import { decodeInboxCursor, encodeInboxCursor, type InboxSortKey } from './inbox-cursor.ts';
import { loadInboxScope, selectViewConversations } from './inbox-scope.ts';
import { loadInboxConversations } from './load-inbox-conversations.ts';
import { parseSearchTerms, type SearchTerm } from './search-terms.ts';

type ConversationEb = ExpressionBuilder<Database & { c: Database['conversations'] }, 'c'>;

/** Urgent first: the queue's order. */
const priorityRank = sql<number>`case c.priority when 'urgent' then 3 when 'high' then 2 when 'low' then 0 else 1 end`;
/** Oldest in the queue first; a row without queued_at waits since it was opened. */
const queuedSince = sql<string>`coalesce(c.queued_at, c.created_at)`;
/** Newest activity first; a conversation without messages counts from its creation. */
const lastActivity = sql<string>`coalesce(c.last_message_at, c.created_at)`;

/**
 * One page of a view of the conversation list, as the caller may see it, filtered and searched.
 * Ids are selected by one query (view, visibility, filters, keyset), then the page is hydrated by
 * loadInboxConversations.
 */
export async function listInboxConversations(
  db: DbOrTx,
  principal: Principal,
  query: InboxListQuery,
): Promise<{ data: InboxConversation[]; nextCursor: string | null }> {
  const scope = await loadInboxScope(db, principal);
  const order: InboxSortKey['order'] = query.view === 'unassigned' ? 'queue' : 'recent';
  const after = decodeInboxCursor(query.cursor, order);
  const limit = Math.min(Math.max(query.limit, 1), 100);
  const terms = query.q ? parseSearchTerms(query.q) : [];

  let select = selectViewConversations(db, scope, query.view).select([
    'c.id',
    priorityRank.as('rank'),
    queuedSince.as('queued_since'),
    lastActivity.as('last_activity'),
  ]);
  const { channel, status, priority, sla, language, team, tag } = query;
  if (channel) select = select.where('c.reply_channel_type', '=', channel);
  if (status) select = select.where('c.status', '=', status);
  if (priority) select = select.where('c.priority', '=', priority);
  if (sla) select = select.where('c.sla_state', '=', sla);
  if (language) select = select.where('c.language', '=', language);
  if (team)
    select = select.where('c.team_id', 'in', (eb) =>
      eb
        .selectFrom('teams as t')
        .select('t.id')
        .where('t.workspace_id', '=', scope.workspaceId)
        .where((w) => w.or([w('t.id', '=', team), w('t.key', '=', team)])),
    );
  if (tag)
    select = select.where((eb) =>
      eb.exists(
        eb.selectFrom('conversation_tags as tg').select('tg.tag').whereRef('tg.conversation_id', '=', 'c.id').where('tg.tag', '=', tag),
      ),
    );
  if (terms.length) select = select.where((eb) => eb.and(terms.map((term) => matchesTerm(eb, scope.workspaceId, term))));
  if (after) select = select.where((eb) => afterKey(eb, after));
  select =
    order === 'queue'
      ? select.orderBy(priorityRank, 'desc').orderBy(queuedSince, 'asc').orderBy('c.id', 'asc')
      : select.orderBy(lastActivity, 'desc').orderBy('c.id', 'desc');
  const rows = await select.limit(limit + 1).execute();

  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > limit && last
      ? encodeInboxCursor(
          order === 'queue'
            ? { order, rank: Number(last.rank), at: last.queued_since, id: last.id }
            : { order, at: last.last_activity, id: last.id },
        )
      : null;
  const data = await loadInboxConversations(
    db,
    scope.workspaceId,
    page.map((r) => r.id),
    scope.userId,
  );
  return { data, nextCursor };
}

/** Rows strictly after the cursor's key in the view's order. */
function afterKey(eb: ConversationEb, key: InboxSortKey): Expression<SqlBool> {
  if (key.order === 'queue')
    return eb.or([
      eb(priorityRank, '<', key.rank),
      eb.and([eb(priorityRank, '=', key.rank), eb(queuedSince, '>', key.at)]),
      eb.and([eb(priorityRank, '=', key.rank), eb(queuedSince, '=', key.at), eb('c.id', '>', key.id)]),
    ]);
  return eb.or([eb(lastActivity, '<', key.at), eb.and([eb(lastActivity, '=', key.at), eb('c.id', '<', key.id)])]);
}

/** The term is in one of the conversation's messages, or in its contact's name, e-mail or phone. */
function matchesTerm(eb: ConversationEb, workspaceId: string, term: SearchTerm): Expression<SqlBool> {
  const inContact = eb.exists(
    eb
      .selectFrom('contacts as ct')
      .select('ct.id')
      .whereRef('ct.id', '=', 'c.contact_id')
      .where((w) =>
        w.or([
          foldedContains(w.ref('ct.display_name'), term.folded),
          plainContains(w.ref('ct.email'), term.folded),
          ...(term.digits ? [plainContains(w.ref('ct.phone'), term.digits)] : []),
        ]),
      ),
  );
  // Correlated: walks only the messages of the conversations the view holds (messages(conversation_id, seq)).
  const inMessages = eb.exists(
    eb
      .selectFrom('messages as m')
      .select('m.id')
      .whereRef('m.conversation_id', '=', 'c.id')
      .where('m.workspace_id', '=', workspaceId)
      .where((w) => foldedContains(w.ref('m.text'), term.folded)),
  );
  return eb.or([inContact, inMessages]);
}
