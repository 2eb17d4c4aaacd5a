import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signApiRequest } from '@fio/channel-api';

/**
 * The load generator, a process of its own (started by run.ts over IPC). It runs the business's
 * callback receiver and, on each `run` order, keeps N keep-alive connections busy posting signed
 * API-channel messages for warm-up + measured seconds.
 *   ingest:     closed loop per connection; a message counts when its POST answers 2xx.
 *   round-trip: one customer per connection, one message at a time; a message counts when the reply
 *               to it reaches the callback receiver (latency = POST sent → callback received).
 */
export interface RunOrder {
  type: 'run';
  mode: 'ingest' | 'round-trip';
  url: string;
  secret: string;
  connections: number;
  customers: number;
  warmupSeconds: number;
  seconds: number;
  runId: string;
}

export interface RunResult {
  type: 'result';
  completed: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  lostReplies: number;
  callbacks: number;
}

export type LoadGeneratorMessage = { type: 'ready'; callbackUrl: string } | RunResult;

const texts = ['oi', 'que horas vocês abrem?', 'obrigado', 'vocês estão abertos hoje?'];
const replyTimeoutMs = 10_000;

const waiters = new Map<string, (at: number) => void>();
let callbacks = 0;

const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const at = performance.now();
    callbacks++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to?: { id?: string } };
      const to = body.to?.id ?? '';
      const waiter = waiters.get(to);
      if (waiter) {
        waiters.delete(to);
        waiter(at);
      }
    } catch {
      // not ours
    }
  });
});
receiver.keepAliveTimeout = 30_000;

function post(agent: Agent, url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function run(order: RunOrder): Promise<RunResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: order.connections });
  const begin = performance.now();
  const measureFrom = begin + order.warmupSeconds * 1000;
  const end = measureFrom + order.seconds * 1000;
  const latencies: number[] = [];
  const counts = { non2xx: 0, errors: 0, lostReplies: 0 };
  const callbacksBefore = callbacks;
  let next = 0;

  const message = (i: number, customer: string) => {
    const body = JSON.stringify({
      messageId: `${order.runId}-m${i}`,
      from: { id: customer, name: 'Bench Customer' },
      text: texts[i % texts.length],
    });
    return { body, headers: { ...signApiRequest(order.secret, body) } };
  };
  const record = (sentAt: number, doneAt: number) => {
    if (doneAt >= measureFrom && doneAt < end) latencies.push(doneAt - sentAt);
  };

  const ingestLoop = async () => {
    while (performance.now() < end) {
      const i = next++;
      const { body, headers } = message(i, `${order.runId}-c${i % order.customers}`);
      const sentAt = performance.now();
      try {
        const status = await post(agent, order.url, body, headers);
        if (status >= 200 && status < 300) record(sentAt, performance.now());
        else counts.non2xx++;
      } catch {
        counts.errors++;
        await new Promise((r) => setTimeout(r, 10));
      }
    }
  };

  const roundTripLoop = async (connection: number) => {
    const customer = `${order.runId}-c${connection}`;
    while (performance.now() < end) {
      const i = next++;
      const { body, headers } = message(i, customer);
      const replied = new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(customer);
          resolve(null);
        }, replyTimeoutMs);
        waiters.set(customer, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });
      const sentAt = performance.now();
      try {
        const status = await post(agent, order.url, body, headers);
        if (status < 200 || status >= 300) {
          counts.non2xx++;
          waiters.delete(customer);
          continue;
        }
      } catch {
        counts.errors++;
        waiters.delete(customer);
        await new Promise((r) => setTimeout(r, 10));
        continue;
      }
      const at = await replied;
      if (at === null) counts.lostReplies++;
      else record(sentAt, at);
    }
  };

  const loops = Array.from({ length: order.connections }, (_, c) => (order.mode === 'ingest' ? ingestLoop() : roundTripLoop(c)));
  await Promise.all(loops);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    type: 'result',
    completed: latencies.length,
    perSecond: latencies.length / order.seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    ...counts,
    callbacks: callbacks - callbacksBefore,
  };
}

receiver.listen(0, '127.0.0.1', () => {
  const { port } = receiver.address() as AddressInfo;
  process.send?.({ type: 'ready', callbackUrl: `http://127.0.0.1:${port}/callback` } satisfies LoadGeneratorMessage);
});
process.on('message', (order: RunOrder) => {
  void run(order).then((result) => process.send?.(result satisfies LoadGeneratorMessage));
});
process.on('disconnect', () => process.exit(0));
