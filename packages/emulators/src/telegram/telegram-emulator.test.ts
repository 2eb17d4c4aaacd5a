import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenEmulator } from '../emulator-kit.ts';
import { createTelegramEmulator } from './telegram-emulator.ts';

const botToken = '424242:AAEmulatorSelfTestToken0123456789';

/** Collects what the emulator posts as Telegram would post to a bot's webhook. */
async function startSink(t: TestContext): Promise<{ url: string; bodies: Record<string, unknown>[]; headers: Record<string, unknown>[] }> {
  const bodies: Record<string, unknown>[] = [];
  const headers: Record<string, unknown>[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      headers.push(req.headers);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, headers };
}

describe('Telegram Bot API emulator', () => {
  test('answers 401 Unauthorized for another token and 404 Not Found for an unknown method', async (t) => {
    const emulator = createTelegramEmulator({ botToken });
    const api = await listenEmulator(emulator);
    t.after(() => api.close());
    const wrong = await fetch(`${api.url}/bot1:AAother/getMe`);
    assert.equal(wrong.status, 401);
    assert.deepEqual(await wrong.json(), { ok: false, error_code: 401, description: 'Unauthorized' });
    const unknown = await fetch(`${api.url}/bot${botToken}/sendTelepathy`, { method: 'POST' });
    assert.equal(unknown.status, 404);
    const me = (await (await fetch(`${api.url}/bot${botToken}/getMe`)).json()) as { ok: boolean; result: { id: number; is_bot: boolean } };
    assert.deepEqual([me.ok, me.result.id, me.result.is_bot], [true, 424242, true]);
  });

  test('takes parameters as a form body too (reply_markup as JSON), and checks them alike', async (t) => {
    const emulator = createTelegramEmulator({ botToken, knownChats: ['77'] });
    const api = await listenEmulator(emulator);
    t.after(() => api.close());
    const form = (params: Record<string, string>) =>
      fetch(`${api.url}/bot${botToken}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params).toString(),
      });
    const ok = await form({
      chat_id: '77',
      text: 'oi',
      reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] }),
    });
    assert.equal(ok.status, 200);
    assert.deepEqual(emulator.delivered[0]?.options, [{ id: 'a', label: 'A' }]);
    const tooLong = await form({ chat_id: '77', text: 'x'.repeat(4097) });
    assert.deepEqual(await tooLong.json(), { ok: false, error_code: 400, description: 'Bad Request: message is too long' });
    const noChat = await form({ text: 'oi' });
    assert.deepEqual(await noChat.json(), { ok: false, error_code: 400, description: 'Bad Request: chat_id is empty' });
  });

  test('numbers updates in increasing update_id order and sends the secret token header', async (t) => {
    const sink = await startSink(t);
    const emulator = createTelegramEmulator({ botToken, webhookUrl: sink.url, webhookSecret: 'emu-secret' });
    const ana = { address: '5511', name: 'Ana Souza' };
    await emulator.customer.sendText(ana, '/start');
    await emulator.customer.sendText(ana, 'oi');
    await emulator.customer.editLastText(ana, 'olá');
    await emulator.customer.redeliverLast();
    const ids = sink.bodies.map((body) => body.update_id as number);
    assert.equal(ids[1], (ids[0] ?? 0) + 1);
    assert.equal(ids[2], (ids[1] ?? 0) + 1);
    assert.equal(ids[3], ids[2], 'a redelivery repeats the update');
    assert.deepEqual(sink.bodies[0]?.message, {
      message_id: 1,
      from: { id: 5511, is_bot: false, first_name: 'Ana', last_name: 'Souza' },
      chat: { id: 5511, type: 'private', first_name: 'Ana', last_name: 'Souza' },
      date: (sink.bodies[0]?.message as { date: number }).date,
      text: '/start',
      entities: [{ type: 'bot_command', offset: 0, length: 6 }],
    });
    assert.equal((sink.bodies[2]?.edited_message as { message_id: number; text: string }).message_id, 2);
    assert.ok(sink.headers.every((h) => h['x-telegram-bot-api-secret-token'] === 'emu-secret'));
  });

  test('a callback query answers once; a second answer is refused as too old', async (t) => {
    const sink = await startSink(t);
    const emulator = createTelegramEmulator({ botToken, webhookUrl: sink.url, knownChats: ['9'] });
    const api = await listenEmulator(emulator);
    t.after(() => api.close());
    await fetch(`${api.url}/bot${botToken}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: 9, text: 'Escolha', reply_markup: { inline_keyboard: [[{ text: 'Sim', callback_data: 'yes' }]] } }),
    });
    const view = emulator.delivered[0];
    assert.ok(view);
    await emulator.customer.pickOption({ address: '9' }, view, 0);
    const query = sink.bodies[0]?.callback_query as { id: string; data: string; message: { message_id: number } };
    assert.equal(query.data, 'yes');
    assert.equal(query.message.message_id, 1);
    const answer = (id: string) =>
      fetch(`${api.url}/bot${botToken}/answerCallbackQuery`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ callback_query_id: id }),
      });
    assert.equal((await answer(query.id)).status, 200);
    const again = await answer(query.id);
    assert.equal(again.status, 400);
    assert.match(((await again.json()) as { description: string }).description, /query is too old/);
  });
});
