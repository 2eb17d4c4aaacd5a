import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { MessageView } from '@fio/contracts';
import { registerWebhook } from '@fio/channel-telegram';
import { createTelegramEmulator, listenEmulator, type WebhookAnswer, type TelegramEmulator } from '@fio/emulators';
import { writeDemoWorkspaceWith } from '../support/demo-workspace-with.ts';
import { createTestEnvironment, eventually, startTestApp, type RunningApp } from '../support/test-app.ts';

const botToken = '7000000001:AAFioIntegrationTestTokenTelegram01';
const webhookSecret = 'tg-int_test-secret-0123456789';
const connectionId = 'tg-loja';

/** The demo workspace with one Telegram connection whose Bot API is the emulator. */
function writeWorkspace(apiBaseUrl: string): string {
  return writeDemoWorkspaceWith(
    'fio-telegram-ws-',
    `
  - id: ${connectionId}
    type: telegram
    name: Telegram da loja
    config:
      apiBaseUrl: ${apiBaseUrl}
      botUsername: loja_exemplo_bot
    secrets:
      botToken: '${botToken}'
      webhookSecret: ${webhookSecret}
`,
  );
}

interface Harness {
  running: RunningApp;
  emulator: TelegramEmulator;
  webhookUrl: string;
  messages(conversationId: string): Promise<MessageView[]>;
  conversationCount(): Promise<number>;
  /** The JSON bodies of the Bot API calls of one method, oldest first. */
  calls(method: string): Record<string, unknown>[];
}

