import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pickFreePort, spawnServer, type ServerProcess } from './spawn-server.ts';
import { startLoadGenerator } from './start-load-generator.ts';
import type { RunResult } from './load-generator.ts';

/**
 * One benchmark run: the same load, from the same load-generator process, first against the bare
 * Fastify baseline and then against Fio (`fio start`, SQLite in a fresh temp dir), each a process
 * of its own. Returns both results; run.ts prints them.
 */
export interface BenchOptions {
  seconds: number;
  warmupSeconds: number;
  connections: number;
  customers: number;
  /** Directory for a --cpu-prof profile of the Fio process, when profiling. */
  profileDir: string | undefined;
  /** File to write per-statement SQLite timings of the Fio process to (bench/time-sql-statements.ts). */
  sqlTimingFile: string | undefined;
  /** Keep Fio's SQLite database here for inspection instead of a temp dir removed afterwards. */
  dataDir: string | undefined;
  /** Extra environment for the Fio process (also: FIO_BENCH_PRELOAD=FILE is --imported into it, e.g. bench/event-loop-stats.ts) (FIO_POLL_MS, FIO_DELIVERY_CONCURRENCY...), to test a hypothesis. */
  fioEnv: Record<string, string>;
}

export interface Measured {
  fio: RunResult;
  bare: RunResult;
  sqliteSync: 'normal' | 'full';
}

const secret = 'bench-api-signing-secret-0123456789';

export async function measureAgainstBaseline(mode: 'ingest' | 'round-trip', opts: BenchOptions): Promise<Measured> {
  const sqliteSync = process.env['FIO_SQLITE_SYNC'] === 'full' ? 'full' : 'normal';
  const loadgen = await startLoadGenerator();
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'fio-bench-'));
  let server: ServerProcess | null = null;
  try {
    const order = (url: string, label: string) => ({
      mode,
      url,
      secret,
      connections: opts.connections,
      customers: opts.customers,
      warmupSeconds: opts.warmupSeconds,
      seconds: opts.seconds,
      runId: `${label}-${randomBytes(4).toString('hex')}`,
    });

    server = await spawnServer({
      script: 'bench/bare-server.ts',
      port: await pickFreePort(),
      env: mode === 'round-trip' ? { BARE_CALLBACK_URL: loadgen.callbackUrl } : {},
    });
    const bare = await loadgen.run(order(`${server.baseUrl}/webhooks/api/demo-api`, 'bare'));
    await server.stop();

    server = await spawnServer({
      script: 'apps/server/src/cli/main.ts',
      args: ['start'],
      nodeArgs: [
        ...(opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : []),
        ...(opts.sqlTimingFile ? ['--import', new URL('./time-sql-statements.ts', import.meta.url).pathname] : []),
        ...(process.env['FIO_BENCH_PRELOAD'] ? ['--import', process.env['FIO_BENCH_PRELOAD']] : []),
      ],
      port: await pickFreePort(),
      env: {
        FIO_DATA_DIR: dataDir,
        DATABASE_URL: '',
        LOG_LEVEL: 'warn',
        FIO_SQLITE_SYNC: sqliteSync,
        FIO_DEMO_API_CALLBACK_URL: loadgen.callbackUrl,
        FIO_DEMO_API_SECRET: secret,
        ...(opts.sqlTimingFile ? { FIO_SQL_TIMING_FILE: opts.sqlTimingFile } : {}),
        ...opts.fioEnv,
      },
    });
    const fio = await loadgen.run(order(`${server.baseUrl}/webhooks/api/demo-api`, 'fio'));
    await server.stop();
    server = null;
    return { fio, bare, sqliteSync };
  } finally {
    await server?.stop();
    loadgen.close();
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}
