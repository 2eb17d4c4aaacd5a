import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import pg from 'pg';
import { openDatabase, openSqlite, type DatabaseHandle } from '../../src/storage/index.ts';

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

/**
 * A fresh, empty database of this dialect for one test (not migrated: the test picks how far), closed
 * and dropped after it; null when PostgreSQL is not reachable, the test then marked skipped.
 */
export async function openTestDatabase(t: TestContext, dialect: DialectName): Promise<DatabaseHandle | null> {
  if (dialect === 'postgres') {
    const why = await postgresSkipReason();
    if (why) {
      t.skip(why);
      return null;
    }
    const pgDb = await createPgDatabase();
    const handle = await openDatabase({ databaseUrl: pgDb.url, dataDir: tmpdir(), poolSize: 4 });
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
