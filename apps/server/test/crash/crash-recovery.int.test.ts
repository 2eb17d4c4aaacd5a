import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgDatabase, dialects, postgresSkipReason } from '../support/databases.ts';
import { startCallbackReceiver } from '../support/callback-receiver.ts';
import { eventually } from '../support/test-app.ts';
import { createFioProcess, pickFreePort } from './fio-process.ts';
import { postUntilAcknowledged, type IngestAnswer } from './post-until-acknowledged.ts';
import { openStateReader, type StoredState } from './read-stored-state.ts';

/**
 * Fio runs as a separate process and is SIGKILLed twice while 50 customers send 2,000 API-channel
 * messages, each posted twice (a provider retry: at once, concurrently, or only after a restart).
 * Afterwards the database must show every acknowledged message stored once, answered by exactly one
 * bot turn, in the order its customer sent it, and every reply must have reached the callback URL.
 */
const apiSecret = 'crash-test-api-secret-0123456789';
const customers = Number(process.env['FIO_CRASH_CUSTOMERS'] ?? 50);
const messagesPerCustomer = Number(process.env['FIO_CRASH_MESSAGES_PER_CUSTOMER'] ?? 40);
const seed = Number(process.env['FIO_CRASH_SEED'] ?? Date.now() % 1_000_000);
const texts = ['oi', 'que horas vocês abrem?', 'obrigado', 'vocês estão abertos hoje?', 'tchau'];

interface SentMessage {
  customer: number;
  position: number;
  providerId: string;
  answers: IngestAnswer[];
}

