import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.ts';
import { buildApp, type AppOverrides, type FioApp } from '../../src/app.ts';
import { createApiToken } from '../../src/security/bootstrap-admin.ts';
import { createPgDatabase, type DialectName } from './databases.ts';

export const repoRoot = new URL('../../../../', import.meta.url).pathname;

export interface TestEnvironment {
  dataDir: string;
  databaseUrl: string | undefined;
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}

/** A data dir (and, for PostgreSQL, a fresh database) that survives app restarts within one test. */
export async function createTestEnvironment(dialect: DialectName, env: Record<string, string> = {}): Promise<TestEnvironment> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fio-test-'));
  const pgDb = dialect === 'postgres' ? await createPgDatabase() : null;
  return {
    dataDir,
    databaseUrl: pgDb?.url,
    env,
    cleanup: async () => {
      rmSync(dataDir, { recursive: true, force: true });
      await pgDb?.drop();
    },
  };
}

export function testConfig(te: TestEnvironment, overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', FIO_POLL_MS: '50', ...te.env }, repoRoot);
  return { ...base, dataDir: te.dataDir, databaseUrl: te.databaseUrl, workspaceDirs: [join(repoRoot, 'workspaces/demo')], ...overrides };
}

export interface RunningApp {
  app: FioApp;
  baseUrl: string;
  wsUrl: string;
  workspaceId: string;
  adminToken: string;
}

export async function startTestApp(te: TestEnvironment, overrides: AppOverrides & { config?: Partial<Config> } = {}): Promise<RunningApp> {
  const app = await buildApp(testConfig(te, overrides.config), { env: { ...process.env, ...te.env }, ...overrides });
  const address = await app.start();
  const workspace = app.deps.workspaces.bySlug('loja-exemplo');
  if (!workspace) throw new Error('demo workspace not loaded');
  const adminToken = await createApiToken(app.database.db, workspace.id, 'test', 'admin', new Date().toISOString());
  return { app, baseUrl: address, wsUrl: address.replace(/^http/, 'ws') + '/ws', workspaceId: workspace.id, adminToken };
}

/** Polls until `check` returns a value (not undefined/false) or the time runs out. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
