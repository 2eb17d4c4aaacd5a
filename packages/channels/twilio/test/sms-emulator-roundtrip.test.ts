import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelError, type ConnectionContext, type SendContext } from '@fio/channel-kit';
import { buildOutboundMessage } from '@fio/channel-kit/contract-suite';
import { createTwilioMessagingEmulator, type TwilioMessagingEmulator } from '../../../emulators/src/twilio-messaging/index.ts';
import { listenEmulator } from '../../../emulators/src/emulator-kit.ts';
import type { SmsConfig, SmsSecrets } from '../src/sms/definition.ts';
import { smsChannel } from '../src/sms/index.ts';
import { accountSid, authToken, buildSmsConnection } from './fixtures/build-sms-request.ts';
import { captureWebhooks } from './fixtures/capture-webhooks.ts';

// The emulator is written from Twilio's docs, the channel too, separately: these tests pass only if both
// read them alike (signatures, form parameters, media behind auth and a redirect).
describe('the sms channel and the Twilio Messaging emulator', () => {
  let emulator: TwilioMessagingEmulator;
  let server: { url: string; close(): Promise<void> };
  let storage: { url: string; close(): Promise<void> };
  let hooks: Awaited<ReturnType<typeof captureWebhooks>>;
  let connection: ConnectionContext<SmsConfig, SmsSecrets>;
  const webhook = smsChannel.webhook!;

  before(async () => {
    hooks = await captureWebhooks();
    // The same emulator on a second port stands for Twilio's media storage host.
    const storageEmulator = { handle: (...args: Parameters<TwilioMessagingEmulator['handle']>) => emulator.handle(...args) };
    storage = await listenEmulator(storageEmulator);
    emulator = createTwilioMessagingEmulator({
      accountSid,
      authToken,
      numbers: ['+5511940001234', 'whatsapp:+5511940001234'],
      webhookUrl: hooks.url,
      mediaStorageBaseUrl: storage.url,
      baseUrl: () => server.url,
    });
    server = await listenEmulator(emulator);
    connection = { ...buildSmsConnection({ apiBaseUrl: server.url }), webhookUrl: hooks.url };
  });
  after(async () => {
    await server.close();
    await storage.close();
    await hooks.close();
  });
  const sendContext = (): SendContext<SmsConfig, SmsSecrets> => ({
    ...connection,
    fetch,
    now: () => new Date(),
    realtime: { push: () => 0 },
  });
  const lastHook = () => {
    const request = hooks.received.at(-1);
    assert.ok(request, 'the emulator posted a webhook');
    return request;
  };

  test("a customer's SMS arrives signed and parses to a text from their phone", async () => {
    const answer = await emulator.customer.sendText({ address: '+5511987654321' }, 'Oi, tudo bem? Quero saber do meu pedido');
    assert.equal(answer.status, 200);
    const request = lastHook();
    assert.deepEqual(webhook.verifyRequest(request, connection), { ok: true });
    const parsed = webhook.toInboundEvents(request, connection);
    assert.ok(parsed.ok);
    const [event] = parsed.events;
    assert.ok(event?.type === 'message');
    assert.match(event.providerMessageId, /^SM[0-9a-f]{32}$/);
    assert.deepEqual(event.content, { kind: 'text', text: 'Oi, tudo bem? Quero saber do meu pedido' });
    assert.deepEqual(event.sender, { address: '+5511987654321', identities: [{ kind: 'phone', value: '+5511987654321', verified: true }] });
  });

  test('a WhatsApp message through Twilio carries the profile name', async () => {
    await emulator.customer.sendText({ address: 'whatsapp:+5511987654321', name: 'Maria Silva' }, 'oi');
    const request = lastHook();
    assert.deepEqual(webhook.verifyRequest(request, connection), { ok: true });
    const parsed = webhook.toInboundEvents(request, connection);
    assert.ok(parsed.ok && parsed.events[0]?.type === 'message');
    assert.deepEqual(parsed.events[0].sender, {
      address: 'whatsapp:+5511987654321',
      displayName: 'Maria Silva',
      identities: [{ kind: 'phone', value: '+5511987654321', verified: true }],
    });
  });

  test('status callbacks after a send are signed and move the message to sent, then delivered', async () => {
    const before = hooks.received.length;
    const result = await smsChannel.sendMessage(buildOutboundMessage({ recipient: { address: '+5511987654321' } }), sendContext());
    await emulator.settled();
    const callbacks = hooks.received.slice(before);
    assert.equal(callbacks.length, 2);
    const statuses = callbacks.map((request) => {
      assert.deepEqual(webhook.verifyRequest(request, connection), { ok: true });
      const parsed = webhook.toInboundEvents(request, connection);
      assert.ok(parsed.ok);
      return parsed.events;
    });
    assert.deepEqual(statuses, [
      [{ type: 'status', providerMessageId: result.providerMessageId, status: 'sent' }],
      [{ type: 'status', providerMessageId: result.providerMessageId, status: 'delivered' }],
    ]);
    assert.deepEqual(
      emulator.callbackAnswers.slice(-2).map((a) => a.status),
      [200, 200],
    );
  });

  test('an MMS photo is fetched through the API with basic auth, then from storage without it', async () => {
    const photo = new Uint8Array(Array.from({ length: 2048 }, (_, i) => i % 251));
    await emulator.customer.sendMedia({ address: '+5511987654321' }, { body: photo, contentType: 'image/jpeg' }, 'a caixa chegou amassada');
    const parsed = webhook.toInboundEvents(lastHook(), connection);
    assert.ok(parsed.ok && parsed.events[0]?.type === 'message');
    const content = parsed.events[0].content;
    assert.ok(content.kind === 'media');
    assert.equal(content.mediaType, 'image');
    assert.equal(content.mimeType, 'image/jpeg');
    assert.equal(content.caption, 'a caixa chegou amassada');
    assert.match(content.url, new RegExp(`^${server.url}/2010-04-01/Accounts/${accountSid}/Messages/MM[0-9a-f]{32}/Media/ME[0-9a-f]{32}$`));

    const requestsBefore = emulator.requests.length;
    const fetched = await smsChannel.fetchMedia!({ ref: content.url, mimeType: content.mimeType, maxBytes: 10_000 }, sendContext());
    assert.deepEqual(fetched.body, photo);
    assert.equal(fetched.mimeType, 'image/jpeg');
    const [api, stored] = emulator.requests.slice(requestsBefore);
    assert.ok(api?.headers['authorization']?.startsWith('Basic '));
    assert.match(stored?.path ?? '', /^\/media-storage\//);
    assert.equal(stored?.headers['host'], new URL(storage.url).host);
    assert.equal(stored?.headers['authorization'], undefined, 'credentials never go to the storage host');

    await assert.rejects(
      smsChannel.fetchMedia!({ ref: content.url, maxBytes: 1000 }, sendContext()),
      (error) => error instanceof ChannelError && error.code === 'rejected' && /1000-byte limit/.test(error.message),
    );
  });

  test('media behind auth is refused to a connection with the wrong Auth Token', async () => {
    await emulator.customer.sendMedia({ address: '+5511987654321' }, { body: new Uint8Array([1, 2, 3]), contentType: 'audio/ogg' });
    const parsed = webhook.toInboundEvents(lastHook(), connection);
    assert.ok(parsed.ok && parsed.events[0]?.type === 'message' && parsed.events[0].content.kind === 'media');
    const ctx = { ...sendContext(), secrets: { authToken: '0'.repeat(32) } };
    await assert.rejects(
      smsChannel.fetchMedia!({ ref: parsed.events[0].content.url, maxBytes: 1000 }, ctx),
      (error) => error instanceof ChannelError && error.code === 'unauthorized',
    );
  });

  test("the emulator validates like the Messages API: Twilio's codes for what is missing or wrong", async () => {
    const post = async (form: Record<string, string>, auth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`) => {
      const res = await fetch(`${server.url}/2010-04-01/Accounts/${accountSid}/Messages.json`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });
      return { status: res.status, body: (await res.json()) as { code: number; message: string; more_info: string; status: number } };
    };
    const from = '+5511940001234';
    assert.deepEqual((await post({ From: from, Body: 'oi' })).body, {
      code: 21604,
      message: "A 'To' phone number is required.",
      more_info: 'https://www.twilio.com/docs/errors/21604',
      status: 400,
    });
    assert.equal((await post({ To: '+5511987654321', From: from })).body.code, 21602);
    assert.equal((await post({ To: '+5511987654321', Body: 'oi' })).body.code, 21603);
    assert.equal((await post({ To: '11 98765-4321', From: from, Body: 'oi' })).body.code, 21211);
    assert.equal((await post({ To: '+5511987654321', From: '+15005550006', Body: 'oi' })).body.code, 21606);
    assert.equal((await post({ To: '+5511987654321', From: 'whatsapp:+5511940001234', Body: 'oi' })).body.code, 21910);
    assert.equal((await post({ To: '+5511987654321', From: from, Body: 'x'.repeat(1601) })).body.code, 21617);
    const unauthorized = await post({ To: '+5511987654321', From: from, Body: 'oi' }, 'Basic bm9wZTpub3Bl');
    assert.deepEqual([unauthorized.status, unauthorized.body.code], [401, 20003]);
    const created = await post({ To: '+5511987654321', From: from, Body: 'Olá' });
    assert.equal(created.status, 201);
    assert.match(JSON.stringify(created.body), /"status":"queued"/);
  });

  test('unsigned status callbacks are refused by the signature check', async () => {
    const forger = createTwilioMessagingEmulator({
      accountSid,
      authToken,
      numbers: ['+5511940001234'],
      webhookUrl: hooks.url,
      signStatusCallbacks: false,
    });
    const forged = await listenEmulator(forger);
    try {
      const before = hooks.received.length;
      await smsChannel.sendMessage(buildOutboundMessage({ recipient: { address: '+5511987654321' } }), {
        ...sendContext(),
        config: { ...connection.config, apiBaseUrl: forged.url },
      });
      await forger.settled();
      const callbacks = hooks.received.slice(before);
      assert.equal(callbacks.length, 2);
      for (const request of callbacks) assert.deepEqual(webhook.verifyRequest(request, connection), { ok: false, reason: 'bad_signature' });
    } finally {
      await forged.close();
    }
  });
});
