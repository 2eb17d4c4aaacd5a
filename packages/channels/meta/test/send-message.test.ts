import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildOutboundMessage } from '@fio/channel-kit/contract-suite';
import { ChannelError, type OutboundMessage } from '@fio/channel-kit';
import { instagramChannel, messengerChannel } from '../src/index.ts';
import { igAccountId, instagramToken, messengerToken, pageId, startMetaHarness, type MetaHarness } from './fixtures/start-meta-emulator.ts';

const hour = 3_600_000;
const customer = { address: '24036925405913', name: 'Ana' };
const igCustomer = { address: '6972049162831955', name: 'Bia' };

function lastRequestBody(h: MetaHarness): unknown {
  const last = h.emulator.requests.at(-1);
  assert.ok(last);
  return JSON.parse(last.body.toString('utf8'));
}

function reply(overrides: Partial<OutboundMessage>, to = customer.address): OutboundMessage {
  // buildOutboundMessage keeps only the fields every channel needs; the window fields ride beside them.
  const fields = { recipient: { address: to }, author: 'bot' as const, ...overrides };
  return { ...buildOutboundMessage(fields), ...fields };
}

async function rejection(promise: Promise<unknown>): Promise<ChannelError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ChannelError, `threw ${String(error)}`);
    return error;
  }
  return assert.fail('expected a ChannelError');
}

