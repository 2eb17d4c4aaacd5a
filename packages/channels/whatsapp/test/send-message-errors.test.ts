import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelError } from '@fio/channel-kit';
import { buildOutboundMessage } from '@fio/channel-kit/contract-suite';
import type { Content } from '@fio/contracts';
import { whatsappChannel } from '../src/index.ts';
import { accessToken, phoneNumberId } from './fixtures/build-whatsapp-request.ts';
import { startHarness, type Harness } from './fixtures/emulator-harness.ts';

const customer = '551187654321';
let h: Harness;

before(async () => {
  h = await startHarness();
  // The customer writes first: the 24-hour window is open.
  const answer = await h.emulator.customer.sendText({ address: `+${customer}`, name: 'Ana' }, 'Oi');
  assert.equal(answer.status, 200);
});
after(() => h.close());

const send = (content: Content, address = customer) =>
  whatsappChannel.sendMessage(buildOutboundMessage({ recipient: { address }, content }), h.ctx);

const envelope = { messaging_product: 'whatsapp', recipient_type: 'individual', to: customer };

describe('sendMessage against the emulator: errors', () => {
  beforeEach(() => h.emulator.failNext(0, 200));

  async function sendError(content: Content = { kind: 'text', text: 'Oi' }, address = customer): Promise<ChannelError> {
    try {
      await send(content, address);
    } catch (error) {
      assert.ok(error instanceof ChannelError, String(error));
      return error;
    }
    assert.fail('the send succeeded');
  }

  test('429 throughput limit (130429) is rate_limited, retryable after Retry-After', async () => {
    h.emulator.failNext(1, 429, {
      retryAfterSeconds: 7,
      body: JSON.stringify({ error: { message: '(#130429) Rate limit hit', type: 'OAuthException', code: 130429, fbtrace_id: 'Az8' } }),
    });
    const error = await sendError();
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.retryable, true);
    assert.equal(error.retryAfterMs, 7000);
    assert.equal(error.providerCode, '130429');
  });

  test('the pair rate limit (131056) comes as HTTP 400 and is still retried, after 6 s by default', async () => {
    h.emulator.failNext(1, 400, {
      body: JSON.stringify({ error: { message: '(#131056) (Business Account, Consumer Account) pair rate limit hit', code: 131056 } }),
    });
    const error = await sendError();
    assert.deepEqual([error.code, error.retryable, error.retryAfterMs, error.providerCode], ['rate_limited', true, 6000, '131056']);
  });

  test('131047 outside the 24-hour window is outside_reply_window, permanent, with a clear reason', async () => {
    const error = await sendError({ kind: 'text', text: 'Oi' }, '5531999990000');
    assert.equal(error.code, 'outside_reply_window');
    assert.equal(error.retryable, false);
    assert.equal(error.providerCode, '131047');
    assert.match(error.message, /24 hours/);
    assert.match(error.message, /only an approved template/);
  });

  test('the window closes 24 hours after the customer’s last message, on the emulator’s clock', async () => {
    h.emulator.advance(24 * 60 * 60 * 1000 + 1000);
    try {
      assert.equal((await sendError()).code, 'outside_reply_window');
    } finally {
      h.emulator.advance(-(24 * 60 * 60 * 1000 + 1000));
    }
  });

  test('5xx and Graph’s transient codes are retryable', async () => {
    h.emulator.failNext(1, 503, { body: '<html>Service Unavailable</html>' });
    const unavailable = await sendError();
    assert.deepEqual([unavailable.code, unavailable.retryable], ['provider_unavailable', true]);
    h.emulator.failNext(1, 500, {
      body: JSON.stringify({ error: { message: 'An unknown error has occurred.', code: 1, fbtrace_id: 'B1' } }),
    });
    const unknown = await sendError();
    assert.deepEqual([unknown.code, unknown.retryable, unknown.providerCode], ['provider_unavailable', true, '1']);
  });

  test('an expired token (190) is unauthorized', async () => {
    const error = await whatsappChannel
      .sendMessage(buildOutboundMessage({ recipient: { address: customer } }), {
        ...h.ctx,
        secrets: { ...h.ctx.secrets, accessToken: 'expired' },
      })
      .then(
        () => assert.fail('sent with a bad token'),
        (e: unknown) => e,
      );
    assert.ok(error instanceof ChannelError);
    assert.deepEqual([error.code, error.retryable, error.providerCode], ['unauthorized', false, '190']);
  });

  test('a permanent Graph error keeps Meta’s code, details and trace id', async () => {
    h.emulator.failNext(1, 400, {
      body: JSON.stringify({
        error: {
          message: 'Message Undeliverable.',
          code: 131026,
          error_data: { messaging_product: 'whatsapp', details: 'Receiver is incapable of receiving this message' },
          fbtrace_id: 'AbC',
        },
      }),
    });
    const error = await sendError();
    assert.deepEqual([error.code, error.retryable, error.providerCode], ['recipient_unreachable', false, '131026']);
    assert.match(error.message, /Message Undeliverable\. \(Receiver is incapable of receiving this message\) \[fbtrace_id AbC\]/);
  });

  test('content WhatsApp cannot carry is refused before calling Meta; the emulator refuses it too (#131009)', async () => {
    const before = h.emulator.requests.length;
    const quickReplies = ['a', 'b', 'c', 'd'].map((id) => ({ id, label: id.toUpperCase() }));
    const error = await sendError({ kind: 'text', text: 'Escolha', quickReplies });
    assert.equal(error.code, 'unsupported_content');
    assert.equal(h.emulator.requests.length, before);

    const url = `${h.ctx.config.apiBaseUrl}/v21.0/${phoneNumberId}/messages`;
    const buttons = [{ type: 'reply', reply: { id: 'x', title: 'A title of 21 chars!!' } }];
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        ...envelope,
        type: 'interactive',
        interactive: { type: 'button', body: { text: 'Oi' }, action: { buttons } },
      }),
    });
    assert.equal(response.status, 400);
    const body = await response.json();
    assert.equal(body.error.code, 131009);
    assert.match(body.error.error_data.details, /Max length: 20/);
  });
});
