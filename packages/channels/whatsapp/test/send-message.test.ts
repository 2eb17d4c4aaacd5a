import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
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
