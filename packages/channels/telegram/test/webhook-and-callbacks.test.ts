import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildOutboundMessage } from '@fio/channel-kit/contract-suite';
import type { InboundMessageEvent } from '@fio/contracts';
import { ChannelError } from '@fio/channel-kit';
import { registerWebhook, secretTokenHeader, telegramAllowedUpdates, telegramChannel, toInboundEvents } from '../src/index.ts';
import { botToken, buildConnection, webhookSecret } from './fixtures/build-telegram-request.ts';
import { customerChat, startEmulator } from './fixtures/start-emulator.ts';

/** A stand-in for Fio's webhook route: records what Telegram posts and answers 200. */
async function startReceiver(t: TestContext): Promise<{ url: string; received: { headers: Record<string, unknown>; body: Buffer }[] }> {
  const received: { headers: Record<string, unknown>; body: Buffer }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/telegram/tg-test`, received };
}

describe('registerWebhook', () => {
  test('calls setWebhook with the secret, one connection (in-order delivery) and the kinds Fio reads, then reads it back', async (t) => {
    const h = await startEmulator(t);
    const url = 'https://fio.example.com/webhooks/telegram/tg-test';
    const { info } = await registerWebhook({ apiBaseUrl: h.url, botToken, webhookSecret, url, fetch });
    assert.deepEqual(h.body(0), {
      url,
      secret_token: webhookSecret,
      max_connections: 1,
      allowed_updates: ['message', 'edited_message', 'callback_query'],
      drop_pending_updates: false,
    });
    assert.equal(h.emulator.requests[1]?.path, `/bot${botToken}/getWebhookInfo`);
    assert.deepEqual(h.emulator.webhook, {
      url,
      secretToken: webhookSecret,
      maxConnections: 1,
      allowedUpdates: [...telegramAllowedUpdates],
      dropPendingUpdates: false,
    });
    assert.equal(info.url, url);
    assert.equal(info.max_connections, 1);
  });

  test('throws Telegram’s reason when it refuses the URL', async (t) => {
    const h = await startEmulator(t);
    await assert.rejects(
      registerWebhook({ apiBaseUrl: h.url, botToken, webhookSecret, url: 'http://fio.example.com/hook', fetch }),
      (error: unknown) => error instanceof ChannelError && /An HTTPS URL must be provided/.test(error.message),
    );
  });
});

describe('button presses end to end: keyboard sent, pressed, parsed, answered', () => {
  test('the press posted by Telegram parses to the option picked and answerCallbackQuery stops the spinner', async (t) => {
    const receiver = await startReceiver(t);
    const h = await startEmulator(t, { webhookUrl: receiver.url, webhookSecret });
    await telegramChannel.sendMessage(
      buildOutboundMessage({
        recipient: { address: customerChat },
        content: { kind: 'text', text: 'Posso ajudar?', quickReplies: [{ id: 'intent:handoff', label: 'Falar com atendente' }] },
      }),
      h.ctx,
    );
    const view = h.emulator.delivered[0];
    assert.ok(view);
    await h.emulator.customer.pickOption({ address: customerChat, name: 'Ana Souza' }, view, 0);

    const [posted] = receiver.received;
    assert.equal(posted?.headers[secretTokenHeader], webhookSecret);
    const request = {
      method: 'POST',
      url: receiver.url,
      headers: { [secretTokenHeader]: String(posted?.headers[secretTokenHeader]) },
      query: {},
      rawBody: posted?.body ?? Buffer.alloc(0),
    };
    assert.deepEqual(telegramChannel.webhook?.verifyRequest(request, buildConnection()), { ok: true });
    const parsed = toInboundEvents(request.rawBody);
    assert.ok(parsed.ok);
    const event = parsed.events[0] as InboundMessageEvent;
    assert.deepEqual(event.content, { kind: 'text', text: 'Falar com atendente', payload: 'intent:handoff' });
    assert.equal(event.replyToProviderMessageId, view.providerMessageId);
    assert.equal(event.sender.address, customerChat);

    await telegramChannel.webhook?.afterIngest?.(parsed.events, h.ctx);
    const queryId = event.providerMessageId.replace('callback:', '');
    assert.deepEqual(h.emulator.answeredCallbackQueries, [{ id: queryId }]);
    assert.deepEqual(h.body(1), { callback_query_id: queryId });
  });

  test('afterIngest calls nothing for ordinary messages, and reports an expired query', async (t) => {
    const h = await startEmulator(t);
    const message = toInboundEvents(
      Buffer.from(
        JSON.stringify({
          update_id: 1,
          message: { message_id: 1, from: { id: 1, first_name: 'A' }, chat: { id: 1, type: 'private' }, date: 0, text: 'oi' },
        }),
      ),
    );
    assert.ok(message.ok);
    await telegramChannel.webhook?.afterIngest?.(message.events, h.ctx);
    assert.equal(h.emulator.requests.length, 0);
    const press = toInboundEvents(
      Buffer.from(JSON.stringify({ update_id: 2, callback_query: { id: 'gone', from: { id: 1, first_name: 'A' }, data: 'x' } })),
    );
    assert.ok(press.ok);
    await assert.rejects(telegramChannel.webhook!.afterIngest!(press.events, h.ctx), /query is too old/);
  });
});
