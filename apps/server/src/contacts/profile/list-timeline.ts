import type { TimelineItemView, TimelineKind } from '@fio/contracts';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DbOrTx } from '../../storage/index.ts';

/** Where the page starts: the last item's time and id (items sort by time, then id, both descending). */
export interface TimelineCursor {
  at: string;
  id: string;
}

export interface TimelineQuery {
  workspaceId: string;
  contactId: string;
  kinds: readonly TimelineKind[];
  after?: TimelineCursor | undefined;
  limit: number;
}

const eventTypesByKind: Partial<Record<TimelineKind, string[]>> = {
  segment: ['segment.entered', 'segment.left'],
  merge: ['contact.merged', 'contact.unmerged'],
  identity: ['contact.identity_added', 'contact.identity_verified'],
};

/**
 * One stream of everything that happened to a contact, newest first: business events and intents,
 * conversations opened and resolved, segments entered and left, merges and identities. Each source
 * is read from the cursor on with its own index (at most limit + 1 rows each), then merged; item ids
 * are `<source>:<row id>` with numeric ids zero-padded, so (at, id) orders every source the same way.
 */
export async function listTimeline(db: DbOrTx, q: TimelineQuery): Promise<{ items: TimelineItemView[]; next: TimelineCursor | null }> {
  const take = q.limit + 1;
  const sources = await Promise.all([
    activities(db, q, take),
    q.kinds.includes('conversation') ? conversations(db, q, take) : [],
    domainEvents(db, q, take),
  ]);
  const merged = sources.flat().sort((a, b) => (a.at === b.at ? compare(b.id, a.id) : compare(b.at, a.at)));
  const items = merged.slice(0, q.limit);
  const last = items.at(-1);
  await describeConversations(db, q.workspaceId, items);
  return { items, next: merged.length > q.limit && last ? { at: last.at, id: last.id } : null };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const pad = (n: number | bigint | string) => String(n).padStart(20, '0');

/** Rows of source `prefix` strictly after the cursor in (at desc, id desc) order. */
type Position = { at: string; sameAt: 'all' } | { at: string; sameAt: 'none' } | { at: string; sameAt: 'before'; id: string };

function position(after: TimelineCursor | undefined, prefix: string): Position | null {
  if (!after) return null;
  const [cursorPrefix = '', cursorId = ''] = after.id.split(/:(.*)/s);
  if (prefix < cursorPrefix) return { at: after.at, sameAt: 'all' };
  if (prefix > cursorPrefix) return { at: after.at, sameAt: 'none' };
  return { at: after.at, sameAt: 'before', id: cursorId };
}

/** `(at, id) < cursor` for one source; ids compare as numbers where the source's ids are numbers. */
function after(p: Position | null, atColumn: string, idColumn: string): RawBuilder<SqlBool> {
  if (!p) return sql<SqlBool>`1 = 1`;
  const at = sql.ref(atColumn);
  if (p.sameAt === 'all') return sql<SqlBool>`${at} <= ${p.at}`;
  if (p.sameAt === 'none') return sql<SqlBool>`${at} < ${p.at}`;
  const id = /^\d+$/.test(p.id) ? Number(p.id) : p.id;
  return sql<SqlBool>`(${at} < ${p.at} or (${at} = ${p.at} and ${sql.ref(idColumn)} < ${id}))`;
}

async function activities(db: DbOrTx, q: TimelineQuery, take: number): Promise<TimelineItemView[]> {
  const kinds = q.kinds.filter((k) => k === 'event' || k === 'intent');
  if (kinds.length === 0) return [];
  const from = position(q.after, 'a');
  const rows = await db
    .selectFrom('contact_activities')
    .selectAll()
    .where('workspace_id', '=', q.workspaceId)
    .where('contact_id', '=', q.contactId)
    .where('kind', 'in', kinds)
    .$if(from !== null, (qb) => qb.where(after(from, 'occurred_at', 'id')))
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(take)
    .execute();
  return rows.map((r) => ({
    id: `a:${pad(r.id)}`,
    kind: r.kind === 'intent' ? 'intent' : 'event',
    name: r.name,
    at: r.occurred_at,
    source: r.source,
    conversationId: null,
    data: JSON.parse(r.properties_json) as Record<string, unknown>,
  }));
}

/** A conversation is two items: opened (prefix c) and, once resolved, resolved (prefix d). */
async function conversations(db: DbOrTx, q: TimelineQuery, take: number): Promise<TimelineItemView[]> {
  const read = async (prefix: 'c' | 'd', column: 'created_at' | 'resolved_at') => {
    const from = position(q.after, prefix);
    const rows = await db
      .selectFrom('conversations')
      .select(['id', 'status', 'created_at', 'resolved_at'])
      .where('workspace_id', '=', q.workspaceId)
      .where('contact_id', '=', q.contactId)
      .where(column, 'is not', null)
      .$if(from !== null, (qb) => qb.where(after(from, column, 'id')))
      .orderBy(column, 'desc')
      .orderBy('id', 'desc')
      .limit(take)
      .execute();
    return rows.map((r): TimelineItemView => ({
      id: `${prefix}:${r.id}`,
      kind: 'conversation',
      name: prefix === 'c' ? 'conversation.opened' : 'conversation.resolved',
      at: (prefix === 'c' ? r.created_at : r.resolved_at) ?? r.created_at,
      source: null,
      conversationId: r.id,
      data: { status: r.status },
    }));
  };
  return [...(await read('c', 'created_at')), ...(await read('d', 'resolved_at'))];
}

async function domainEvents(db: DbOrTx, q: TimelineQuery, take: number): Promise<TimelineItemView[]> {
  const types = q.kinds.flatMap((k) => eventTypesByKind[k] ?? []);
  if (types.length === 0) return [];
  const from = position(q.after, 'e');
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('workspace_id', '=', q.workspaceId)
    .where('contact_id', '=', q.contactId)
    .where('type', 'in', types)
    .$if(from !== null, (qb) => qb.where(after(from, 'occurred_at', 'id')))
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(take)
    .execute();
  return rows.map((r) => {
    const payload = JSON.parse(r.payload_json) as Record<string, unknown>;
    return {
      id: `e:${pad(r.id)}`,
      kind: r.type.startsWith('segment.') ? 'segment' : r.type.includes('merged') ? 'merge' : 'identity',
      name: r.type,
      at: r.occurred_at,
      source: typeof payload['source'] === 'string' ? payload['source'] : typeof payload['actor'] === 'string' ? payload['actor'] : null,
      conversationId: r.conversation_id,
      data: payload,
    };
  });
}

/** Channel types and message counts of the page's conversations: two queries, whatever the page size. */
async function describeConversations(db: DbOrTx, workspaceId: string, items: TimelineItemView[]): Promise<void> {
  const ids = [...new Set(items.filter((i) => i.kind === 'conversation' && i.conversationId).map((i) => i.conversationId ?? ''))];
  if (ids.length === 0) return;
  const counts = await db
    .selectFrom('messages')
    .select(['conversation_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', 'in', ids)
    .groupBy('conversation_id')
    .execute();
  const channels = await db
    .selectFrom('messages')
    .select(['conversation_id', 'channel_type'])
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', 'in', ids)
    .where('channel_type', 'is not', null)
    .execute();
  for (const item of items) {
    if (item.kind !== 'conversation') continue;
    const count = counts.find((c) => c.conversation_id === item.conversationId)?.n ?? 0;
    item.data = {
      ...item.data,
      messageCount: Number(count),
      channelTypes: channels
        .filter((c) => c.conversation_id === item.conversationId)
        .map((c) => c.channel_type)
        .sort(),
    };
  }
}