for (const dialect of dialects) {
  describe(`crash recovery on ${dialect}`, () => {
    test(
      'every acknowledged message is stored once, answered once, in order, and delivered after two SIGKILLs',
      { timeout: 180_000 },
      async (t) => {
        if (dialect === 'postgres') {
          const why = await postgresSkipReason();
          if (why) return t.skip(why);
        }
        const started = performance.now();
        const random = mulberry32(seed);
        const dataDir = mkdtempSync(join(tmpdir(), 'fio-crash-'));
        const pgDb = dialect === 'postgres' ? await createPgDatabase() : null;
        const receiver = await startCallbackReceiver(apiSecret);
        const fio = createFioProcess({
          port: await pickFreePort(),
          env: {
            FIO_DATA_DIR: dataDir,
            DATABASE_URL: pgDb?.url ?? '',
            FIO_DEMO_API_CALLBACK_URL: receiver.url,
            FIO_DEMO_API_SECRET: apiSecret,
            FIO_POLL_MS: '100',
          },
        });
        t.after(async () => {
          await fio.kill();
          await receiver.close();
          rmSync(dataDir, { recursive: true, force: true });
          await pgDb?.drop();
        });
        await fio.start();

        const url = `${fio.baseUrl}/webhooks/api/demo-api`;
        const total = customers * messagesPerCustomer;
        const killAt = [Math.round(total / 3), Math.round((2 * total) / 3)];
        const sent: SentMessage[] = [];
        const deferred: SentMessage[] = [];
        const background: Array<Promise<void>> = [];
        const counts = { acknowledged: 0, kills: 0, retries: 0, duplicatesPosted: 0, deferredDuplicates: 0, concurrentDuplicates: 0 };
        const restart: { running: Promise<void> | null } = { running: null };

        const post = async (m: SentMessage) => {
          const answer = await postUntilAcknowledged(
            url,
            apiSecret,
            {
              messageId: m.providerId,
              from: { id: customerId(m.customer), name: `Cliente ${m.customer}` },
              text: texts[m.position % texts.length] ?? 'oi',
            },
            { onRetry: () => counts.retries++ },
          );
          m.answers.push(answer);
          return answer;
        };
        const postDuplicate = async (m: SentMessage) => {
          counts.duplicatesPosted++;
          const answer = await post(m);
          assert.equal(answer.duplicate, true, `a retry of ${m.providerId} after its 2xx must be recognised as a duplicate`);
        };
        const crashAndRestart = async () => {
          counts.kills++;
          await fio.kill();
          await new Promise((r) => setTimeout(r, 50 + random() * 250));
          await fio.start();
          // Some provider retries arrive only once the server is back.
          for (const m of deferred.splice(0)) background.push(postDuplicate(m));
        };
        const onAcknowledged = () => {
          counts.acknowledged++;
          const next = killAt[counts.kills];
          if (restart.running === null && next !== undefined && counts.acknowledged >= next) {
            restart.running = crashAndRestart().finally(() => {
              restart.running = null;
            });
            background.push(restart.running);
          }
        };

        const runCustomer = async (customer: number) => {
          const pick = mulberry32(seed * 100 + customer);
          for (let position = 0; position < messagesPerCustomer; position++) {
            const m: SentMessage = { customer, position, providerId: `crash-${customer}-${position}`, answers: [] };
            sent.push(m);
            const retry = pick();
            if (retry < 0.15) {
              // The provider's retry overtakes its first attempt: both in flight at once.
              counts.concurrentDuplicates++;
              counts.duplicatesPosted++;
              await Promise.all([post(m), post(m)]);
            } else {
              await post(m);
              if (retry < 0.65) await postDuplicate(m);
              else {
                counts.deferredDuplicates++;
                deferred.push(m);
              }
            }
            onAcknowledged();
          }
        };
        await Promise.all(Array.from({ length: customers }, (_, c) => runCustomer(c)));
        while (restart.running !== null) await restart.running;
        for (const m of deferred.splice(0)) background.push(postDuplicate(m));
        await Promise.all(background);
        assert.equal(counts.kills, killAt.length, 'the server was killed twice');

        // Drained: no job left but segment timers (one per contact, due when a time condition such as
        // "new customer for 7 days" flips), and every reply stored so far has reached the callback URL.
        const reader = await openStateReader({ dataDir, databaseUrl: pgDb?.url });
        try {
          let lastCounts: Record<string, number> = {};
          await eventually(
            async () => Object.keys((lastCounts = await reader.jobCounts())).filter((k) => k !== 'segment:pending').length === 0,
            60_000,
            'the job table to empty',
          ).catch((err: unknown) => {
            throw new Error(`${err instanceof Error ? err.message : String(err)}; left: ${JSON.stringify(lastCounts)}`);
          });
        } finally {
          await reader.close();
        }
        await fio.stop();

        const finalReader = await openStateReader({ dataDir, databaseUrl: pgDb?.url });
        let state: StoredState;
        try {
          state = await finalReader.read();
        } finally {
          await finalReader.close();
        }
        const delivered = new Set(receiver.received.map((c) => String(c.body['messageId'])));
        assertOutcome(state, sent, delivered);
        assert.ok(
          receiver.received.every((c) => c.signatureValid),
          'every callback is signed',
        );

        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        console.log(
          `crash-recovery ${dialect}: ${total} messages from ${customers} customers, ${counts.kills} kills, ${counts.duplicatesPosted} duplicates posted ` +
            `(${counts.concurrentDuplicates} concurrent, ${counts.deferredDuplicates} after a restart or at the end), ${counts.retries} post retries, ` +
            `${receiver.received.length - delivered.size} callbacks redelivered, seed ${seed}, ${seconds} s`,
        );
      },
    );
  });
}

