import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { createGroupCommit, createPlainTransact, type Transact } from './group-commit.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database handle or a transaction: repositories accept both. */
export type DbOrTx = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** Runs one unit of work in a transaction (grouped with others into one commit on SQLite). */
  transact: Transact;
  /** Human description without credentials, for logs. */
  describe: string;
  close: () => Promise<void>;
}

export class DatabaseConnectError extends Error {
  override readonly name = 'DatabaseConnectError';
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** SQLite `synchronous` pragma: NORMAL survives process crashes (WAL); FULL also survives power loss. */
  sqliteSync?: 'normal' | 'full';
  poolSize?: number;
}

export async function openDatabase(opts: DatabaseOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openSqlite(join(opts.dataDir, 'fio.sqlite'), opts.sqliteSync ?? 'normal');
}

export function openSqlite(file: string, sync: 'normal' | 'full' = 'normal'): DatabaseHandle {
  if (file !== ':memory:') mkdirSync(join(file, '..'), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // A larger page cache and memory-mapped reads: the working set of a busy inbox stays in memory.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 268435456');
  sqlite.pragma('temp_store = MEMORY');
  sqlite.defaultSafeIntegers(false);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const checkpointer = file === ':memory:' ? null : startCheckpointer(sqlite, file);
  return {
    db,
    dialect: 'sqlite',
    transact: createGroupCommit(db),
    describe: `sqlite:${file}`,
    close: async () => {
      await db.destroy();
      await checkpointer?.stop();
    },
  };
}

/**
 * Checkpoints move WAL pages into the database file and fsync it; done by SQLite on the committing
 * connection they stall the event loop for tens of milliseconds. A worker thread does them instead,
 * every half second; SQLite's own auto-checkpoint stays on, far out, as a safety net.
 */
function startCheckpointer(sqlite: SqliteDatabase.Database, file: string) {
  sqlite.pragma('wal_autocheckpoint = 20000');
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), { workerData: { file, intervalMs: 500 } });
  worker.unref();
  let exited = false;
  worker.once('exit', () => (exited = true));
  worker.on('error', () => {
    // Without the worker, SQLite checkpoints on its own again (if the database is still open).
    try {
      if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
    } catch {
      // closed meanwhile: nothing to checkpoint
    }
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const done = () => resolve();
        worker.once('message', () => void worker.terminate().then(done, done));
        worker.once('exit', done);
        worker.postMessage('stop');
      }),
  };
}

/**
 * Kysely prepares every query anew; SQLite's prepare is the dominant cost of a small statement,
 * so keep prepared statements by SQL text (the set of distinct query shapes is small and fixed).
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop === 'prepare') {
        return (source: string) => {
          let stmt = cache.get(source);
          if (!stmt) {
            stmt = target.prepare(source);
            if (cache.size < 2000) cache.set(source, stmt);
          }
          return stmt;
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const safe = redactUrl(url);
  // An idle client that errors (server restart) must not crash the process: the pool replaces it.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    const why = err instanceof Error ? err.message : String(err);
    throw new DatabaseConnectError(`cannot connect to PostgreSQL at ${safe} (DATABASE_URL): ${why}`, { cause: err });
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', transact: createPlainTransact(db), describe: `postgres:${safe}`, close: () => db.destroy() };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

/** True when the error is a unique-constraint violation, in either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
