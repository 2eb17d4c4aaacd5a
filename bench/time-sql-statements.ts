import { writeFileSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';

/**
 * Preloaded into the Fio process (`--import bench/time-sql-statements.ts`, via `bench/run.ts
 * --sql-timing FILE`): wraps better-sqlite3's Statement run/all/get to time every execution by SQL
 * shape, and writes the table to FIO_SQL_TIMING_FILE on exit. Measurement only; the server is unchanged.
 */
interface Timing {
  calls: number;
  totalNs: bigint;
  maxNs: bigint;
}

const out = process.env['FIO_SQL_TIMING_FILE'];
const timings = new Map<string, Timing>();
const probe = new SqliteDatabase(':memory:');
const statementPrototype: Record<string, unknown> = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
probe.close();

const shape = (source: string) =>
  source
    .replace(/\?(, \?)+/g, '?, …')
    .replace(/\s+/g, ' ')
    .trim();

for (const method of ['run', 'all', 'get'] as const) {
  const original = statementPrototype[method];
  if (typeof original !== 'function') continue;
  statementPrototype[method] = function timed(this: { source: string }, ...args: unknown[]): unknown {
    const started = process.hrtime.bigint();
    try {
      return original.apply(this, args) as unknown;
    } finally {
      const ns = process.hrtime.bigint() - started;
      const key = shape(this.source);
      const t = timings.get(key) ?? { calls: 0, totalNs: 0n, maxNs: 0n };
      t.calls++;
      t.totalNs += ns;
      if (ns > t.maxNs) t.maxNs = ns;
      timings.set(key, t);
    }
  };
}

process.on('exit', () => {
  if (!out) return;
  const rows = [...timings].sort((a, b) => Number(b[1].totalNs - a[1].totalNs));
  const totalMs = rows.reduce((s, [, t]) => s + Number(t.totalNs) / 1e6, 0);
  const lines = [`total ${totalMs.toFixed(0)} ms in SQLite statements`, 'total_ms  calls  mean_us  max_ms  statement'];
  for (const [sql, t] of rows) {
    const ms = Number(t.totalNs) / 1e6;
    lines.push(
      `${ms.toFixed(0).padStart(8)} ${String(t.calls).padStart(6)} ${((ms * 1000) / t.calls).toFixed(0).padStart(8)} ${(Number(t.maxNs) / 1e6).toFixed(1).padStart(7)}  ${sql.slice(0, 400)}`,
    );
  }
  writeFileSync(out, `${lines.join('\n')}\n`);
});
