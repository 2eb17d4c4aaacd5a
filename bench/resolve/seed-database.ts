import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { matchKeyOf } from '../../apps/server/src/contacts/match-key.ts';
import { migrateToLatest, type Database } from '../../apps/server/src/storage/index.ts';
import { hash32, personAt } from './synthetic-people.ts';

export const benchWorkspaceId = 'ws_bench_resolve';

/** Contacts were created over the last two years, evenly; their timeline spans the last 90 days. */
const day = 86_400_000;
const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

function base32(n: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = alphabet[n % 32] + out;
    n = Math.floor(n / 32);
  }
  return out;
}

export interface SeedClock {
  /** The moment the seed treats as now: contacts before it, samples after it. */
  nowMs: number;
  spanMs: number;
}

/** Contact `i`'s id, in the shape of storage's newId (time, counter, random), so ids sort by creation. */
export function contactIdAt(i: number, n: number, clock: SeedClock): string {
  return `ct_${base32(createdMsAt(i, n, clock), 10)}${base32(i, 6)}${base32(hash32(i, 30), 6)}`;
}

function createdMsAt(i: number, n: number, clock: SeedClock): number {
  return Math.floor(clock.nowMs - clock.spanMs + (i * clock.spanMs) / Math.max(1, n));
}

export const seedClock = (nowMs: number): SeedClock => ({ nowMs, spanMs: 730 * day });

const eventNames = ['cart_updated', 'page_viewed', 'page_viewed', 'cart_updated', 'page_viewed', 'order_placed'] as const;
/** Intents of the demo workspace (workspaces/demo/intents), the ones its segments read among them. */
const intentNames = ['price_info', 'talk_to_human', 'complaint', 'login_problem', 'order_status', 'delivery_time'];

export interface SeedCounts {
  contacts: number;
  identities: number;
  activities: number;
  memberships: number;
}

/**
 * A database with the real schema (every migration, through migrateToLatest) and `n` contacts of one
 * workspace with their identities, attributes, tags, business events and recognised intents. Written
 * with raw prepared statements in large transactions, the journal in memory and no fsync: a seed is
 * thrown away if it fails, so it needs no durability, only speed (better-sqlite3's defensive mode
 * refuses journal_mode OFF).
 */
export async function seedDatabase(file: string, n: number, clock: SeedClock, segmentIds: readonly string[]): Promise<SeedCounts> {
  const sqlite = new SqliteDatabase(file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrateToLatest(db, 'sqlite');
    sqlite.pragma('journal_mode = MEMORY');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('cache_size = -2000000');
    sqlite.pragma('temp_store = MEMORY');
    return writeRows(sqlite, n, clock, segmentIds);
  } finally {
    await db.destroy();
  }
}

function writeRows(sqlite: SqliteDatabase.Database, n: number, clock: SeedClock, segmentIds: readonly string[]): SeedCounts {
  const nowIso = new Date(clock.nowMs).toISOString();
  sqlite
    .prepare('insert into workspaces (id, slug, name, settings_json, created_at, updated_at) values (?, ?, ?, ?, ?, ?)')
    .run(benchWorkspaceId, 'bench-resolve', 'Bench', '{}', nowIso, nowIso);
  const insertContact = sqlite.prepare(
    `insert into contacts (id, workspace_id, display_name, email, phone, locale, attributes_json, tags_json, created_at, updated_at, field_meta_json, match_key)
     values (?, ?, ?, ?, ?, 'pt-BR', ?, ?, ?, ?, '{}', ?)`,
  );
  const insertIdentity = sqlite.prepare(
    'insert into identities (id, workspace_id, contact_id, kind, value, verified, created_at, source) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertActivity = sqlite.prepare(
    `insert into contact_activities (workspace_id, contact_id, kind, name, properties_json, source, external_id, occurred_at, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMembership = sqlite.prepare(
    'insert into segment_memberships (workspace_id, segment_id, contact_id, entered_at) values (?, ?, ?, ?)',
  );
  const counts: SeedCounts = { contacts: 0, identities: 0, activities: 0, memberships: 0 };

  const writeBatch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const p = personAt(i);
      const id = contactIdAt(i, n, clock);
      const createdAt = new Date(createdMsAt(i, n, clock)).toISOString();
      insertContact.run(
        id,
        benchWorkspaceId,
        p.displayName,
        p.email,
        p.phone,
        JSON.stringify({ city: p.city, plan: p.plan }),
        JSON.stringify(p.tags),
        createdAt,
        createdAt,
        matchKeyOf(p.displayName, { city: p.city }),
      );
      counts.contacts++;
      const identities: [string, string, string][] = [];
      if (p.phone) identities.push(['phone', p.phone, 'channel']);
      if (p.email) identities.push(['email', p.email, 'channel']);
      if (p.visitorId) identities.push(['webchat_visitor', p.visitorId, 'channel']);
      if (p.crmId) identities.push(['external', p.crmId, 'crm']);
      for (const [k, [kind, value, source]] of identities.entries()) {
        // A widget visitor id is never verified (anyone can claim it); the others came verified.
        insertIdentity.run(
          `id_${id.slice(3, 19)}${k}${id.slice(19)}`,
          benchWorkspaceId,
          id,
          kind,
          value,
          kind === 'webchat_visitor' ? 0 : 1,
          createdAt,
          source,
        );
        counts.identities++;
      }
      counts.activities += writeTimeline(insertActivity, i, id, clock);
      // The volume of a workspace whose segments were computed: about one contact in six per segment.
      // Which ones is not evaluated here (the contacts a sample touches are evaluated by the real
      // service before the timing); these rows make the membership index as large as it would be.
      for (const [k, segmentId] of segmentIds.entries()) {
        if (hash32(i, 200 + k) % 6 !== 0) continue;
        insertMembership.run(benchWorkspaceId, segmentId, id, createdAt);
        counts.memberships++;
      }
    }
  });
  const batch = 50_000;
  for (let from = 0; from < n; from += batch) writeBatch(from, Math.min(n, from + batch));
  return counts;
}

/** About two business events and a third of an intent per contact, in the last 90 days. */
function writeTimeline(insert: SqliteDatabase.Statement, i: number, contactId: string, clock: SeedClock): number {
  const events = hash32(i, 40) % 5;
  const intents = hash32(i, 41) % 3 === 0 ? 1 : 0;
  for (let k = 0; k < events + intents; k++) {
    const at = new Date(clock.nowMs - (hash32(i, 50 + k) % (90 * day))).toISOString();
    if (k < events) {
      const name = eventNames[hash32(i, 60 + k) % eventNames.length]!;
      const value = (hash32(i, 70 + k) % 50_000) / 100;
      const properties =
        name === 'page_viewed'
          ? { url: `/produto/${hash32(i, 80 + k) % 5000}` }
          : { value, currency: 'BRL', items: 1 + (hash32(i, 90 + k) % 4) };
      insert.run(
        benchWorkspaceId,
        contactId,
        'event',
        name,
        JSON.stringify(properties),
        'api',
        name === 'order_placed' ? `order-${i}-${k}` : null,
        at,
        at,
      );
    } else {
      insert.run(benchWorkspaceId, contactId, 'intent', intentNames[hash32(i, 100) % intentNames.length]!, '{}', 'bot', null, at, at);
    }
  }
  return events + intents;
}
