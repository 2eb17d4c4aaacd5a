import assert from 'node:assert/strict';
import { buildOutboundMessage, runChannelContractSuite } from '@fio/channel-kit/contract-suite';
import { webchatChannel } from '../src/index.ts';
import { buildConnection } from './fixtures/build-webchat.ts';

runChannelContractSuite(webchatChannel, {
  connection: buildConnection(),
  sendCases: [
    {
      name: 'a text with quick replies',
      message: buildOutboundMessage({
        recipient: { address: 'visitor_abc123' },
        content: { kind: 'text', text: 'Posso ajudar?', quickReplies: [{ id: 'yes', label: 'Sim' }] },
      }),
      expect: (result) => assert.equal(result.status, 'delivered'),
    },
    {
      name: 'an image',
      message: buildOutboundMessage({ content: { kind: 'media', mediaType: 'image', url: 'https://cdn.example.com/a.png' } }),
    },
  ],
});