describe('sending through the Send API emulator', () => {
  let h: MetaHarness;
  let wroteAt: string;
  before(async () => {
    h = await startMetaHarness();
    wroteAt = h.emulator.now().toISOString();
    assert.equal((await h.emulator.customer.sendText(customer, 'oi')).status, 200);
    assert.equal((await h.emulator.customerOf(igAccountId).sendText(igCustomer, 'olá')).status, 200);
  });
  after(() => h.close());

  test("the emulator's customer webhooks verify and parse with the adapters", () => {
    const [fb, ig] = h.received;
    const first = fb?.events[0];
    assert.ok(first?.type === 'message');
    assert.deepEqual([first.sender.address, first.content], [customer.address, { kind: 'text', text: 'oi' }]);
    const second = ig?.events[0];
    assert.ok(second?.type === 'message');
    assert.deepEqual(second.sender.identities, [{ kind: 'instagram_igsid', value: igCustomer.address, verified: true }]);
    assert.deepEqual(second.content, { kind: 'text', text: 'olá' });
  });

  test('a text goes to /{version}/me/messages as a RESPONSE with the page token', async () => {
    const result = await messengerChannel.sendMessage(reply({ lastInboundAt: wroteAt }), h.sendContext(h.messenger));
    const request = h.emulator.requests.at(-1);
    assert.equal(request?.method, 'POST');
    assert.equal(request.path, '/v21.0/me/messages');
    assert.equal(request.headers['authorization'], `Bearer ${messengerToken}`);
    assert.equal(request.headers['content-type'], 'application/json');
    assert.deepEqual(lastRequestBody(h), {
      recipient: { id: customer.address },
      messaging_type: 'RESPONSE',
      message: { text: 'Olá! Como posso ajudar?' },
    });
    assert.deepEqual(result, { providerMessageId: h.emulator.delivered.at(-1)?.providerMessageId, status: 'sent' });
    assert.match(result.providerMessageId, /^m_/);
  });

  test('quick replies go as content_type text with title and payload, and a pick comes back as that payload', async () => {
    const content = {
      kind: 'text' as const,
      text: 'Sobre o que?',
      quickReplies: [
        { id: 'orders', label: 'Pedidos' },
        { id: 'human', label: 'Falar com atendente' },
      ],
    };
    await messengerChannel.sendMessage(reply({ lastInboundAt: wroteAt, content }), h.sendContext(h.messenger));
    assert.deepEqual(lastRequestBody(h), {
      recipient: { id: customer.address },
      messaging_type: 'RESPONSE',
      message: {
        text: 'Sobre o que?',
        quick_replies: [
          { content_type: 'text', title: 'Pedidos', payload: 'orders' },
          { content_type: 'text', title: 'Falar com atendente', payload: 'human' },
        ],
      },
    });
    const view = h.emulator.delivered.at(-1);
    assert.ok(view);
    assert.deepEqual(view.options, [
      { id: 'orders', label: 'Pedidos' },
      { id: 'human', label: 'Falar com atendente' },
    ]);
    await h.emulator.customer.pickOption(customer, view, 1);
    const picked = h.received.at(-1)?.events[0];
    assert.ok(picked?.type === 'message');
    assert.deepEqual(picked.content, { kind: 'text', text: 'Falar com atendente', payload: 'human' });
  });

  test('media goes by URL with is_reusable, its caption first as text; the attachment id is reported', async () => {
    const content = {
      kind: 'media' as const,
      mediaType: 'file' as const,
      url: 'https://loja.example.com/boleto.pdf',
      caption: 'Seu boleto',
    };
    const result = await messengerChannel.sendMessage(reply({ lastInboundAt: wroteAt, content }), h.sendContext(h.messenger));
    const [captionCall, attachmentCall] = h.emulator.requests.slice(-2).map((r) => JSON.parse(r.body.toString('utf8')) as unknown);
    assert.deepEqual(captionCall, { recipient: { id: customer.address }, messaging_type: 'RESPONSE', message: { text: 'Seu boleto' } });
    assert.deepEqual(attachmentCall, {
      recipient: { id: customer.address },
      messaging_type: 'RESPONSE',
      message: { attachment: { type: 'file', payload: { url: 'https://loja.example.com/boleto.pdf', is_reusable: true } } },
    });
    assert.equal(result.providerMessageId, h.emulator.delivered.at(-1)?.providerMessageId);
    assert.deepEqual(h.emulator.delivered.at(-1)?.media, { kind: 'file', url: 'https://loja.example.com/boleto.pdf' });
  });

  test("after 24 hours a person's reply goes tagged HUMAN_AGENT and the emulator accepts it", async () => {
    h.emulator.advance(30 * hour);
    try {
      const result = await messengerChannel.sendMessage(reply({ author: 'agent', lastInboundAt: wroteAt }), h.sendContext(h.messenger));
      assert.match(result.providerMessageId, /^m_/);
      assert.deepEqual(lastRequestBody(h), {
        recipient: { id: customer.address },
        messaging_type: 'MESSAGE_TAG',
        tag: 'HUMAN_AGENT',
        message: { text: 'Olá! Como posso ajudar?' },
      });
    } finally {
      h.emulator.advance(-30 * hour);
    }
  });

  test('after 24 hours the bot is refused before any call, and after 7 days a person too', async () => {
    h.emulator.advance(30 * hour);
    const calls = h.emulator.requests.length;
    try {
      const bot = await rejection(messengerChannel.sendMessage(reply({ lastInboundAt: wroteAt }), h.sendContext(h.messenger)));
      assert.equal(bot.code, 'outside_reply_window');
      assert.equal(bot.retryable, false);
      assert.match(bot.message, /30 hours old.*24 hours.*only a person/);
      h.emulator.advance(7 * 24 * hour);
      const agent = await rejection(
        messengerChannel.sendMessage(reply({ author: 'agent', lastInboundAt: wroteAt }), h.sendContext(h.messenger)),
      );
      assert.equal(agent.code, 'outside_reply_window');
      assert.match(agent.message, /8 days old.*7 days/);
      const never = await rejection(messengerChannel.sendMessage(reply({ lastInboundAt: null }), h.sendContext(h.messenger)));
      assert.equal(never.code, 'outside_reply_window');
      assert.equal(h.emulator.requests.length, calls, 'nothing reached the provider');
    } finally {
      h.emulator.advance(-(30 + 7 * 24) * hour);
    }
  });

  test("Meta's own window refusal (when Fio was not told the last inbound time) maps to outside_reply_window", async () => {
    h.emulator.advance(25 * hour);
    try {
      const fb = await rejection(messengerChannel.sendMessage(reply({}), h.sendContext(h.messenger)));
      assert.deepEqual([fb.code, fb.providerCode, fb.retryable], ['outside_reply_window', '10/2018278', false]);
      assert.match(fb.message, /outside of allowed window/);
      const ig = await rejection(instagramChannel.sendMessage(reply({}, igCustomer.address), h.sendContext(h.instagram)));
      assert.deepEqual([ig.code, ig.providerCode], ['outside_reply_window', '10/2534022']);
    } finally {
      h.emulator.advance(-25 * hour);
    }
  });

  test('Instagram sends with its own token, and refuses text over 1,000 UTF-8 bytes before calling', async () => {
    await instagramChannel.sendMessage(reply({ lastInboundAt: wroteAt }, igCustomer.address), h.sendContext(h.instagram));
    assert.equal(h.emulator.requests.at(-1)?.headers['authorization'], `Bearer ${instagramToken}`);
    assert.equal(h.emulator.delivered.at(-1)?.to, igCustomer.address);
    const calls = h.emulator.requests.length;
    // 400 characters of a 3-byte script: within the declared length, over Instagram's 1,000 bytes.
    const long = { kind: 'text' as const, text: '日本語'.repeat(134) };
    const error = await rejection(
      instagramChannel.sendMessage(reply({ lastInboundAt: wroteAt, content: long }, igCustomer.address), h.sendContext(h.instagram)),
    );
    assert.equal(error.code, 'unsupported_content');
    assert.equal(h.emulator.requests.length, calls);
  });

  test('Graph errors become coded ChannelErrors with the provider code', async () => {
    const send = () => messengerChannel.sendMessage(reply({ lastInboundAt: wroteAt }), h.sendContext(h.messenger));
    h.emulator.failNext(1, 503);
    const down = await rejection(send());
    assert.deepEqual([down.code, down.retryable], ['provider_unavailable', true]);

    h.emulator.failNext(1, 429, { retryAfterSeconds: 7 });
    const slow = await rejection(send());
    assert.deepEqual([slow.code, slow.retryable, slow.retryAfterMs], ['rate_limited', true, 7000]);

    h.emulator.failNext(1, 400, {
      body: JSON.stringify({
        error: { message: '(#613) Calls to this api have exceeded the rate limit.', type: 'OAuthException', code: 613 },
      }),
    });
    const throttled = await rejection(send());
    assert.deepEqual(
      [throttled.code, throttled.retryable, throttled.providerCode, throttled.retryAfterMs],
      ['rate_limited', true, '613', 30_000],
    );

    h.emulator.failNext(1, 400, {
      body: JSON.stringify({
        error: { message: "(#551) This person isn't available right now.", type: 'OAuthException', code: 551, error_subcode: 1545041 },
      }),
    });
    const away = await rejection(send());
    assert.deepEqual([away.code, away.retryable, away.providerCode], ['recipient_unreachable', false, '551/1545041']);
    assert.match(away.message, /isn't available right now/);

    const badToken = await rejection(
      messengerChannel.sendMessage(
        reply({ lastInboundAt: wroteAt }),
        h.sendContext({ ...h.messenger, secrets: { ...h.messenger.secrets, pageAccessToken: 'expired' } }),
      ),
    );
    assert.deepEqual([badToken.code, badToken.providerCode, badToken.retryable], ['unauthorized', '190', false]);
    assert.doesNotMatch(badToken.message, /expired|EAAG/, 'the token never appears in the error');

    const stranger = await rejection(messengerChannel.sendMessage(reply({}, '99999999999'), h.sendContext(h.messenger)));
    assert.deepEqual([stranger.code, stranger.providerCode], ['recipient_unreachable', '100/2018001']);
  });

  test('the emulator answers documented (#100) errors for more than 13 quick replies and titles over 20 characters', async () => {
    const base = h.messenger.config.apiBaseUrl;
    const post = async (message: object) => {
      const res = await fetch(`${base}/v21.0/${pageId}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${messengerToken}` },
        body: JSON.stringify({ recipient: { id: customer.address }, messaging_type: 'RESPONSE', message }),
      });
      return { status: res.status, body: (await res.json()) as { error?: { code: number; message: string } } };
    };
    const many = Array.from({ length: 14 }, (_, i) => ({ content_type: 'text', title: `Opção ${i}`, payload: `p${i}` }));
    const tooMany = await post({ text: 'Escolha', quick_replies: many });
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.body.error?.code, 100);
    assert.match(tooMany.body.error?.message ?? '', /at most 13/);
    const long = await post({
      text: 'Escolha',
      quick_replies: [{ content_type: 'text', title: 'Um título longo demais aqui', payload: 'x' }],
    });
    assert.equal(long.body.error?.code, 100);
    assert.match(long.body.error?.message ?? '', /at most 20 characters/);
  });
});

