import { runChannelContractSuite, buildOutboundMessage } from '@fio/channel-kit/contract-suite';
import { apiChannel } from '../src/index.ts';
import { buildConnection, buildSignedRequest, requestSeconds, statusBody, textMessageBody } from './fixtures/build-api-request.ts';
import assert from 'node:assert/strict';

const signed = buildSignedRequest(textMessageBody);

runChannelContractSuite(apiChannel, {
  connection: buildConnection(),
  validRequests: [
    {
      name: 'text message',
      request: signed,
      expect: (events) => assert.equal(events[0]?.type === 'message' ? events[0].sender.address : '', 'user-42'),
    },
    { name: 'minimal message', request: buildSignedRequest({ messageId: 'm', from: { id: 'u' }, text: 'oi' }) },
    {
      name: 'media content',
      request: buildSignedRequest({
        messageId: 'm3',
        from: { id: 'u' },
        content: { kind: 'media', mediaType: 'image', url: 'https://cdn.example.com/p.png', caption: 'foto' },
      }),
    },
    { name: 'status', request: buildSignedRequest(statusBody), expect: (events) => assert.equal(events[0]?.type, 'status') },
  ],
  tamperedRequests: [
    { name: 'body changed', request: { ...signed, rawBody: Buffer.from(signed.rawBody.toString().replace('user-42', 'admin')) } },
    { name: 'signed with another secret', request: buildSignedRequest(textMessageBody, { secret: 'another-secret-0123456789' }) },
    { name: 'replayed an hour later', request: buildSignedRequest(textMessageBody, { timestamp: requestSeconds - 3600 }) },
    { name: 'signature header dropped', request: buildSignedRequest(textMessageBody, { headers: { 'x-fio-signature': undefined } }) },
  ],
  invalidRequests: [
    { name: 'missing from', request: buildSignedRequest({ messageId: 'm', text: 'oi' }) },
    { name: 'unknown type', request: buildSignedRequest({ type: 'typing', messageId: 'm' }) },
  ],
  sendCases: [
    { name: 'a text', message: buildOutboundMessage() },
    {
      name: 'a list',
      message: buildOutboundMessage({
        content: { kind: 'list', text: 'Escolha', buttonLabel: 'Ver', sections: [{ rows: [{ id: 'a', title: 'A' }] }] },
      }),
    },
  ],
});
