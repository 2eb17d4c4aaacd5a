import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

/**
 * What a crash left behind, read straight from the database by another process (SQLite read-only
 * beside the running server, which WAL allows; PostgreSQL over its own connection). Plain SQL that
 * runs on both dialects, so the assertions do not go through the code under test.
 */
export interface StoredMessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  direction: string;
  author: string;
  provider_message_id: string | null;
  reply_to_message_id: string | null;
  status: string;
}

export interface StoredState {
  messages: StoredMessageRow[];
  /** Payloads of every `bot.replied` event. */
  botReplied: Array<{ inReplyTo: string; replies: string[] }>;
  jobs: Array<{ queue: string; status: string; n: number }>;
  receipts: number;
}

export interface StateReader {
  /** Unfinished or dead jobs, by `queue:status`. */
  jobCounts(): Promise<Record<string, number>>;
  read(): Promise<StoredState>;
  close(): Promise<void>;
}

const messagesSql =
  'select id, conversation_id, seq, direction, author, provider_message_id, reply_to_message_id, status from messages order by conversation_id, seq';
const botRepliedSql = "select payload_json from events where type = 'bot.replied' order by id";
const jobsSql = 'select queue, status, count(*) as n from jobs group by queue, status';
const receiptsSql = 'select count(*) as n from inbound_receipts';

export async function openStateReader(target: { dataDir: string; databaseUrl: string | undefined }): Promise<StateReader> {
  const query = target.databaseUrl ? await pgQuery(target.databaseUrl) : sqliteQuery(join(target.dataDir, 'fio.sqlite'));
  const jobs = async () =>
    (await query.all(jobsSql)).map((r) => ({ queue: String(r['queue']), status: String(r['status']), n: Number(r['n']) }));
  return {
    async jobCounts() {
      return Object.fromEntries((await jobs()).map((j) => [`${j.queue}:${j.status}`, j.n]));
    },
    async read() {
      const messages = (await query.all(messagesSql)).map((r) => ({
        id: String(r['id']),
        conversation_id: String(r['conversation_id']),
        seq: Number(r['seq']),
        direction: String(r['direction']),
        author: String(r['author']),
        provider_message_id: textOrNull(r['provider_message_id']),
        reply_to_message_id: textOrNull(r['reply_to_message_id']),
        status: String(r['status']),
      }));
      const botReplied = (await query.all(botRepliedSql)).map((r) => {
        const payload: unknown = JSON.parse(String(r['payload_json']));
        const record = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
        return { inReplyTo: String(record['inReplyTo']), replies: Array.isArray(record['replies']) ? record['replies'].map(String) : [] };
      });
      const receipts = Number((await query.all(receiptsSql))[0]?.['n'] ?? 0);
      return { messages, botReplied, jobs: await jobs(), receipts };
    },
    close: () => query.close(),
  };
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

interface RowQuery {
  all(sql: string): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

function sqliteQuery(file: string): RowQuery {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  return {
    all: (sql) => Promise.resolve(db.prepare(sql).all() as Array<Record<string, unknown>>),
    close: () => Promise.resolve(void db.close()),
  };
}

async function pgQuery(url: string): Promise<RowQuery> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    all: async (sql) => (await client.query<Record<string, unknown>>(sql)).rows,
    close: () => client.end(),
  };
}