function assertOutcome(state: StoredState, sent: SentMessage[], delivered: Set<string>) {
  // Segment timers wait for their time (one per new customer: "new customer" ends after 7 days).
  assert.deepEqual(
    state.jobs.filter((j) => !(j.queue === 'segment' && j.status === 'pending')),
    [],
    'no job but segment timers is pending, running or dead',
  );

  const inbound = state.messages.filter((m) => m.direction === 'inbound');
  const byProvider = new Map<string, typeof inbound>();
  for (const m of inbound) byProvider.set(m.provider_message_id ?? '', [...(byProvider.get(m.provider_message_id ?? '') ?? []), m]);
  const duplicates = [...byProvider].filter(([, rows]) => rows.length > 1).map(([id]) => id);
  assert.deepEqual(duplicates, [], 'no provider message is stored twice');
  const missing = sent.filter((m) => !byProvider.has(m.providerId)).map((m) => m.providerId);
  assert.deepEqual(missing, [], 'every acknowledged message is stored');
  assert.equal(inbound.length, sent.length, 'nothing else was stored');
  assert.equal(state.receipts, sent.length, 'one delivery receipt per provider message');

  for (const m of sent) {
    const stored = byProvider.get(m.providerId)?.[0];
    const ids = new Set(m.answers.map((a) => a.messageId));
    assert.deepEqual([...ids], [stored?.id], `every 2xx for ${m.providerId} names the one stored message`);
  }

  // Exactly one bot turn per inbound message, and all its replies are the ones that turn recorded.
  const turns = new Map<string, string[][]>();
  for (const e of state.botReplied) turns.set(e.inReplyTo, [...(turns.get(e.inReplyTo) ?? []), e.replies]);
  const outbound = state.messages.filter((m) => m.direction === 'outbound');
  const repliesTo = new Map<string, string[]>();
  for (const m of outbound) repliesTo.set(m.reply_to_message_id ?? '', [...(repliesTo.get(m.reply_to_message_id ?? '') ?? []), m.id]);
  const turnProblems: string[] = [];
  for (const m of inbound) {
    const recorded = turns.get(m.id) ?? [];
    const replies = repliesTo.get(m.id) ?? [];
    if (recorded.length !== 1) turnProblems.push(`${m.provider_message_id}: ${recorded.length} bot.replied events`);
    else if (replies.length === 0) turnProblems.push(`${m.provider_message_id}: no bot reply`);
    else if ([...replies].sort().join() !== [...(recorded[0] ?? [])].sort().join())
      turnProblems.push(`${m.provider_message_id}: replies from more than one turn`);
  }
  assert.deepEqual(turnProblems.slice(0, 10), [], `${turnProblems.length} inbound messages not answered exactly once`);
  assert.equal(state.botReplied.length, inbound.length, 'no bot turn answers a message that does not exist');
  assert.ok(
    outbound.every((m) => m.author === 'bot'),
    'only the bot wrote',
  );

  // Order: each customer's messages sit in one conversation, in the order they were sent; seqs are dense.
  const row = new Map(inbound.map((m) => [m.provider_message_id ?? '', m]));
  const orderProblems: string[] = [];
  for (const [customer, own] of groupBy(sent, (m) => m.customer)) {
    const rows = own.sort((a, b) => a.position - b.position).map((m) => row.get(m.providerId));
    if (new Set(rows.map((r) => r?.conversation_id)).size !== 1)
      orderProblems.push(`${customerId(customer)} spans more than one conversation`);
    rows.forEach((r, i) => {
      const before = rows[i - 1];
      if (i > 0 && r && before && r.seq <= before.seq)
        orderProblems.push(`${customerId(customer)}: message ${i} has seq ${r.seq} after ${before.seq}`);
    });
  }
  for (const [conversationId, rows] of groupBy(state.messages, (m) => m.conversation_id)) {
    const seqs = rows.map((r) => r.seq).sort((a, b) => a - b);
    if (seqs.some((s, i) => s !== i + 1)) orderProblems.push(`conversation ${conversationId} has gaps or repeats in its seqs`);
  }
  assert.deepEqual(orderProblems.slice(0, 10), [], `${orderProblems.length} ordering problems`);

  // Delivery is at least once: the callback's messageId is the idempotency key.
  const undelivered = outbound.filter((m) => !delivered.has(m.id)).map((m) => m.id);
  assert.deepEqual(undelivered.slice(0, 10), [], `${undelivered.length} bot replies never reached the callback URL`);
  const notMarked = outbound.filter((m) => m.status !== 'delivered').map((m) => `${m.id}:${m.status}`);
  assert.deepEqual(notMarked.slice(0, 10), [], `${notMarked.length} delivered replies not marked delivered`);
}

function customerId(customer: number): string {
  return `crash-customer-${customer}`;
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

/** Small seeded generator, so a failing run can be replayed with FIO_CRASH_SEED. */
function mulberry32(start: number): () => number {
  let a = start >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
