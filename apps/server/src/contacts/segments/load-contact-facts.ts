import type { DbOrTx } from '../../storage/index.ts';
import type { FactNeeds } from './compile-segment.ts';

/** One occurrence on the timeline, newest first in a series. */
export interface Occurrence {
  at: number;
  properties: Record<string, unknown> | null;
}

export interface ActivitySeries {
  /** Newest first; within the widest window read, at most `seriesLimit` of them. */
  occurrences: Occurrence[];
  /** All occurrences ever when the series is read without a window (counted when it exceeds the limit). */
  total: number;
}

export interface ContactFacts {
  createdAt: number;
  attributes: Record<string, unknown>;
  tags: string[];
  displayName: string | null;
  email: string | null;
  phone: string | null;
  /** By `activityKey(kind, name)`. */
  activities: Map<string, ActivitySeries>;
  /** Creation times of the contact's conversations, newest first. */
  conversations: number[];
  conversationTotal: number;
}

export interface ContactRow {
  id: string;
  merged_into: string | null;
  created_at: string;
  display_name: string | null;
  email: string | null;
  phone: string | null;
  attributes_json: string;
  tags_json: string;
}

/**
 * How many occurrences of one series are read per refresh. Counts over a window wider than this many
 * occurrences see the newest ones only; an unbounded count without filters is counted in the index.
 */
export const seriesLimit = 500;

export async function loadContactRow(db: DbOrTx, workspaceId: string, contactId: string): Promise<ContactRow | undefined> {
  const row = await db
    .selectFrom('contacts')
    .select(['id', 'merged_into', 'created_at', 'display_name', 'email', 'phone', 'attributes_json', 'tags_json'])
    .where('id', '=', contactId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row ? { ...row, merged_into: row.merged_into ?? null } : undefined;
}

/** Reads what the segments need and nothing else: each query walks an index on (workspace, contact, ...). */
export async function loadContactFacts(
  db: DbOrTx,
  workspaceId: string,
  contact: ContactRow,
  needs: FactNeeds,
  now: number,
): Promise<ContactFacts> {
  const facts: ContactFacts = {
    createdAt: Date.parse(contact.created_at),
    attributes: needs.contactFields ? parseObject(contact.attributes_json) : {},
    tags: needs.contactFields ? parseStrings(contact.tags_json) : [],
    displayName: contact.display_name,
    email: contact.email,
    phone: contact.phone,
    activities: new Map(),
    conversations: [],
    conversationTotal: 0,
  };
  for (const [key, need] of needs.activities) {
    const since = need.windowMs === null ? null : new Date(now - need.windowMs).toISOString();
    const rows = await db
      .selectFrom('contact_activities')
      .select(need.properties ? ['occurred_at', 'properties_json'] : ['occurred_at'])
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', '=', contact.id)
      .where('kind', '=', need.kind)
      .where('name', '=', need.name)
      .$if(since !== null, (qb) => qb.where('occurred_at', '>=', since ?? ''))
      .orderBy('occurred_at', 'desc')
      .limit(seriesLimit)
      .execute();
    const occurrences = rows.map((r) => ({
      at: Date.parse(r.occurred_at),
      properties: 'properties_json' in r && typeof r.properties_json === 'string' ? parseObject(r.properties_json) : null,
    }));
    let total = occurrences.length;
    if (since === null && rows.length === seriesLimit) {
      const counted = await db
        .selectFrom('contact_activities')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('workspace_id', '=', workspaceId)
        .where('contact_id', '=', contact.id)
        .where('kind', '=', need.kind)
        .where('name', '=', need.name)
        .executeTakeFirst();
      total = Number(counted?.n ?? total);
    }
    facts.activities.set(key, { occurrences, total });
  }
  if (needs.conversations !== null) {
    const since = needs.conversations === 'all' ? null : new Date(now - needs.conversations).toISOString();
    const rows = await db
      .selectFrom('conversations')
      .select('created_at')
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', '=', contact.id)
      .$if(since !== null, (qb) => qb.where('created_at', '>=', since ?? ''))
      .orderBy('created_at', 'desc')
      .limit(seriesLimit)
      .execute();
    facts.conversations = rows.map((r) => Date.parse(r.created_at));
    facts.conversationTotal = facts.conversations.length;
  }
  return facts;
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function parseStrings(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