async function startHarness(t: TestContext): Promise<Harness> {
  const emulator = createTelegramEmulator({ botToken, languageCode: 'pt-br' });
  const api = await listenEmulator(emulator);
  const workspaceDir = writeWorkspace(api.url);
  const te = await createTestEnvironment('sqlite');
  const running = await startTestApp(te, { config: { workspaceDirs: [workspaceDir] } });
  t.after(async () => {
    await running.app.close();
    await api.close();
    await te.cleanup();
    rmSync(workspaceDir, { recursive: true, force: true });
  });
  const webhookUrl = `${running.baseUrl}/webhooks/telegram/${connectionId}`;
  // What `npx fio telegram set-webhook` does in production: the emulator then posts to Fio with the secret.
  await registerWebhook({ apiBaseUrl: api.url, botToken, webhookSecret, url: webhookUrl, fetch });
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${running.baseUrl}${path}`, { headers: { authorization: `Bearer ${running.adminToken}` } });
    assert.equal(res.status, 200, path);
    return (await res.json()) as T;
  };
  return {
    running,
    emulator,
    webhookUrl,
    messages: async (conversationId) => (await get<{ data: MessageView[] }>(`/api/v1/conversations/${conversationId}/messages`)).data,
    conversationCount: async () => (await get<{ data: unknown[] }>('/api/v1/conversations')).data.length,
    calls: (method) =>
      emulator.requests
        .filter((r) => r.path === `/bot${botToken}/${method}`)
        .map((r) => JSON.parse(r.body.toString('utf8')) as Record<string, unknown>),
  };
}

const ana = { address: '5511987', name: 'Ana Souza' };

interface Ingested {
  messages: { conversationId: string; messageId: string; duplicate: boolean }[];
}

async function ingested(answer: WebhookAnswer): Promise<Ingested> {
  assert.equal(answer.status, 200, answer.body);
  return JSON.parse(answer.body) as Ingested;
}

const botReplies = (emulator: TelegramEmulator, count: number) =>
  eventually(() => (emulator.delivered.length >= count ? emulator.delivered.slice(0) : undefined), 8000, `${count} bot message(s)`);

describe('Telegram through the real app and the Bot API emulator', () => {
  test('a user writes, Fio stores it once, and the bot greets with an inline keyboard through sendMessage', async (t) => {
    const h = await startHarness(t);
    const first = await ingested(await h.emulator.customer.sendText(ana, 'oi'));
    const [outcome] = first.messages;
    assert.ok(outcome && !outcome.duplicate);

    const [greeting] = await botReplies(h.emulator, 1);
    assert.ok(greeting);
    assert.equal(greeting.to, ana.address);
    const [call] = h.calls('sendMessage');
    assert.equal(call?.chat_id, Number(ana.address));
    assert.equal(typeof call?.text, 'string');
    const keyboard = (call?.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard;
    assert.deepEqual(
      keyboard.map((row) => row.map((button) => [button.callback_data, button.text])),
      [
        [['flow:order-status', 'Status do pedido']],
        [['intent:business_hours', 'Horário de atendimento']],
        [['intent:talk_to_human', 'Falar com uma pessoa']],
      ],
    );
    assert.deepEqual(
      greeting.options?.map((option) => option.id),
      ['flow:order-status', 'intent:business_hours', 'intent:talk_to_human'],
    );

    const stored = await h.messages(outcome.conversationId);
    const inbound = stored.find((m) => m.id === outcome.messageId);
    assert.deepEqual(inbound?.content, { kind: 'text', text: 'oi' });
    assert.equal(inbound?.providerMessageId, `${ana.address}:1`);
    const reply = await eventually(
      async () => (await h.messages(outcome.conversationId)).find((m) => m.direction === 'outbound' && m.status === 'sent'),
      5000,
      'the reply marked sent',
    );
    assert.equal(reply.providerMessageId, greeting.providerMessageId);

    // Telegram retries an update it thinks was not acknowledged: the same update_id is stored once.
    const again = await ingested(await h.emulator.customer.redeliverLast());
    assert.equal(again.messages[0]?.duplicate, true);
    assert.equal((await h.messages(outcome.conversationId)).filter((m) => m.direction === 'inbound').length, 1);
    assert.equal(h.calls('sendMessage').length, 1, 'no second greeting for a retried update');
  });

  test('a button press is stored as the option picked, answered with answerCallbackQuery, and the bot hands off', async (t) => {
    const h = await startHarness(t);
    const { messages } = await ingested(await h.emulator.customer.sendText(ana, 'olá'));
    const conversationId = messages[0]?.conversationId ?? '';
    const [greeting] = await botReplies(h.emulator, 1);
    assert.ok(greeting);
    const handoffIndex = greeting.options?.findIndex((option) => option.id === 'intent:talk_to_human') ?? -1;
    assert.ok(handoffIndex >= 0);

    const press = await ingested(await h.emulator.customer.pickOption(ana, greeting, handoffIndex));
    const picked = (await h.messages(conversationId)).find((m) => m.id === press.messages[0]?.messageId);
    assert.deepEqual(picked?.content, { kind: 'text', text: greeting.options?.[handoffIndex]?.label, payload: 'intent:talk_to_human' });

    await eventually(() => h.emulator.answeredCallbackQueries.length === 1 || undefined, 5000, 'answerCallbackQuery');
    assert.deepEqual(h.calls('answerCallbackQuery'), [{ callback_query_id: h.emulator.answeredCallbackQueries[0]?.id }]);

    const [, handoff] = await botReplies(h.emulator, 2);
    assert.match(handoff?.text ?? '', /pessoa|atendente|equipe/i);
    const conversation = await fetch(`${h.running.baseUrl}/api/v1/conversations/${conversationId}`, {
      headers: { authorization: `Bearer ${h.running.adminToken}` },
    });
    assert.equal(((await conversation.json()) as { status: string }).status, 'queued');
  });

  test('an edit is stored as a new message marked as edited; a photo is downloaded through getFile', async (t) => {
    const h = await startHarness(t);
    const { messages } = await ingested(await h.emulator.customer.sendText(ana, 'meu pedido é 123'));
    const conversationId = messages[0]?.conversationId ?? '';
    const edit = await ingested(await h.emulator.customer.editLastText(ana, 'meu pedido é 124'));
    assert.equal(edit.messages[0]?.duplicate, false);
    const edited = (await h.messages(conversationId)).find((m) => m.id === edit.messages[0]?.messageId);
    assert.deepEqual(edited?.content, { kind: 'text', text: '[edited] meu pedido é 124' });

    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4096, 9)]);
    const photo = await ingested(await h.emulator.customer.sendPhoto(ana, { body: jpeg, caption: 'chegou assim' }));
    const message = (await h.messages(conversationId)).find((m) => m.id === photo.messages[0]?.messageId);
    assert.ok(message?.content.kind === 'media');
    assert.equal(message.content.caption, 'chegou assim');
    assert.match(message.content.url, /^\/media\//);
    // The media job downloads it through getFile and the file URL, then serves the same bytes.
    const file = await eventually(
      async () => {
        const res = await fetch(`${h.running.baseUrl}${message.content.kind === 'media' ? message.content.url : ''}`, {
          headers: { authorization: `Bearer ${h.running.adminToken}` },
        });
        return res.status === 200 ? Buffer.from(await res.arrayBuffer()) : undefined;
      },
      8000,
      'the photo to be stored',
    );
    assert.deepEqual(file, jpeg);
    assert.equal(h.calls('getFile').length, 1);
    assert.ok(h.emulator.requests.some((r) => r.method === 'GET' && r.path.startsWith(`/file/bot${botToken}/`)));
  });

  test('a user who blocked the bot: the reply fails permanently with Telegram’s reason; 429 is retried after retry_after', async (t) => {
    const h = await startHarness(t);
    // Two calls fail: the "typing…" action the bot shows while it thinks, then the reply itself.
    h.emulator.failNext(2, 403);
    const { messages } = await ingested(await h.emulator.customer.sendText(ana, 'oi'));
    const conversationId = messages[0]?.conversationId ?? '';
    const failed = await eventually(
      async () => (await h.messages(conversationId)).find((m) => m.direction === 'outbound' && m.status === 'failed'),
      8000,
      'the reply to fail',
    );
    assert.match(failed.error?.message ?? '', /bot was blocked by the user/);

    h.emulator.failNext(2, 429, { retryAfterSeconds: 1 });
    const started = Date.now();
    await h.emulator.customer.sendText(ana, 'bom dia');
    const [reply] = await eventually(
      () => (h.emulator.delivered.length > 0 ? h.emulator.delivered.slice(0) : undefined),
      10_000,
      'the reply after the rate limit',
    );
    assert.ok(reply);
    assert.ok(Date.now() - started >= 900, 'waited for retry_after');
  });

  test('a wrong or missing secret token is 401 and stores nothing; a malformed update is 400', async (t) => {
    const h = await startHarness(t);
    const body = JSON.stringify({
      update_id: 1,
      message: {
        message_id: 1,
        from: { id: 42, is_bot: false, first_name: 'Eve' },
        chat: { id: 42, type: 'private' },
        date: 0,
        text: 'oi',
      },
    });
    const post = (headers: Record<string, string>, payload = body) =>
      fetch(h.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: payload });
    assert.equal((await post({ 'x-telegram-bot-api-secret-token': 'not-the-secret' })).status, 401);
    assert.equal((await post({})).status, 401);
    assert.equal(await h.conversationCount(), 0);

    const malformed = await post({ 'x-telegram-bot-api-secret-token': webhookSecret }, '{"update_id": 2, "message": {"chat": 5}}');
    assert.equal(malformed.status, 400);
    assert.match(await malformed.text(), /message/);
    // Update kinds Fio does not converse through are acknowledged, so Telegram does not retry them.
    const inline = await h.emulator.customer.sendUpdate({
      inline_query: { id: '9', from: { id: 42, is_bot: false, first_name: 'Eve' }, query: 'x', offset: '' },
    });
    assert.equal(inline.status, 200);
    assert.equal(await h.conversationCount(), 0);
    assert.equal(h.emulator.delivered.length, 0);
  });

  test('the bot shows "typing…" in the chat while it thinks', async (t) => {
    const h = await startHarness(t);
    await ingested(await h.emulator.customer.sendText(ana, 'oi'));
    await eventually(() => h.emulator.delivered.length > 0 || undefined, 8000, 'the reply');
    const typing = h.calls('sendChatAction');
    assert.equal(typing.length >= 1, true);
    assert.equal(typing[0]?.['action'], 'typing');
  });
});
