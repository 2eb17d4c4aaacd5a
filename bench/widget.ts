import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { signApiRequest } from '@fio/channel-api';
import { pickFreePort, repoRoot } from './spawn-server.ts';
import { seedInboxSessions } from './widget/seed-inbox-sessions.ts';
import { fanoutMarkerPrefix, type SessionCommand, type SessionReply } from './widget/session-client.ts';
import { spawnMeasuredProcess, type MeasuredProcess } from './widget/spawn-measured-process.ts';

/**
 * `npm run bench -- widget`: memory of idle widget sessions in Fio against a bare `ws` server (same
 * number of sockets, same hello/welcome, both measured as their own process after a forced GC), then
 * the latency of a customer message fanned out to signed-in inbox sessions. The sessions are opened
 * by separate load processes (each holds at most `perClient` sockets: the file-descriptor limit).
 */
export interface WidgetBenchOptions {
  connections: number;
  inboxSessions: number;
  messages: number;
}

const apiSecret = 'bench-widget-api-secret-0123456789';
const perClient = 9_500;
// Several loopback source addresses: 20,000 sockets to one port would exhaust one address's ephemeral ports.
const sourceAddresses = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 1}`);

export async function runWidgetBench(asked: WidgetBenchOptions): Promise<Record<string, number>> {
  // One server process holds every socket: it cannot hold more than its file-descriptor limit allows.
  const fdLimit = openFilesLimit();
  const opts = { ...asked, connections: Math.min(asked.connections, fdLimit - 500) };
  if (opts.connections < asked.connections)
    console.log(
      `  ${asked.connections} sessions asked, ${opts.connections} opened: one process may hold ${fdLimit} file descriptors here (ulimit -Hn)`,
    );
  const dataDir = mkdtempSync(join(tmpdir(), 'fio-bench-widget-'));
  let server: MeasuredProcess | null = null;
  const clients: SessionClient[] = [];
  try {
    for (let i = 0; i < Math.ceil(opts.connections / perClient); i++) clients.push(startSessionClient());

    const port = await pickFreePort();
    server = await spawnMeasuredProcess({
      script: 'apps/server/src/cli/main.ts',
      args: ['start'],
      port,
      healthPath: '/healthz',
      env: {
        FIO_DATA_DIR: dataDir,
        DATABASE_URL: '',
        LOG_LEVEL: 'warn',
        FIO_DEMO_API_SECRET: apiSecret,
        FIO_DEMO_API_CALLBACK_URL: `http://127.0.0.1:${port}/dev/callback-sink`,
        // The per-IP limit on opening widget sockets would refuse a load generator's 20,000 at once.
        FIO_WIDGET_RATE_PER_MIN: '100000000',
      },
    });
    const fio = await measureIdleSessions(server, clients, opts.connections, 'fio');
    const fanout = await measureFanout(server, clients[0] ?? startSessionClient(), dataDir, opts);
    await server.stop();
    server = null;

    const barePort = await pickFreePort();
    server = await spawnMeasuredProcess({ script: 'bench/widget/bare-ws-server.ts', port: barePort, healthPath: '/healthz', env: {} });
    const bare = await measureIdleSessions(server, clients, opts.connections, 'bare ws');
    await server.stop();
    server = null;

    const round = (n: number, digits = 2) => Number(n.toFixed(digits));
    return {
      connections: fio.opened,
      rss_mb: round(fio.rssAfterKb / 1024, 1),
      kb_per_connection: round(fio.kbPerConnection),
      bare_ws_kb_per_connection: round(bare.kbPerConnection),
      ratio: bare.kbPerConnection > 0 ? round(fio.kbPerConnection / bare.kbPerConnection, 3) : 0,
      fanout_sessions: fanout.sessions,
      fanout_p50_ms: round(fanout.p50),
      fanout_p99_ms: round(fanout.p99),
    };
  } finally {
    await server?.stop();
    for (const c of clients) c.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureIdleSessions(server: MeasuredProcess, clients: SessionClient[], connections: number, label: string) {
  await new Promise((r) => setTimeout(r, 1500));
  const rssBeforeKb = await server.settledRssKb();
  const url = `${server.baseUrl.replace(/^http/, 'ws')}/ws`;
  let opened = 0;
  let failed = 0;
  let ms = 0;
  let firstError: string | null = null;
  let left = connections;
  const replies = await Promise.all(
    clients.map((client) => {
      const count = Math.min(perClient, left);
      left -= count;
      return count > 0
        ? client.request({ cmd: 'widgets', url, count, connectionId: 'demo-webchat', sourceAddresses })
        : Promise.resolve(null);
    }),
  );
  for (const r of replies) {
    if (r?.cmd !== 'opened') continue;
    opened += r.opened;
    failed += r.failed;
    ms = Math.max(ms, r.ms);
    firstError ??= r.firstError;
  }
  const rssAfterKb = await server.settledRssKb();
  const kbPerConnection = opened > 0 ? (rssAfterKb - rssBeforeKb) / opened : 0;
  console.log(
    `${label.padEnd(7)} ${opened} idle widget sessions opened in ${ms} ms (${failed} failed${firstError ? `: ${firstError}` : ''}); RSS ${(rssBeforeKb / 1024).toFixed(1)} → ${(rssAfterKb / 1024).toFixed(1)} MB = ${kbPerConnection.toFixed(2)} KB per session`,
  );
  await Promise.all(clients.map((c) => c.request({ cmd: 'close' })));
  return { opened, rssBeforeKb, rssAfterKb, kbPerConnection };
}

async function measureFanout(server: MeasuredProcess, client: SessionClient, dataDir: string, opts: WidgetBenchOptions) {
  const cookies = await seedInboxSessions(dataDir, opts.inboxSessions);
  const opened = await client.request({
    cmd: 'inbox',
    url: `${server.baseUrl.replace(/^http/, 'ws')}/ws/inbox`,
    origin: server.baseUrl,
    cookies,
  });
  if (opened.cmd !== 'opened' || opened.opened !== cookies.length)
    throw new Error(`inbox sessions did not all open: ${JSON.stringify(opened)}`);
  const latencies: number[] = [];
  const perMessage: { i: number; first: number; last: number }[] = [];
  const post = async (text: string, customer: number) => {
    const body = JSON.stringify({ messageId: `bench-${randomBytes(8).toString('hex')}`, from: { id: `bench-customer-${customer}` }, text });
    const res = await fetch(`${server.baseUrl}/webhooks/api/demo-api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signApiRequest(apiSecret, body) },
      body,
    });
    if (!res.ok) throw new Error(`posting a message answered ${res.status}: ${await res.text()}`);
    await res.body?.cancel();
  };
  // Warm-up: the first messages open the conversations (and compile the code paths).
  for (let c = 0; c < 5; c++) await post(`warm-up ${c}`, c);
  await new Promise((r) => setTimeout(r, 1000));
  for (let i = 0; i < opts.messages; i++) {
    const marker = `${fanoutMarkerPrefix}${i}`;
    const arrived = client.next((r) => r.cmd === 'arrived' && r.marker === marker, 15_000);
    const sentAt = performance.timeOrigin + performance.now();
    await post(marker, i % 5);
    const reply = await arrived;
    if (reply.cmd === 'arrived') {
      for (const t of reply.times) latencies.push(t - sentAt);
      perMessage.push({ i, first: Math.min(...reply.times) - sentAt, last: Math.max(...reply.times) - sentAt });
    }
    // Let the bot's answer go by before the next one, so each sample is one message's fan-out.
    await new Promise((r) => setTimeout(r, 150));
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  console.log(
    `fan-out ${cookies.length} inbox sessions × ${opts.messages} messages (POST → frame on every socket): p50 ${at(0.5).toFixed(2)} ms  p99 ${at(0.99).toFixed(2)} ms  max ${(latencies.at(-1) ?? 0).toFixed(2)} ms`,
  );
  const slowest = perMessage.sort((a, b) => b.last - a.last).slice(0, 3);
  console.log(
    `  slowest messages: ${slowest.map((m) => `#${m.i} first socket ${m.first.toFixed(1)} ms, last ${m.last.toFixed(1)} ms`).join('; ')}`,
  );
  await client.request({ cmd: 'close' });
  return { sessions: cookies.length, p50: at(0.5), p99: at(0.99) };
}

interface SessionClient {
  request(command: SessionCommand): Promise<SessionReply>;
  next(match: (reply: SessionReply) => boolean, timeoutMs: number): Promise<SessionReply>;
  stop(): void;
}

function startSessionClient(): SessionClient {
  const child: ChildProcess = fork(new URL('./widget/session-client.ts', import.meta.url).pathname, [], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting: { match: (r: SessionReply) => boolean; resolve: (r: SessionReply) => void }[] = [];
  child.on('message', (reply: SessionReply) => {
    const i = waiting.findIndex((w) => w.match(reply));
    if (i >= 0) waiting.splice(i, 1)[0]?.resolve(reply);
  });
  const next = (match: (r: SessionReply) => boolean, timeoutMs: number) =>
    new Promise<SessionReply>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the session client did not answer within ${timeoutMs} ms`)), timeoutMs);
      waiting.push({
        match,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
    });
  return {
    next,
    request(command) {
      const expected = command.cmd === 'close' ? 'closed' : 'opened';
      const reply = next((r) => r.cmd === expected, 300_000);
      child.send(command);
      return reply;
    },
    stop: () => void child.kill(),
  };
}

function openFilesLimit(): number {
  const match = /^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  const hard = match?.[2];
  return hard === undefined || hard === 'unlimited' ? 1_000_000 : Number(hard);
}
