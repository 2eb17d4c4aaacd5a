import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import pg from 'pg';
import { migrateToLatest, openDatabase, openSqlite, type DatabaseHandle } from '../../src/storage/index.ts';

/**
 * The databases every storage and pipeline test runs on: SQLite always; PostgreSQL when a server
 * answers at FIO_TEST_PG_URL (default the local `test` database). Each PostgreSQL test gets a fresh
 * database of its own, dropped afterwards.
 */
export const pgAdminUrl = process.env['FIO_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgAvailable: Promise<string | null> | null = null;

/** Resolves to null when PostgreSQL is reachable, else to the one-line reason to skip. */
export function postgresSkipReason(): Promise<string | null> {
  pgAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: pgAdminUrl, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return null;
    } catch (err) {
      if (process.env['FIO_REQUIRE_SERVICES'])
        throw new Error(`PostgreSQL is required (FIO_REQUIRE_SERVICES) but not reachable at ${pgAdminUrl}`, { cause: err });
      return `PostgreSQL not reachable at ${pgAdminUrl} (${err instanceof Error ? err.message : String(err)}): skipping PostgreSQL tests`;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return pgAvailable;
}

export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `fio_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: pgAdminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export type DialectName = 'sqlite' | 'postgres';
export const dialects: DialectName[] = ['sqlite', 'postgres'];

export interface TestDatabaseOptions {
  /** Migrate to the latest schema (otherwise left empty: the test picks how far). Implied by `workspace`. */
  migrate?: boolean;
  /** Insert this workspace row (created and updated at `at`). */
  workspace?: { id: string; slug: string; name: string; at: string };
  /** Also insert an active API channel connection with this id in the workspace. */
  apiConnectionId?: string;
  /** PostgreSQL pool size (default 4). */
  poolSize?: number;
}

/**
 * A fresh database of this dialect for one test, closed and dropped after it; null when PostgreSQL is
 * not reachable, the test then marked skipped. Empty unless the options migrate it or seed a workspace.
 */
export async function openTestDatabase(
  t: TestContext,
  dialect: DialectName,
  options: TestDatabaseOptions = {},
): Promise<DatabaseHandle | null> {
  const handle = await openEmptyDatabase(t, dialect, options.poolSize ?? 4);
  if (!handle) return null;
  const { workspace, apiConnectionId } = options;
  if (options.migrate || workspace) await migrateToLatest(handle.db, handle.dialect);
  if (workspace) {
    const { id, slug, name, at } = workspace;
    await handle.db.insertInto('workspaces').values({ id, slug, name, settings_json: '{}', created_at: at, updated_at: at }).execute();
    if (apiConnectionId)
      await handle.db
        .insertInto('channel_connections')
        .values({
          id: apiConnectionId,
          workspace_id: id,
          type: 'api',
          name: 'App',
          config_json: '{}',
          secrets_enc: 'x',
          status: 'active',
          created_at: at,
          updated_at: at,
        })
        .execute();
  }
  return handle;
}

async function openEmptyDatabase(t: TestContext, dialect: DialectName, poolSize: number): Promise<DatabaseHandle | null> {
  if (dialect === 'postgres') {
    const why = await postgresSkipReason();
    if (why) {
      t.skip(why);
      return null;
    }
    const pgDb = await createPgDatabase();
    const handle = await openDatabase({ databaseUrl: pgDb.url, dataDir: tmpdir(), poolSize });
    t.after(async () => {
      await handle.close();
      await pgDb.drop();
    });
    return handle;
  }
  const dir = mkdtempSync(join(tmpdir(), 'fio-test-db-'));
  const handle = openSqlite(join(dir, 'fio.sqlite'));
  t.after(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return handle;
}
