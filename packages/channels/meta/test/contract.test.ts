import assert from 'node:assert/strict';
import { buildOutboundMessage, runChannelContractSuite } from '@fio/channel-kit/contract-suite';
import type { InboundEvent } from '@fio/contracts';
import type { ChannelAdapter, ConnectionContext, OutboundMessage } from '@fio/channel-kit';
import { instagramChannel, messengerChannel, type MetaSecrets } from '../src/index.ts';
import { envelope, instagramConnection, item, messengerConnection, sendApiOk, signedRequest } from './fixtures/build-meta-request.ts';

const sentAt = new Date('2026-01-01T12:00:00Z');
const recentInbound = '2026-01-01T11:00:00.000Z';

/** buildOutboundMessage keeps only the fields every channel needs; the window fields ride beside them. */
const outbound = (fields: Partial<OutboundMessage>): OutboundMessage => ({ ...buildOutboundMessage(fields), ...fields });

const firstMessage = (events: InboundEvent[]) => {
  const event = events[0];
  assert.equal(event?.type, 'message');
  return event?.type === 'message' ? event : assert.fail('no message');
};

runMetaContract(messengerChannel, 'page', messengerConnection(), 'messenger_psid');
runMetaContract(instagramChannel, 'instagram', instagramConnection(), 'instagram_igsid');

function runMetaContract<Config>(
  adapter: ChannelAdapter<Config, MetaSecrets>,
  object: 'page' | 'instagram',
  connection: ConnectionContext<Config, MetaSecrets>,
  kind: 'messenger_psid' | 'instagram_igsid',
): void {
  const text = signedRequest(envelope(object, item({ message: { mid: 'm_1', text: 'Oi, tudo bem?' } })));
  runChannelContractSuite(adapter, {
    connection,
    validRequests: [
      {
        name: 'text message',
        request: text,
        expect: (events) => {
          const event = firstMessage(events);
          assert.deepEqual(event.content, { kind: 'text', text: 'Oi, tudo bem?' });
          assert.deepEqual(event.sender.identities, [{ kind, value: '5678', verified: true }]);
        },
      },
      {
        name: 'quick reply pick',
        request: signedRequest(envelope(object, item({ message: { mid: 'm_2', text: 'Pedidos', quick_reply: { payload: 'orders' } } }))),
        expect: (events) => assert.deepEqual(firstMessage(events).content, { kind: 'text', text: 'Pedidos', payload: 'orders' }),
      },
      {
        name: 'postback',
        request: signedRequest(envelope(object, item({ postback: { mid: 'm_3', title: 'Começar', payload: 'get_started' } }))),
        expect: (events) => assert.deepEqual(firstMessage(events).content, { kind: 'text', text: 'Começar', payload: 'get_started' }),
      },
      {
        name: 'echo',
        request: signedRequest(envelope(object, item({ message: { mid: 'm_4', is_echo: true, text: 'eco' } }))),
        expect: (events) => assert.equal(events.length, 0),
      },
    ],
    tamperedRequests: [
      { name: 'body changed after signing', request: { ...text, rawBody: Buffer.from(text.rawBody.toString().replace('Oi', 'Oh')) } },
      { name: 'signed with another app secret', request: signedRequest(text.rawBody, { appSecret: 'another-app-secret' }) },
      { name: 'signature header dropped', request: signedRequest(text.rawBody, { headers: { 'x-hub-signature-256': undefined } }) },
      {
        name: 'legacy sha1 header only',
        request: signedRequest(text.rawBody, { headers: { 'x-hub-signature-256': undefined, 'x-hub-signature': 'sha1=00' } }),
      },
    ],
    invalidRequests: [
      { name: 'another product object', request: signedRequest({ object: object === 'page' ? 'instagram' : 'page', entry: [] }) },
      { name: 'entry is not an array', request: signedRequest({ object, entry: {} }) },
      { name: 'message without mid', request: signedRequest(envelope(object, item({ message: { text: 'oi' } }))) },
    ],
    sendCases: [
      { name: 'a text', message: outbound({ lastInboundAt: recentInbound }), expect: (r) => assert.equal(r.status, 'sent') },
      {
        name: 'quick replies',
        message: outbound({
          lastInboundAt: recentInbound,
          content: { kind: 'text', text: 'Escolha', quickReplies: [{ id: 'a', label: 'Pedidos' }] },
        }),
      },
      {
        name: 'an image with a caption',
        message: outbound({
          lastInboundAt: recentInbound,
          content: { kind: 'media', mediaType: 'image', url: 'https://cdn.example.com/p.png', caption: 'foto' },
        }),
      },
      {
        name: "an agent's reply after three days",
        message: outbound({ author: 'agent', lastInboundAt: '2025-12-29T12:00:00Z' }),
      },
    ],
    sendContext: { fetch: sendApiOk, now: () => sentAt },
  });
}
