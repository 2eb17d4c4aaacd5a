import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createTelegramEmulator, listenEmulator, type TelegramEmulator } from '@fio/emulators';
import { runTelegramSetWebhook } from '../../src/cli/telegram-set-webhook.ts';
import { repoRoot } from '../support/test-app.ts';

const botToken = '7000000002:AAFioCliTestTokenForTelegramSetWebhook';
const webhookSecret = 'cli-secret_token-0123456789';

interface Setup {
  emulator: TelegramEmulator;
  dir: string;
  lines: string[];
  run(input: { connection?: string; url?: string }, env?: NodeJS.ProcessEnv): ReturnType<typeof runTelegramSetWebhook>;
}

async function setup(t: TestContext): Promise<Setup> {
  const emulator = createTelegramEmulator({ botToken });
  const api = await listenEmulator(emulator);
  const dir = mkdtempSync(join(tmpdir(), 'fio-tg-cli-'));
  const demo = readFileSync(join(repoRoot, 'workspaces/demo/workspace.yaml'), 'utf8');
  writeFileSync(
    join(dir, 'workspace.yaml'),
    `${demo.slice(0, demo.indexOf('\nchannels:'))}
channels:
  - id: tg-loja
    type: telegram
    name: Telegram
    config:
      apiBaseUrl: ${api.url}
    secrets:
      botToken: '\${TG_TOKEN}'
      webhookSecret: ${webhookSecret}
  - id: site
    type: webchat
    name: Site
    config:
      title: Loja
    secrets:
      identitySecret: a-widget-identity-secret-0123456789
`,
  );
  t.after(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const lines: string[] = [];
  return {
    emulator,
    dir,
    lines,
    run: (input, env = {}) =>
      runTelegramSetWebhook(
        { workspace: dir, connection: input.connection ?? 'tg-loja', ...(input.url ? { url: input.url } : {}) },
        { env: { TG_TOKEN: botToken, ...env }, fetch, print: (line) => lines.push(line) },
      ),
  };
}

describe('fio telegram set-webhook', () => {
  test('registers the connection’s webhook with its secret, one connection and the kinds Fio reads, and prints getWebhookInfo', async (t) => {
    const s = await setup(t);
    const info = await s.run({ url: 'https://fio.loja.example/' });
    const url = 'https://fio.loja.example/webhooks/telegram/tg-loja';
    const setWebhook = s.emulator.requests.find((r) => r.path === `/bot${botToken}/setWebhook`);
    assert.deepEqual(JSON.parse(setWebhook?.body.toString('utf8') ?? '{}'), {
      url,
      secret_token: webhookSecret,
      max_connections: 1,
      allowed_updates: ['message', 'edited_message', 'callback_query'],
      drop_pending_updates: false,
    });
    assert.equal(s.emulator.requests.at(-1)?.path, `/bot${botToken}/getWebhookInfo`);
    assert.equal(info.url, url);
    assert.deepEqual(s.lines, [
      `webhook set for tg-loja (loja-exemplo): ${url}`,
      `getWebhookInfo: url ${url}`,
      '  max_connections 1, allowed_updates message, edited_message, callback_query',
      '  pending_update_count 0',
    ]);
  });

  test('takes the base URL from FIO_PUBLIC_URL, and warns about ports Telegram does not call', async (t) => {
    const s = await setup(t);
    await s.run({}, { FIO_PUBLIC_URL: 'https://fio.loja.example:3000' });
    assert.equal(s.emulator.webhook?.url, 'https://fio.loja.example:3000/webhooks/telegram/tg-loja');
    assert.match(s.lines[0] ?? '', /^warning: Telegram only calls HTTPS webhooks on ports 443, 80, 88, 8443/);
  });

  test('names what is wrong: an unknown id, a connection of another type, no public URL, a URL Telegram refuses', async (t) => {
    const s = await setup(t);
    await assert.rejects(
      s.run({ connection: 'tg-outra', url: 'https://x.example' }),
      /no connection "tg-outra" \(Telegram connections: tg-loja\)/,
    );
    await assert.rejects(s.run({ connection: 'site', url: 'https://x.example' }), /"site" is webchat, not telegram/);
    await assert.rejects(s.run({}), /--url or FIO_PUBLIC_URL/);
    await assert.rejects(s.run({ url: 'http://fio.loja.example' }), /An HTTPS URL must be provided for webhook/);
    assert.equal(s.emulator.webhook, null);
  });

  test('the webhook ports it accepts are the ones the Bot API docs list', async (t) => {
    const rulesFile = resolve(repoRoot, '../shared/data/channel-fixtures/telegram/bot-api-docs/secret_token_and_update_rules.json');
    if (!existsSync(rulesFile)) return t.skip('needs ../shared/data/channel-fixtures (absent in a fresh clone)');
    const { ports } = JSON.parse(readFileSync(rulesFile, 'utf8')) as { ports: number[] };
    const s = await setup(t);
    for (const port of ports) await s.run({ url: `https://fio.loja.example:${port}` });
    assert.equal(s.lines.filter((line) => line.startsWith('warning')).length, 0);
  });

  test('runs as `npx fio telegram set-webhook --workspace DIR --connection ID --url BASE`', async (t) => {
    const s = await setup(t);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        join(repoRoot, 'bin/fio.js'),
        'telegram',
        'set-webhook',
        '--workspace',
        s.dir,
        '--connection',
        'tg-loja',
        '--url',
        'https://fio.loja.example',
      ],
      { env: { ...process.env, TG_TOKEN: botToken }, timeout: 60_000 },
    );
    assert.match(stdout, /webhook set for tg-loja \(loja-exemplo\): https:\/\/fio\.loja\.example\/webhooks\/telegram\/tg-loja/);
    assert.equal(s.emulator.webhook?.secretToken, webhookSecret);
    assert.equal(s.emulator.webhook?.maxConnections, 1);

    const failed = await promisify(execFile)(
      process.execPath,
      [join(repoRoot, 'bin/fio.js'), 'telegram', 'set-webhook', '--workspace', s.dir, '--connection', 'nope', '--url', 'https://x.example'],
      { env: { ...process.env, TG_TOKEN: botToken }, timeout: 60_000 },
    ).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal(failed?.code, 1);
    assert.match(failed?.stderr ?? '', /^fio: workspace .* has no connection "nope"/m);
  });
});
