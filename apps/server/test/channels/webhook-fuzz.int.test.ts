import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ConversationEngine } from '../../src/conversation/bot/engine.ts';
import { writeDemoWorkspaceWith } from '../support/demo-workspace-with.ts';
import { createTestEnvironment, repoRoot, startTestApp } from '../support/test-app.ts';
import { channelFixturesDir, fixtureBodies } from './fuzz/fixture-bodies.ts';
import { mutateBytes, mutateForm, mutateJson, seededRandom, type Random } from './fuzz/mutate-payload.ts';

/**
 * The fuzz test: at least 10,000 mutated provider payloads, correctly signed (so they reach the
 * parsers and the ingest, not just the signature check), sent to every webhook. No 5xx, no crash, no
 * partial write (a refused request stores nothing), and a valid payload is still answered right after.
 * Set FIO_FUZZ_SEED to replay a run; FIO_FUZZ_COUNT to run longer.
 */
const total = Number(process.env['FIO_FUZZ_COUNT'] ?? 10_000);
const seed = Number(process.env['FIO_FUZZ_SEED'] ?? Date.now() % 2 ** 31);
const skip = existsSync(channelFixturesDir) ? false : 'needs ../shared/data/channel-fixtures (absent in a fresh clone)';

const metaSecret = 'fuzz-meta-app-secret';
const twilioToken = 'fuzz-twilio-auth-token';
const telegramSecret = 'fuzz-telegram-secret_0123';
const smsAccount = 'AC0123456789abcdef0123456789abcdef';

interface Target {
  type: string;
  id: string;
  yaml: string;
  bodies: Buffer[];
  contentType: string;
  mutate: (body: Buffer, random: Random) => Buffer;
  sign: (body: Buffer, url: string) => Record<string, string>;
}

const hubSignature = (body: Buffer) => ({ 'x-hub-signature-256': `sha256=${createHmac('sha256', metaSecret).update(body).digest('hex')}` });
const twilioSignature = (body: Buffer, url: string) => {
  const params = [...new URLSearchParams(body.toString('utf8'))].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const data = url + params.map(([k, v]) => k + v).join('');
  return { 'x-twilio-signature': createHmac('sha1', twilioToken).update(data).digest('base64') };
};
const jsonMutation = (body: Buffer, random: Random) => (random() < 0.7 ? mutateJson(body, random) : mutateBytes(body, random));
const formMutation = (body: Buffer, random: Random) => (random() < 0.7 ? mutateForm(body, random) : mutateBytes(body, random));

function targets(apiBase: string): Target[] {
  const bodies = fixtureBodies();
  const catalog = new Set(
    readFileSync(join(repoRoot, 'apps/server/src/channels/channel-catalog.ts'), 'utf8').match(/@fio\/channel-[a-z]+/g),
  );
  const list: Target[] = [];
  if (catalog.has('@fio/channel-whatsapp'))
    list.push({
      type: 'whatsapp',
      id: 'fz-whatsapp',
      yaml: `config: { phoneNumberId: '1122334455667', apiBaseUrl: '${apiBase}' }\n    secrets: { accessToken: t, appSecret: ${metaSecret}, verifyToken: v }`,
      // As this connection's number, every fixture reaches the message parsing rather than "another number".
      bodies: bodies.whatsapp.map((body) =>
        Buffer.from(body.toString('utf8').replace(/"phone_number_id":\s*"\d+"/g, '"phone_number_id":"1122334455667"')),
      ),
      contentType: 'application/json',
      mutate: jsonMutation,
      sign: hubSignature,
    });
  if (catalog.has('@fio/channel-meta')) {
    list.push({
      type: 'messenger',
      id: 'fz-messenger',
      yaml: `config: { pageId: '1234567890', apiBaseUrl: '${apiBase}' }\n    secrets: { pageAccessToken: t, appSecret: ${metaSecret}, verifyToken: v }`,
      bodies: bodies.messenger,
      contentType: 'application/json',
      mutate: jsonMutation,
      sign: hubSignature,
    });
    list.push({
      type: 'instagram',
      id: 'fz-instagram',
      yaml: `config: { instagramAccountId: '1234567890', apiBaseUrl: '${apiBase}' }\n    secrets: { pageAccessToken: t, appSecret: ${metaSecret}, verifyToken: v }`,
      bodies: bodies.instagram,
      contentType: 'application/json',
      mutate: jsonMutation,
      sign: hubSignature,
    });
  }
  if (catalog.has('@fio/channel-telegram'))
    list.push({
      type: 'telegram',
      id: 'fz-telegram',
      yaml: `config: { apiBaseUrl: '${apiBase}' }\n    secrets: { botToken: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabc', webhookSecret: ${telegramSecret} }`,
      bodies: bodies.telegram,
      contentType: 'application/json',
      mutate: jsonMutation,
      sign: () => ({ 'x-telegram-bot-api-secret-token': telegramSecret }),
    });
  if (catalog.has('@fio/channel-twilio')) {
    list.push({
      type: 'sms',
      id: 'fz-sms',
      yaml: `config: { accountSid: ${smsAccount}, from: '+15005550006', apiBaseUrl: '${apiBase}' }\n    secrets: { authToken: ${twilioToken} }`,
      // The courier bodies name another account; as this connection's they reach the parser's every branch.
      bodies: bodies.sms.map((body) => {
        const params = new URLSearchParams(body.toString('utf8'));
        if (params.has('AccountSid')) params.set('AccountSid', smsAccount);
        return Buffer.from(params.toString());
      }),
      contentType: 'application/x-www-form-urlencoded',
      mutate: formMutation,
      sign: twilioSignature,
    });
    list.push({
      type: 'voice',
      id: 'fz-voice',
      yaml: `config: { accountSid: ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX, apiBaseUrl: '${apiBase}' }\n    secrets: { authToken: ${twilioToken} }`,
      bodies: bodies.voice,
      contentType: 'application/x-www-form-urlencoded',
      mutate: formMutation,
      sign: twilioSignature,
    });
  }
  return list.filter((t) => t.bodies.length > 0);
}