describe('status and echo webhooks after a send', () => {
  test('Messenger: the echo gives no event, the delivery marks the sent mid delivered, the read watermark names none', async () => {
    const h = await startMetaHarness({ statusCallbacks: 'read', echoes: true });
    try {
      await h.emulator.customer.sendText(customer, 'oi');
      const { providerMessageId } = await messengerChannel.sendMessage(
        reply({ lastInboundAt: h.emulator.now().toISOString() }),
        h.sendContext(h.messenger),
      );
      for (let i = 0; i < 100 && h.emulator.callbackAnswers.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(
        h.emulator.callbackAnswers.map((a) => a.status),
        [200, 200, 200],
      );
      const [echo, delivery, read] = h.received.slice(1).map((r) => r.events);
      assert.deepEqual(echo, []);
      assert.deepEqual(
        delivery?.map((e) => [e.type, e.providerMessageId, e.type === 'status' && e.status]),
        [['status', providerMessageId, 'delivered']],
      );
      assert.deepEqual(read, []);
    } finally {
      await h.close();
    }
  });

  test('Instagram: the read receipt names the message and marks it read', async () => {
    const h = await startMetaHarness({ statusCallbacks: 'read' });
    try {
      await h.emulator.customerOf(igAccountId).sendText(igCustomer, 'oi');
      const { providerMessageId } = await instagramChannel.sendMessage(
        reply({ lastInboundAt: h.emulator.now().toISOString() }, igCustomer.address),
        h.sendContext(h.instagram),
      );
      for (let i = 0; i < 100 && h.emulator.callbackAnswers.length < 1; i++) await new Promise((r) => setTimeout(r, 10));
      const read = h.received.at(-1)?.events[0];
      assert.deepEqual(read?.type === 'status' && [read.providerMessageId, read.status], [providerMessageId, 'read']);
    } finally {
      await h.close();
    }
  });
});

describe('fetchMedia', () => {
  test('downloads an attachment from its CDN URL, and refuses one over maxBytes while reading', async () => {
    const h = await startMetaHarness();
    try {
      const bytes = new Uint8Array(4096).map((_, i) => i % 251);
      const url = `${h.messenger.config.apiBaseUrl}${h.emulator.hostMedia(bytes, 'image/jpeg')}`;
      await h.emulator.customer.sendAttachment(customer, 'image', url);
      const event = h.received.at(-1)?.events[0];
      assert.ok(event?.type === 'message' && event.content.kind === 'media');
      assert.deepEqual(event.content, { kind: 'media', mediaType: 'image', url });
      const ctx = h.sendContext(h.messenger);
      const fetched = await messengerChannel.fetchMedia?.({ ref: event.content.url, maxBytes: 10_000 }, ctx);
      assert.equal(fetched?.mimeType, 'image/jpeg');
      assert.deepEqual(fetched?.body, bytes);
      const tooBig = await rejection(messengerChannel.fetchMedia?.({ ref: url, maxBytes: 1000 }, ctx) ?? Promise.resolve());
      assert.deepEqual([tooBig.code, tooBig.retryable], ['rejected', false]);
      const gone = await rejection(
        messengerChannel.fetchMedia?.({ ref: `${h.messenger.config.apiBaseUrl}/cdn/0000`, maxBytes: 1000 }, ctx) ?? Promise.resolve(),
      );
      assert.equal(gone.code, 'rejected');
      const notUrl = await rejection(
        messengerChannel.fetchMedia?.({ ref: 'file:///etc/passwd', maxBytes: 1000 }, ctx) ?? Promise.resolve(),
      );
      assert.equal(notUrl.code, 'rejected');
    } finally {
      await h.close();
    }
  });

  test('stops reading a body without content-length as soon as it passes maxBytes', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 1000) return controller.close();
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const ctx = {
      ...(await import('./fixtures/build-meta-request.ts')).messengerConnection(),
      fetch: async () => new Response(stream),
      now: () => new Date(),
      realtime: { push: () => 0 },
    };
    const error = await rejection(
      messengerChannel.fetchMedia?.({ ref: 'https://scontent.xx.fbcdn.net/v/a.mp4', maxBytes: 10_000 }, ctx) ?? Promise.resolve(),
    );
    assert.equal(error.code, 'rejected');
    assert.ok(pulled < 20, `read ${pulled} chunks`);
  });
});
