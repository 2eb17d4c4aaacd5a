import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelError, type SendContext } from '@fio/channel-kit';
import { buildOutboundMessage } from '@fio/channel-kit/contract-suite';
import type { Content } from '@fio/contracts';
import { createTwilioMessagingEmulator, type TwilioMessagingEmulator } from '../../../emulators/src/twilio-messaging/index.ts';
import { listenEmulator } from '../../../emulators/src/emulator-kit.ts';
import type { SmsConfig, SmsSecrets } from '../src/sms/definition.ts';
import { smsChannel } from '../src/sms/index.ts';
import { countSmsSegments } from '../src/sms/outbound/count-sms-segments.ts';
import { accountSid, authToken, buildSmsConnection } from './fixtures/build-sms-request.ts';
import { captureWebhooks } from './fixtures/capture-webhooks.ts';

const serviceSid = 'MG0123456789abcdef0123456789abcdef';
const customer = '+5511987654321';

describe('sendMessage against the Twilio Messaging emulator', () => {
  let emulator: TwilioMessagingEmulator;
  let server: { url: string; close(): Promise<void> };
  let hooks: Awaited<ReturnType<typeof captureWebhooks>>;
  let seen = 0;

  before(async () => {
    hooks = await captureWebhooks();
  });
  beforeEach(async () => {
    await server?.close();
    emulator = createTwilioMessagingEmulator({
      accountSid,
      authToken,
      numbers: ['+5511940001234', 'whatsapp:+5511940001234'],
      messagingServiceSids: [serviceSid],
      webhookUrl: hooks.url,
      statusCallbacks: [],
    });
    server = await listenEmulator(emulator);
    seen = 0;
  });
  after(async () => {
    await server.close();
    await hooks.close();
  });

  function context(config: Partial<SmsConfig> = {}, secrets: Partial<SmsSecrets> = {}): SendContext<SmsConfig, SmsSecrets> {
    return {
      ...buildSmsConnection({ apiBaseUrl: server.url, ...config }, secrets),
      fetch,
      now: () => new Date('2026-03-02T12:00:00Z'),
      realtime: { push: () => 0 },
    };
  }
  const send = (content: Content, address = customer, config: Partial<SmsConfig> = {}) =>
    smsChannel.sendMessage(buildOutboundMessage({ recipient: { address }, content }), context(config));
  /** The form of each Messages API call since the last `forget()`. */
  const forms = () => emulator.requests.slice(seen).map((r) => [...new URLSearchParams(r.body.toString('utf8'))]);
  const forget = () => (seen = emulator.requests.length);

  test('posts a text to the Messages API with basic auth, From, Body and the status callback', async () => {
    const result = await send({ kind: 'text', text: 'Olá! Como posso ajudar?' });
    assert.equal(emulator.requests.length, 1);
    const request = emulator.requests[0]!;
    assert.equal(request.method, 'POST');
    assert.equal(request.path, `/2010-04-01/Accounts/${accountSid}/Messages.json`);
    assert.equal(request.headers['authorization'], `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`);
    assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.deepEqual(forms()[0], [
      ['To', customer],
      ['From', '+5511940001234'],
      ['Body', 'Olá! Como posso ajudar?'],
      ['StatusCallback', 'https://fio.example.com/webhooks/sms/loja-sms'],
    ]);
    assert.match(result.providerMessageId, /^SM[0-9a-f]{32}$/);
    assert.equal(result.status, 'sent');
    assert.equal(emulator.delivered[0]?.providerMessageId, result.providerMessageId);
    assert.equal(emulator.delivered[0]?.text, 'Olá! Como posso ajudar?');
  });

  test('prefers the configured status callback over the connection webhook URL', async () => {
    await send({ kind: 'text', text: 'oi' }, customer, { statusCallback: 'https://hooks.example.com/twilio-status' });
    assert.deepEqual(
      forms()[0]?.find(([k]) => k === 'StatusCallback'),
      ['StatusCallback', 'https://hooks.example.com/twilio-status'],
    );
  });

  test('splits a long pt-BR text into bodies of at most 3 segments, in order, at word boundaries', async () => {
    const text = 'Seu pedido nº 4521 saiu para entrega e deve chegar até amanhã à tarde. '.repeat(10).trim();
    const result = await send({ kind: 'text', text });
    const bodies = forms().map((form) => form.find(([k]) => k === 'Body')?.[1] ?? '');
    assert.ok(bodies.length >= 4, `${bodies.length} parts`);
    for (const body of bodies) {
      assert.equal(countSmsSegments(body).encoding, 'UCS-2');
      assert.ok(countSmsSegments(body).segments <= 3);
      assert.match(body, /\.$/, 'each part ends at a sentence');
    }
    assert.equal(bodies.join(' '), text);
    // The last part's sid stands for the message: its callbacks come after the others'.
    assert.equal(result.providerMessageId, emulator.delivered.at(-1)?.providerMessageId);
  });

  test('honours maxSegmentsPerMessage: 1 segment per SMS', async () => {
    await send({ kind: 'text', text: 'Promoção válida até domingo para clientes cadastrados na loja.' }, customer, {
      maxSegmentsPerMessage: 1,
    });
    const bodies = forms().map((form) => form.find(([k]) => k === 'Body')?.[1] ?? '');
    assert.equal(bodies.length, 1);
    const long = 'Promoção válida até domingo para clientes cadastrados na loja, aproveite já!';
    forget();
    await send({ kind: 'text', text: long }, customer, { maxSegmentsPerMessage: 1 });
    const parts = forms().map((form) => form.find(([k]) => k === 'Body')?.[1] ?? '');
    assert.deepEqual(parts, ['Promoção válida até domingo para clientes cadastrados na loja,', 'aproveite já!']);
  });

  test('sends media as MediaUrl with the caption as Body', async () => {
    await send({ kind: 'media', mediaType: 'image', url: 'https://fio.example.com/media/m1/boleto.png', caption: 'Seu boleto' });
    assert.deepEqual(forms()[0], [
      ['To', customer],
      ['From', '+5511940001234'],
      ['Body', 'Seu boleto'],
      ['MediaUrl', 'https://fio.example.com/media/m1/boleto.png'],
      ['StatusCallback', 'https://fio.example.com/webhooks/sms/loja-sms'],
    ]);
    assert.match(emulator.delivered[0]?.providerMessageId ?? '', /^MM/);
    assert.deepEqual(emulator.delivered[0]?.media, {
      kind: 'image',
      url: 'https://fio.example.com/media/m1/boleto.png',
      caption: 'Seu boleto',
    });
  });

  test('sends media as a link in the text where the connection has no MMS', async () => {
    await send({ kind: 'media', mediaType: 'file', url: 'https://fio.example.com/media/m2/nota.pdf', caption: 'Nota fiscal' }, customer, {
      sendMediaAs: 'link',
    });
    assert.deepEqual(
      forms()[0]?.find(([k]) => k === 'Body'),
      ['Body', 'Nota fiscal\nhttps://fio.example.com/media/m2/nota.pdf'],
    );
    assert.equal(
      forms()[0]?.some(([k]) => k === 'MediaUrl'),
      false,
    );
  });

  test('sends through a Messaging Service instead of a number', async () => {
    const result = await send({ kind: 'text', text: 'oi' }, customer, { from: undefined, messagingServiceSid: serviceSid });
    assert.deepEqual(forms()[0], [
      ['To', customer],
      ['MessagingServiceSid', serviceSid],
      ['Body', 'oi'],
      ['StatusCallback', 'https://fio.example.com/webhooks/sms/loja-sms'],
    ]);
    assert.match(result.providerMessageId, /^SM/);
  });

  test("uses Twilio's WhatsApp sender: whatsapp: on both ends and no SMS segment split", async () => {
    const text = 'Seu pedido nº 4521 saiu para entrega e deve chegar até amanhã à tarde. '.repeat(5).trim();
    await send({ kind: 'text', text }, customer, { from: 'whatsapp:+5511940001234' });
    assert.deepEqual(forms(), [
      [
        ['To', `whatsapp:${customer}`],
        ['From', 'whatsapp:+5511940001234'],
        ['Body', text],
        ['StatusCallback', 'https://fio.example.com/webhooks/sms/loja-sms'],
      ],
    ]);
    // A reply to the address a WhatsApp message came from keeps its prefix as is.
    forget();
    await send({ kind: 'text', text: 'oi' }, `whatsapp:${customer}`, { from: 'whatsapp:+5511940001234' });
    assert.equal(forms()[0]?.[0]?.[1], `whatsapp:${customer}`);
  });

  test("refuses a WhatsApp free-form message outside the 24-hour window before calling Twilio (63016's reason)", async () => {
    const ctx = context({ from: 'whatsapp:+5511940001234' });
    const stale = buildOutboundMessage({ recipient: { address: `whatsapp:${customer}` }, content: { kind: 'text', text: 'oi' } });
    const error = await smsChannel.sendMessage({ ...stale, lastInboundAt: '2026-03-01T11:59:00Z' }, ctx).catch((e: unknown) => e);
    assert.ok(error instanceof ChannelError);
    assert.equal(error.code, 'outside_reply_window');
    assert.equal(error.retryable, false);
    assert.match(error.message, /more than 24 hours/);
    const never = await smsChannel.sendMessage({ ...stale, lastInboundAt: null }, ctx).catch((e: unknown) => e);
    assert.ok(never instanceof ChannelError && never.code === 'outside_reply_window');
    assert.equal(forms().length, 0);
    // Within the window it goes; SMS has no window at all.
    await smsChannel.sendMessage({ ...stale, lastInboundAt: '2026-03-02T09:00:00Z' }, ctx);
    await smsChannel.sendMessage({ ...stale, recipient: { address: customer }, lastInboundAt: '2025-01-01T00:00:00Z' }, context());
    assert.equal(forms().length, 2);
  });

  test('refuses content the server should have fitted, without calling Twilio', async () => {
    await assert.rejects(
      send({ kind: 'location', latitude: -23.55, longitude: -46.63 }),
      (error) => error instanceof ChannelError && error.code === 'unsupported_content',
    );
    await assert.rejects(
      send({ kind: 'text', text: 'Escolha', quickReplies: [{ id: 'a', label: 'A' }] }),
      (error) => error instanceof ChannelError && error.code === 'unsupported_content',
    );
    await assert.rejects(
      send({ kind: 'text', text: 'oi' }, 'visitor_123'),
      (error) => error instanceof ChannelError && error.code === 'rejected',
    );
    assert.equal(emulator.requests.length, 0);
  });
});

