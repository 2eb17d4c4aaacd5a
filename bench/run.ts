import { parseArgs } from 'node:util';
import { measureAgainstBaseline, type BenchOptions, type Measured } from './measure-against-baseline.ts';
import { runNluBench } from './nlu.ts';
import { runResolveBench } from './resolve.ts';
import { runWidgetBench } from './widget.ts';

/**
 * `npm run bench -- NAME [--json] [--seconds N] [--connections N] [--profile DIR] [--sql-timing FILE]`
 * (resolve: `[--contacts N] [--samples N] [--keep DIR]`; widget: `[--connections N] [--inbox-sessions N] [--messages N]`).
 * Each benchmark measures its own baseline in the same run; with --json the last line is one JSON object.
 */
interface Benchmark {
  describe: string;
  defaults: { connections: number };
  /** False for benchmarks that drive no HTTP load (their own lines say what they ran). */
  load?: false;
  run(opts: BenchOptions, args: BenchArgs): Promise<Record<string, number | string | object>>;
}

interface BenchArgs {
  contacts: number;
  samples: number;
  keep: string | undefined;
  inboxSessions: number;
  messages: number;
}

const benchmarks: Record<string, Benchmark> = {
  ingest: {
    describe: 'signed API-channel POSTs acknowledged (2xx = stored durably) per second, against a bare Fastify endpoint',
    defaults: { connections: 32 },
    run: async (opts) => summarize(await measureAgainstBaseline('ingest', opts)),
  },
  pipeline: {
    describe: 'messages whose bot reply reached the callback URL per second (one message in flight per customer)',
    defaults: { connections: 64 },
    run: async (opts) => summarize(await measureAgainstBaseline('round-trip', opts)),
  },
  nlu: {
    describe: 'intent classification on CLINC150 (train → test): Fio against nlp.js, trained and timed in the same run',
    defaults: { connections: 1 },
    run: async () => runNluBench(),
  },
  resolve: {
    describe: 'identity resolution and segment-membership updates at a million contacts on SQLite (one unit of work at a time)',
    defaults: { connections: 1 },
    load: false,
    run: async (_opts, args) => runResolveBench({ contacts: args.contacts, samples: args.samples, keepDir: args.keep }),
  },
  widget: {
    describe:
      'memory per idle widget WebSocket session (Fio against a bare ws server), and the fan-out latency of a message to signed-in inbox sessions',
    defaults: { connections: 20_000 },
    load: false,
    run: async (opts, args) =>
      runWidgetBench({ connections: opts.connections, inboxSessions: args.inboxSessions, messages: args.messages }),
  },
};

function summarize(m: Measured): Record<string, number | string> {
  const round = (n: number, digits = 1) => Number(n.toFixed(digits));
  for (const [label, r] of [
    ['bare', m.bare],
    ['fio ', m.fio],
  ] as const) {
    console.log(
      `${label}  ${round(r.perSecond)}/s  p50 ${round(r.p50Ms, 2)} ms  p99 ${round(r.p99Ms, 2)} ms  (${r.completed} counted, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.lostReplies} replies lost, ${r.callbacks} callbacks)`,
    );
  }
  return {
    messages_per_s: round(m.fio.perSecond),
    p50_ms: round(m.fio.p50Ms, 2),
    p99_ms: round(m.fio.p99Ms, 2),
    bare_per_s: round(m.bare.perSecond),
    ratio: m.bare.perSecond > 0 ? round(m.fio.perSecond / m.bare.perSecond, 3) : 0,
    bare_p99_ms: round(m.bare.p99Ms, 2),
    sqlite_sync: m.sqliteSync,
  };
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string' },
      customers: { type: 'string', default: '500' },
      profile: { type: 'string' },
      'sql-timing': { type: 'string' },
      'data-dir': { type: 'string' },
      'fio-env': { type: 'string', multiple: true },
      contacts: { type: 'string', default: '1000000' },
      samples: { type: 'string', default: '24000' },
      keep: { type: 'string' },
      'inbox-sessions': { type: 'string', default: '1000' },
      messages: { type: 'string', default: '30' },
    },
  });
  const name = positionals[0] ?? '';
  const bench = benchmarks[name];
  if (!bench) {
    console.error(`bench: unknown benchmark "${name}". Known: ${Object.keys(benchmarks).join(', ')}`);
    console.error(
      'usage: npm run bench -- NAME [--json] [--seconds N] [--warmup N] [--connections N] [--customers N] [--profile DIR] [--sql-timing FILE] [--data-dir DIR] [--fio-env K=V ...] [--contacts N] [--samples N] [--keep DIR] [--inbox-sessions N] [--messages N]',
    );
    process.exit(2);
  }
  const opts: BenchOptions = {
    seconds: Number(values.seconds),
    warmupSeconds: Number(values.warmup),
    connections: Number(values.connections ?? bench.defaults.connections),
    customers: Number(values.customers),
    profileDir: values.profile,
    sqlTimingFile: values['sql-timing'],
    dataDir: values['data-dir'],
    fioEnv: Object.fromEntries((values['fio-env'] ?? []).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])),
  };
  console.log(`bench ${name}: ${bench.describe}`);
  if (bench.load !== false)
    console.log(
      `  ${opts.connections} connections, ${opts.warmupSeconds} s warm-up + ${opts.seconds} s measured, SQLite synchronous=${process.env['FIO_SQLITE_SYNC'] === 'full' ? 'FULL' : 'NORMAL'} (WAL)`,
    );
  const result = await bench.run(opts, {
    contacts: Number(values.contacts),
    samples: Number(values.samples),
    keep: values.keep,
    inboxSessions: Number(values['inbox-sessions']),
    messages: Number(values.messages),
  });
  if (values.json) console.log(JSON.stringify({ bench: name, ...result }));
  else
    console.log(
      Object.entries(result)
        .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`)
        .join('  '),
    );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
