import assert from 'node:assert/strict';
import { buildOutboundMessage, runChannelContractSuite } from '@fio/channel-kit/contract-suite';
import { whatsappChannel } from '../src/index.ts';
import { buildConnection, customerMessage, sign, signedRequest, webhookBody } from './fixtures/build-whatsapp-request.ts';

const text = signedRequest(customerMessage({ type: 'text', text: { body: 'Oi, quero saber do meu pedido' } }));
const graphAnswer: typeof fetch = async () =>
  new Response(
    JSON.stringify({
      messaging_product: 'whatsapp',
      contacts: [{ input: '551187654321', wa_id: '551187654321' }],
      messages: [{ id: 'wamid.HBgMNTUxMTg3NjU0MzIxFQIAERgSQjQ0' }],
    }),
    { status: 200, headers: { 'content-type': 'application/json' } },
  );

runChannelContractSuite(whatsappChannel, {
  connection: buildConnection(),
  validRequests: [
    {
      name: 'text from a Brazilian number without the 9th digit',
      request: text,
      expect: (events) => {
        assert.equal(events[0]?.type === 'message' ? events[0].sender.address : '', '551187654321');
      },
    },
    {
      name: 'button reply',
      request: signedRequest(
        customerMessage({
          type: 'interactive',
          context: { from: '15550783881', id: 'wamid.out1' },
          interactive: { type: 'button_reply', button_reply: { id: 'falar_atendente', title: 'Falar com atendente' } },
        }),
      ),
    },
    {
      name: 'image',
      request: signedRequest(
        customerMessage({ type: 'image', image: { id: '1479537139650973', mime_type: 'image/jpeg', sha256: 'x', caption: 'nota' } }),
      ),
    },
    {
      name: 'delivered status',
      request: signedRequest(
        webhookBody({ statuses: [{ id: 'wamid.out1', status: 'delivered', timestamp: '1767225660', recipient_id: '551187654321' }] }),
      ),
      expect: (events) => assert.equal(events[0]?.type, 'status'),
    },
    {
      name: 'template status update',
      request: signedRequest(webhookBody({ event: 'APPROVED', message_template_name: 'x' }, 'message_template_status_update')),
    },
  ],
  tamperedRequests: [
    {
      name: 'body changed after signing',
      request: { ...text, rawBody: Buffer.from(text.rawBody.toString().replace('pedido', 'reembolso')) },
    },
    { name: 'signed with another app secret', request: signedRequest(text.rawBody, { secret: 'someone-elses-secret' }) },
    { name: 'signature header dropped', request: signedRequest(text.rawBody, { headers: { 'x-hub-signature-256': undefined } }) },
    {
      name: 'legacy SHA-1 header only',
      request: signedRequest(text.rawBody, { headers: { 'x-hub-signature-256': undefined, 'x-hub-signature': sign(text.rawBody) } }),
    },
  ],
  invalidRequests: [
    { name: 'not a WhatsApp Business Account object', request: signedRequest({ object: 'page', entry: [] }) },
    {
      name: 'message without a sender',
      request: signedRequest(webhookBody({ messages: [{ id: 'wamid.x', timestamp: '1767225600', type: 'text', text: { body: 'oi' } }] })),
    },
    { name: 'text without a body', request: signedRequest(customerMessage({ type: 'text', text: {} })) },
  ],
  sendCases: [
    {
      name: 'a text',
      message: buildOutboundMessage({ recipient: { address: '551187654321' } }),
      expect: (r) => assert.equal(r.status, 'sent'),
    },
    {
      name: 'buttons',
      message: buildOutboundMessage({
        recipient: { address: '551187654321' },
        content: { kind: 'text', text: 'Posso ajudar?', quickReplies: [{ id: 'sim', label: 'Sim' }] },
      }),
    },
    {
      name: 'a template',
      message: buildOutboundMessage({
        recipient: { address: 'BR.1349120865530274' },
        content: { kind: 'template', name: 'pedido_enviado', language: 'pt-BR', parameters: ['Ana'] },
      }),
    },
  ],
  sendContext: { fetch: graphAnswer },
});
