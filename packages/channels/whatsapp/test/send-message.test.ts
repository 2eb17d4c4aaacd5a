import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelError } from '@fio/channel-kit';
import { buildOutboundMessage } from '@fio/channel-kit/contract-suite';
import type { Content } from '@fio/contracts';
import { whatsappChannel } from '../src/index.ts';
import { accessToken, phoneNumberId } from './fixtures/build-whatsapp-request.ts';
import { clock, startHarness, type Harness } from './fixtures/emulator-harness.ts';

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

/** The body of the last /messages request, as the emulator received it. */
function lastRequest(): { path: string; authorization: string | undefined; body: unknown } {
  const request = h.emulator.requests.at(-1);
  assert.ok(request);
  return { path: request.path, authorization: request.headers.authorization, body: JSON.parse(request.body.toString('utf8')) };
}

const envelope = { messaging_product: 'whatsapp', recipient_type: 'individual', to: customer };

describe('sendMessage against the emulator: exact requests', () => {
  test('text: POST /v21.0/{phone-number-id}/messages with the bearer token; the id is messages[0].id', async () => {
    const result = await send({ kind: 'text', text: 'Olá! Como posso ajudar?' });
    const request = lastRequest();
    assert.equal(request.path, `/v21.0/${phoneNumberId}/messages`);
    assert.equal(request.authorization, `Bearer ${accessToken}`);
    assert.deepEqual(request.body, { ...envelope, type: 'text', text: { body: 'Olá! Como posso ajudar?', preview_url: false } });
    assert.deepEqual(result, { providerMessageId: h.emulator.delivered.at(-1)?.providerMessageId, status: 'sent' });
    assert.match(result.providerMessageId, /^wamid\./);
  });

  test('text with a link asks for the preview', async () => {
    await send({ kind: 'text', text: 'Rastreie em https://loja.example.com/pedido/42' });
    assert.deepEqual(lastRequest().body, {
      ...envelope,
      type: 'text',
      text: { body: 'Rastreie em https://loja.example.com/pedido/42', preview_url: true },
    });
  });

  test('quick replies: interactive reply buttons', async () => {
    await send({
      kind: 'text',
      text: 'Posso ajudar em mais alguma coisa?',
      quickReplies: [
        { id: 'sim', label: 'Sim' },
        { id: 'falar_atendente', label: 'Falar com atendente' },
      ],
    });
    assert.deepEqual(lastRequest().body, {
      ...envelope,
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Posso ajudar em mais alguma coisa?' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'sim', title: 'Sim' } },
            { type: 'reply', reply: { id: 'falar_atendente', title: 'Falar com atendente' } },
          ],
        },
      },
    });
    assert.deepEqual(h.emulator.delivered.at(-1)?.options, [
      { id: 'sim', label: 'Sim' },
      { id: 'falar_atendente', label: 'Falar com atendente' },
    ]);
  });

  test('list: sections and rows, descriptions kept within 72 characters', async () => {
    await send({
      kind: 'list',
      text: 'Escolha um assunto',
      buttonLabel: 'Ver opções',
      sections: [
        { title: 'Pedidos', rows: [{ id: 'status', title: 'Status do pedido', description: 'Onde está minha compra' }] },
        { title: 'Conta', rows: [{ id: 'senha', title: 'Trocar senha', description: 'x'.repeat(80) }] },
      ],
    });
    assert.deepEqual(lastRequest().body, {
      ...envelope,
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'Escolha um assunto' },
        action: {
          button: 'Ver opções',
          sections: [
            { title: 'Pedidos', rows: [{ id: 'status', title: 'Status do pedido', description: 'Onde está minha compra' }] },
            { title: 'Conta', rows: [{ id: 'senha', title: 'Trocar senha', description: `${'x'.repeat(71)}…` }] },
          ],
        },
      },
    });
  });

  test('media by link: image with caption, document with filename, captioned audio as a document', async () => {
    await send({ kind: 'media', mediaType: 'image', url: 'https://cdn.example.com/nota.jpg', caption: 'Sua nota' });
    assert.deepEqual(lastRequest().body, {
      ...envelope,
      type: 'image',
      image: { link: 'https://cdn.example.com/nota.jpg', caption: 'Sua nota' },
    });
    await send({ kind: 'media', mediaType: 'file', url: 'https://cdn.example.com/b.pdf', filename: 'boleto.pdf', caption: 'Boleto' });
    assert.deepEqual(lastRequest().body, {
      ...envelope,
      type: 'document',
      document: { link: 'https://cdn.example.com/b.pdf', caption: 'Boleto', filename: 'boleto.pdf' },
    });
    await send({ kind: 'media', mediaType: 'audio', url: 'https://cdn.example.com/a.ogg' });
    assert.deepEqual(lastRequest().body, { ...envelope, type: 'audio', audio: { link: 'https://cdn.example.com/a.ogg' } });
    await send({ kind: 'media', mediaType: 'audio', url: 'https://cdn.example.com/a.ogg', caption: 'Ouça' });
    assert.deepEqual(lastRequest().body, {
      ...envelope,
      type: 'document',
      document: { link: 'https://cdn.example.com/a.ogg', caption: 'Ouça' },
    });
  });

  test('location and contact card', async () => {
    await send({ kind: 'location', latitude: -23.5614, longitude: -46.6559, name: 'Loja Paulista', address: 'Av. Paulista, 1000' });
    assert.deepEqual(lastRequest().body, {
      ...envelope,
      type: 'location',
      location: { latitude: -23.5614, longitude: -46.6559, name: 'Loja Paulista', address: 'Av. Paulista, 1000' },
    });
    await send({ kind: 'contact_card', name: 'Suporte Loja Exemplo', phones: ['+5511900000000'], emails: ['suporte@loja.example'] });
    assert.deepEqual(lastRequest().body, {
      ...envelope,
      type: 'contacts',
      contacts: [
        {
          name: { formatted_name: 'Suporte Loja Exemplo', first_name: 'Suporte', last_name: 'Loja Exemplo' },
          phones: [{ phone: '+5511900000000', type: 'CELL' }],
          emails: [{ email: 'suporte@loja.example', type: 'WORK' }],
        },
      ],
    });
  });

  test('template: name, language code in Meta’s form, body parameters; allowed outside the window', async () => {
    const stranger = '5521987650000';
    await send({ kind: 'template', name: 'pedido_enviado', language: 'pt-BR', parameters: ['Ana', '#4521'] }, stranger);
    assert.deepEqual(lastRequest().body, {
      ...envelope,
      to: stranger,
      type: 'template',
      template: {
        name: 'pedido_enviado',
        language: { code: 'pt_BR' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Ana' },
              { type: 'text', text: '#4521' },
            ],
          },
        ],
      },
    });
  });

  test('a customer known only by a business-scoped user id is addressed with `recipient`', async () => {
    await h.emulator.customer.sendText({ address: 'BR.13491208655302741918' }, 'oi');
    await send({ kind: 'text', text: 'Olá' }, 'BR.13491208655302741918');
    assert.deepEqual(lastRequest().body, {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      recipient: 'BR.13491208655302741918',
      type: 'text',
      text: { body: 'Olá', preview_url: false },
    });
  });

  test('a late answer quotes the customer’s message (context.message_id)', async () => {
    const inbound = {
      providerMessageId: 'wamid.customer1',
      direction: 'inbound' as const,
      createdAt: new Date(clock.getTime() - 30 * 60_000).toISOString(),
    };
    const message = buildOutboundMessage({ recipient: { address: customer }, content: { kind: 'text', text: 'Desculpe a demora!' } });
    const view = { ...message.view, ...inbound, id: 'm1', seq: 1 };
    const thread = {
      recent: [view],
      providerMessageIds: ['wamid.customer1'],
      inReplyToProviderMessageId: 'wamid.customer1',
      conversationToken: 't',
      latestInboundRaw: null,
    };
    await whatsappChannel.sendMessage({ ...message, thread }, h.ctx);
    assert.deepEqual(lastRequest().body, {
      ...envelope,
      context: { message_id: 'wamid.customer1' },
      type: 'text',
      text: { body: 'Desculpe a demora!', preview_url: false },
    });
    // Within ten minutes the reply follows the question closely enough not to quote it.
    await whatsappChannel.sendMessage({ ...message, thread: { ...thread, recent: [{ ...view, createdAt: clock.toISOString() }] } }, h.ctx);
    assert.equal((lastRequest().body as { context?: unknown }).context, undefined);
  });
});

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
