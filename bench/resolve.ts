// `npm run bench -- resolve [--json] [--contacts N] [--samples N] [--keep DIR]`: identity resolution and
// segment-membership updates on SQLite at a million contacts. Seeds a fresh database with the real
// migrations, then times the real resolveContact and the segment refresh one unit of work at a time,
// each in a transaction the way the ingest and POST /api/v1/events run them, and checks with EXPLAIN
// QUERY PLAN that every statement of both paths is an index lookup.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../apps/server/src/storage/index.ts';
import { captureQueryPlans, type StatementPlan } from './resolve/capture-query-plans.ts';
import { resolveInTransaction } from './resolve/resolve-in-transaction.ts';
import { createResolveMix, resolveCases, type ResolveSample } from './resolve/resolve-mix.ts';
import { benchWorkspaceId, seedClock, seedDatabase, type SeedClock } from './resolve/seed-database.ts';
import {
  prepareSegmentUpdates,
  segmentDefinitions,
  segmentUpdateKinds,
  type SegmentUpdateKind,
  type SegmentUpdates,
} from './resolve/segment-updates.ts';
import { hash32 } from './resolve/synthetic-people.ts';
import { summarizeLatency, timeEach, type Latency } from './resolve/time-each.ts';

export interface ResolveBenchOptions {
  contacts: number;
  /** Timed units of work per path (after a warm-up of a tenth as many). */
  samples: number;
  /** Keep the seeded database in this directory and reuse it on the next run with the same --contacts. */
  keepDir: string | undefined;
}

interface SeedInfo {
  contacts: number;
  nowMs: number;
}

export async function runResolveBench(opts: ResolveBenchOptions): Promise<Record<string, number | object>> {
  // Synthetic phones stay distinct below 40 million people, new customers of every run included.
  if (!Number.isInteger(opts.contacts) || opts.contacts < 100 || opts.contacts > 10_000_000)
    throw new Error(`bench resolve: --contacts must be a whole number from 100 to 10000000 (got ${opts.contacts})`);
  if (!Number.isInteger(opts.samples) || opts.samples < 1)
    throw new Error(`bench resolve: --samples must be a positive whole number (got ${opts.samples})`);
  const dir = opts.keepDir ?? mkdtempSync(join(tmpdir(), 'fio-bench-resolve-'));
  try {
    const definitions = segmentDefinitions();
    const { file, clock, seedSeconds } = await prepareDatabase(
      dir,
      opts.contacts,
      definitions.map((d) => d.id),
    );
    const dbMb = Math.round(statSync(file).size / 1e6);
    const handle = openSqlite(file);
    // Samples happen after the seed's "now", a second apart in the clock the code sees.
    let tick = 0;
    const now = () => new Date(clock.nowMs + 1000 * ++tick).toISOString();
    const segments = await prepareSegmentUpdates(handle, benchWorkspaceId, definitions, opts.contacts, clock, now);
    try {
      // Tail latencies measure the machine too: other processes competing for the CPU show up in p99.
      console.log(
        `  load average ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')} on ${cpus().length} CPUs`,
      );
      console.log(`  segments: ${segments.segmentIds.join(', ')}`);
      const resolve = await measureResolve(file, opts, (s) => resolveInTransaction(handle, segments.deps, benchWorkspaceId, s, now()));
      const update = await measureSegmentUpdates(file, opts, segments);
      const plans = [...resolve.plans, ...update.plans];
      return {
        contacts: opts.contacts,
        resolve_p50_us: resolve.latency.all.p50_us,
        resolve_p99_us: resolve.latency.all.p99_us,
        segment_update_p50_us: update.latency.all.p50_us,
        segment_update_p99_us: update.latency.all.p99_us,
        seed_s: seedSeconds,
        db_mb: dbMb,
        load_average: Number((loadavg()[0] ?? 0).toFixed(2)),
        resolve_by_case: resolve.latency.byKind,
        segment_update_by_kind: update.latency.byKind,
        unindexed_statements: plans.filter((p) => p.scans.length > 0).map((p) => ({ sql: p.sql, plan: p.plan })),
      };
    } finally {
      await segments.stop();
      await handle.close();
    }
  } finally {
    if (!opts.keepDir) rmSync(dir, { recursive: true, force: true });
  }
}