describe('Twilio errors from the emulator map to coded ChannelErrors', () => {
  let emulator: TwilioMessagingEmulator;
  let server: { url: string; close(): Promise<void> };
  let hooks: Awaited<ReturnType<typeof captureWebhooks>>;

  before(async () => {
    hooks = await captureWebhooks();
    emulator = createTwilioMessagingEmulator({
      accountSid,
      authToken,
      numbers: ['+5511940001234'],
      webhookUrl: hooks.url,
      statusCallbacks: [],
    });
    server = await listenEmulator(emulator);
  });
  after(async () => {
    await server.close();
    await hooks.close();
  });

  const context = (secrets: Partial<SmsSecrets> = {}, wrap: typeof fetch = fetch): SendContext<SmsConfig, SmsSecrets> => ({
    ...buildSmsConnection({ apiBaseUrl: server.url }, secrets),
    fetch: wrap,
    now: () => new Date('2026-03-02T12:00:00Z'),
    realtime: { push: () => 0 },
  });
  const message = (address: string, text = 'oi') => buildOutboundMessage({ recipient: { address }, content: { kind: 'text', text } });
  const twilioBody = (code: number, text: string, status: number) =>
    JSON.stringify({ code, message: text, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

  test('21610: the customer texted STOP to the number, so Twilio refuses further messages', async () => {
    const address = '+5521998765432';
    await emulator.customer.sendText({ address }, 'STOP');
    assert.equal(emulator.isUnsubscribed('+5511940001234', address), true);
    const error = await smsChannel.sendMessage(message(address), context()).catch((e: unknown) => e);
    assert.ok(error instanceof ChannelError);
    assert.equal(error.code, 'recipient_unreachable');
    assert.equal(error.retryable, false);
    assert.equal(error.providerCode, '21610');
    assert.match(error.message, /unsubscribed recipient/);
    // START subscribes them again.
    await emulator.customer.sendText({ address }, 'start');
    assert.match((await smsChannel.sendMessage(message(address), context())).providerMessageId, /^SM/);
  });

  test('20003: a wrong Auth Token is unauthorized, not retried', async () => {
    const error = await smsChannel
      .sendMessage(message(customer), context({ authToken: 'ffffffffffffffffffffffffffffffff' }))
      .catch((e: unknown) => e);
    assert.ok(error instanceof ChannelError);
    assert.equal(error.code, 'unauthorized');
    assert.equal(error.providerCode, '20003');
    assert.equal(error.retryable, false);
  });

  test('20429 with Retry-After is retryable after the given delay', async () => {
    emulator.failNext(1, 429, { retryAfterSeconds: 3, body: twilioBody(20429, 'Too Many Requests', 429) });
    const error = await smsChannel.sendMessage(message(customer), context()).catch((e: unknown) => e);
    assert.ok(error instanceof ChannelError);
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.retryable, true);
    assert.equal(error.retryAfterMs, 3000);
  });

  for (const [code, text, expected] of [
    [21211, "Invalid 'To' Phone Number", 'rejected'],
    [21408, 'Permission to send an SMS has not been enabled for the region', 'rejected'],
    [21612, "The 'To' phone number is not currently reachable via SMS", 'rejected'],
  ] as const) {
    test(`${code}: ${expected}, permanent, with Twilio's reason for the agent`, async () => {
      emulator.failNext(1, 400, { body: twilioBody(code, text, 400) });
      const error = await smsChannel.sendMessage(message(customer), context()).catch((e: unknown) => e);
      assert.ok(error instanceof ChannelError);
      assert.equal(error.code, expected);
      assert.equal(error.retryable, false);
      assert.equal(error.providerCode, String(code));
      assert.ok(error.message.includes(text));
    });
  }

  test('a later part that fails briefly is retried in place; one that fails for good is not retried as a whole', async () => {
    const long = 'Informação importante sobre a sua entrega de hoje. '.repeat(12);
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      calls += 1;
      if (calls === 2) return new Response(twilioBody(20429, 'Too Many Requests', 429), { status: 429, headers: { 'retry-after': '0.3' } });
      return fetch(input, init);
    };
    const before = emulator.delivered.length;
    await smsChannel.sendMessage(message(customer, long), context({}, flaky));
    const parts = emulator.delivered.slice(before).map((view) => view.text);
    assert.equal(parts.join(' '), long.trim());

    calls = 0;
    const broken: typeof fetch = async (input, init) => {
      calls += 1;
      if (calls === 2)
        return new Response(twilioBody(21617, 'The concatenated message body exceeds the 1600 character limit.', 400), { status: 400 });
      return fetch(input, init);
    };
    const error = await smsChannel.sendMessage(message(customer, long), context({}, broken)).catch((e: unknown) => e);
    assert.ok(error instanceof ChannelError);
    assert.equal(error.retryable, false);
    assert.equal(error.providerCode, '21617');
    assert.match(error.message, /^parts 1-1 of \d+ went out; part 2 failed/);
  });
});