/** Never lets anything reach a real provider: the fuzzed connections' APIs answer 404 here. */
async function startDeadEndApi(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) =>
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"fuzz"}}'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const silentEngine: ConversationEngine = {
  runTurn: (input) => Promise.resolve({ replies: [], actions: [], intent: null, botState: input.botState }),
};

test(
  `${total} mutated, correctly signed provider payloads: no 5xx, no partial write, still answering`,
  { skip, timeout: 15 * 60_000 },
  async (t) => {
    const deadEnd = await startDeadEndApi();
    const list = targets(deadEnd.url);
    assert.ok(list.length > 0, 'no provider channel in the catalogue');
    const channels = list
      .map((target) => `  - id: ${target.id}\n    type: ${target.type}\n    name: ${target.id}\n    ${target.yaml}`)
      .join('\n');
    const workspaceDir = writeDemoWorkspaceWith('fio-fuzz-ws-', channels);
    const te = await createTestEnvironment('sqlite');
    const running = await startTestApp(te, { engine: silentEngine, config: { workspaceDirs: [workspaceDir] } });
    t.after(async () => {
      await running.app.close();
      await deadEnd.close();
      await te.cleanup();
      rmSync(workspaceDir, { recursive: true, force: true });
    });
    const db = running.app.database.db;
    const counts = async () => {
      const [messages, receipts] = await Promise.all([
        db
          .selectFrom('messages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('inbound_receipts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { messages: Number(messages.n), receipts: Number(receipts.n) };
    };

    const random = seededRandom(seed);
    const perTarget = Math.ceil(total / list.length);
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    for (const target of list) {
      const url = `${running.baseUrl}/webhooks/${target.type}/${target.id}`;
      for (let i = 0; i < perTarget && failures.length < 20; i++) {
        const original = target.bodies[Math.floor(random() * target.bodies.length)] ?? Buffer.alloc(0);
        const body = target.mutate(original, random);
        const before = await counts();
        const res = await fetch(url, {
          method: 'POST',
          body: new Uint8Array(body),
          headers: { 'content-type': target.contentType, ...target.sign(body, url) },
        });
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const replay = `seed ${seed}, ${target.type} #${i}: ${body.subarray(0, 300).toString('utf8')}`;
        if (res.status >= 500) failures.push(`${res.status} ${text.slice(0, 200)} — ${replay}`);
        if (res.status >= 400) {
          const after = await counts();
          if (after.messages !== before.messages || after.receipts !== before.receipts)
            failures.push(`partial write on ${res.status} (${JSON.stringify(before)} → ${JSON.stringify(after)}) — ${replay}`);
        }
      }
    }
    t.diagnostic(`seed ${seed}; statuses ${JSON.stringify(Object.fromEntries(statuses))}; targets ${list.map((x) => x.type).join(', ')}`);
    assert.deepEqual(failures, []);
    assert.ok([...statuses.values()].reduce((a, b) => a + b, 0) >= Math.min(total, perTarget * list.length));

    // The server still answers: health, and a valid payload of each channel is accepted.
    assert.equal((await fetch(`${running.baseUrl}/healthz`)).status, 200);
    for (const target of list) {
      const url = `${running.baseUrl}/webhooks/${target.type}/${target.id}`;
      const body = target.bodies[0] ?? Buffer.alloc(0);
      const res = await fetch(url, {
        method: 'POST',
        body: new Uint8Array(body),
        headers: { 'content-type': target.contentType, ...target.sign(body, url) },
      });
      assert.ok(res.status < 300, `${target.type} answered ${res.status} to a valid payload after the fuzzing`);
    }
  },
);