/** resolveContact over the mix of senders: plans first, a warm-up, then the timed samples. */
async function measureResolve(file: string, opts: ResolveBenchOptions, resolve: (s: ResolveSample) => Promise<void>) {
  const mix = createResolveMix(opts.contacts, Date.now() % 1_000_000);
  const plans = await captureQueryPlans(file, async () => {
    for (const s of mix.draws(resolveCases.length * 4)) await resolve(s);
  });
  await timeEach(mix.draws(Math.ceil(opts.samples / 10)), resolve);
  const draws = mix.draws(opts.samples);
  const latency = report('resolve', 'senders', await timeEach(draws, resolve), resolveCases, (i) => draws[i]!.kind);
  printPlans('resolve', plans);
  return { latency, plans };
}

/** Business events and attribute changes, each with its segment refresh, on contacts evaluated once first. */
async function measureSegmentUpdates(file: string, opts: ResolveBenchOptions, segments: SegmentUpdates) {
  const pool = segments.pool(Math.ceil(opts.samples / 4));
  const warmStarted = performance.now();
  await segments.warm(pool);
  console.log(`  segment update: ${pool.length} contacts evaluated first in ${((performance.now() - warmStarted) / 1000).toFixed(1)} s`);
  const updates = (count: number, salt: number) =>
    Array.from({ length: count }, (_, k) => ({
      kind: segmentUpdateKinds[k % segmentUpdateKinds.length]!,
      index: pool[hash32(k, salt) % pool.length]!,
    }));
  const update = (u: { kind: SegmentUpdateKind; index: number }) => segments.run(u.kind, u.index);
  const plans = await captureQueryPlans(file, async () => {
    for (const u of updates(40, 1)) await update(u);
  });
  await timeEach(updates(Math.ceil(opts.samples / 10), 2), update);
  const work = updates(opts.samples, 3);
  const latency = report('segment update', 'updates', await timeEach(work, update), segmentUpdateKinds, (i) => work[i]!.kind);
  printPlans('segment update', plans);
  return { latency, plans };
}

/** A fresh seed, or the kept one when it was seeded with the same number of contacts. */
async function prepareDatabase(
  dir: string,
  contacts: number,
  segmentIds: readonly string[],
): Promise<{ file: string; clock: SeedClock; seedSeconds: number }> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'fio.sqlite');
  const infoFile = join(dir, 'seed.json');
  if (existsSync(file) && existsSync(infoFile)) {
    const info = JSON.parse(readFileSync(infoFile, 'utf8')) as SeedInfo;
    if (info.contacts === contacts) {
      console.log(`  reusing the database seeded with ${contacts} contacts in ${dir}`);
      return { file, clock: seedClock(info.nowMs), seedSeconds: 0 };
    }
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`, infoFile]) rmSync(f, { force: true });
  const clock = seedClock(Date.now());
  const started = performance.now();
  const counts = await seedDatabase(file, contacts, clock, segmentIds);
  const seedSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
  console.log(
    `  seeded ${counts.contacts} contacts, ${counts.identities} identities, ${counts.activities} timeline entries, ${counts.memberships} segment memberships in ${seedSeconds} s (${Math.round(statSync(file).size / 1e6)} MB)`,
  );
  writeFileSync(infoFile, JSON.stringify({ contacts, nowMs: clock.nowMs } satisfies SeedInfo));
  return { file, clock, seedSeconds };
}

/** Prints the latency of a path overall and per kind of sample; returns the figures. */
function report<K extends string>(path: string, noun: string, micros: readonly number[], kinds: readonly K[], kindOf: (i: number) => K) {
  const all = summarizeLatency(micros);
  const byKind = Object.fromEntries(kinds.map((kind) => [kind, summarizeLatency(micros.filter((_, i) => kindOf(i) === kind))])) as Record<
    K,
    Latency
  >;
  console.log(`  ${path}: ${all.samples} ${noun}, p50 ${all.p50_us} µs  p99 ${all.p99_us} µs  max ${all.max_us} µs`);
  for (const [kind, l] of Object.entries<Latency>(byKind)) console.log(`    ${kind.padEnd(20)} p50 ${l.p50_us} µs  p99 ${l.p99_us} µs`);
  return { all, byKind };
}

function printPlans(path: string, plans: readonly StatementPlan[]): void {
  const scans = plans.filter((p) => p.scans.length > 0);
  const sorts = plans.filter((p) => p.scans.length === 0 && p.sorts.length > 0);
  console.log(
    `  ${path}: ${plans.length} distinct statements, ${scans.length} scanning a table or index, ${sorts.length} sorting what an index found`,
  );
  for (const p of plans) {
    const mark = p.scans.length > 0 ? 'SCAN' : p.sorts.length > 0 ? 'sort' : 'ok  ';
    console.log(
      `    ${mark} ${p.sql.length > 160 ? `${p.sql.slice(0, 157)}...` : p.sql}\n           ${p.plan.join(' | ') || '(no table read)'}`,
    );
  }
}
