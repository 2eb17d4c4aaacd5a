import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelError } from '@fio/channel-kit';
import { buildOutboundMessage } from '@fio/channel-kit/contract-suite';
import { botApiError, createBotApiClient, telegramChannel } from '../src/index.ts';
import { botToken } from './fixtures/build-telegram-request.ts';
import { customerChat, startEmulator, type EmulatorHarness } from './fixtures/start-emulator.ts';

const sendText = (h: EmulatorHarness, address = customerChat) =>
  telegramChannel.sendMessage(buildOutboundMessage({ recipient: { address }, content: { kind: 'text', text: 'Oi' } }), h.ctx);

async function failure(promise: Promise<unknown>): Promise<ChannelError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ChannelError, `threw ${String(error)}`);
    return error;
  }
  assert.fail('resolved');
}

describe('Bot API errors → coded ChannelErrors (against the emulator)', () => {
  test('429 is rate_limited and waits parameters.retry_after', async (t) => {
    const h = await startEmulator(t);
    h.emulator.failNext(1, 429, { retryAfterSeconds: 5 });
    const error = await failure(sendText(h));
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.retryable, true);
    assert.equal(error.retryAfterMs, 5000);
    assert.equal(error.providerCode, '429');
    assert.match(error.message, /Too Many Requests: retry after 5/);
  });

  test('403 "bot was blocked by the user" is recipient_unreachable, permanent, with Telegram’s reason', async (t) => {
    const h = await startEmulator(t);
    h.emulator.blockBot(customerChat);
    const error = await failure(sendText(h));
    assert.equal(error.code, 'recipient_unreachable');
    assert.equal(error.retryable, false);
    assert.equal(error.providerCode, '403');
    assert.equal(error.message, 'Telegram answered sendMessage with HTTP 403: Forbidden: bot was blocked by the user');
  });

  test('400 "chat not found" is rejected; 401 is unauthorized; 5xx retries', async (t) => {
    const h = await startEmulator(t);
    const notFound = await failure(sendText(h, '42'));
    assert.equal(notFound.code, 'rejected');
    assert.equal(notFound.providerCode, '400');
    assert.match(notFound.message, /Bad Request: chat not found/);

    const wrongToken = await failure(
      telegramChannel.sendMessage(buildOutboundMessage({ recipient: { address: customerChat } }), {
        ...h.ctx,
        secrets: { ...h.ctx.secrets, botToken: '999:AAwrongwrongwrongwrongwrong' },
      }),
    );
    assert.equal(wrongToken.code, 'unauthorized');
    assert.doesNotMatch(wrongToken.message, /AAwrong/, 'the token is never quoted');

    h.emulator.failNext(1, 502);
    const down = await failure(sendText(h));
    assert.equal(down.code, 'provider_unavailable');
    assert.equal(down.retryable, true);
  });

  test('the emulator enforces the documented limits Fio renders within', async (t) => {
    const h = await startEmulator(t);
    const client = createBotApiClient({ apiBaseUrl: h.url, botToken, fetch });
    const chat_id = Number(customerChat);
    const empty = await failure(client.call('sendMessage', { chat_id, text: '' }));
    assert.match(empty.message, /Bad Request: message text is empty/);
    const data = await failure(
      client.call('sendMessage', {
        chat_id,
        text: 'x',
        reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'd'.repeat(65) }]] },
      }),
    );
    assert.match(data.message, /BUTTON_DATA_INVALID/);
    assert.equal(data.code, 'rejected');
  });

  test('a network failure is retryable and never quotes the URL (it holds the token)', async () => {
    const client = createBotApiClient({
      apiBaseUrl: 'http://127.0.0.1:9',
      botToken,
      fetch: async (input) => {
        throw new TypeError(`fetch failed for ${input instanceof Request ? input.url : input.toString()}`);
      },
    });
    const error = await failure(client.call('getMe', {}));
    assert.equal(error.code, 'network_error');
    assert.equal(error.retryable, true);
    assert.ok(!error.message.includes(botToken));
  });

  test('falls back to the Retry-After header, and reads migrate_to_chat_id into the reason', () => {
    const limited = botApiError('sendMessage', 429, '{"ok":false}', '3', new Date());
    assert.equal(limited.retryAfterMs, 3000);
    const migrated = botApiError(
      'sendMessage',
      400,
      JSON.stringify({
        ok: false,
        error_code: 400,
        description: 'Bad Request: group chat was upgraded to a supergroup chat',
        parameters: { migrate_to_chat_id: -1009 },
      }),
      null,
      new Date(),
    );
    assert.equal(migrated.code, 'rejected');
    assert.match(migrated.message, /upgraded to a supergroup chat \(the group is now chat -1009\)/);
  });
});
