import { after } from 'node:test';
import assert from 'node:assert/strict';
import { buildOutboundMessage, runChannelContractSuite } from '@fio/channel-kit/contract-suite';
import { createEmailChannel } from '../src/index.ts';
import { buildEmailConnection } from './support/build-email-connection.ts';
import { startSmtpSink } from './support/smtp-sink.ts';

// E-mail has no webhook: mail arrives through the receiver (tested in smtp-listener and imap-poller
// tests). The send cases go through a real SMTP relay on loopback.
const sink = await startSmtpSink();
const channel = createEmailChannel();
after(async () => {
  channel.closeConnections();
  await sink.close();
});

const thread = {
  recent: [],
  providerMessageIds: ['<c1@cliente.example>'],
  inReplyToProviderMessageId: '<c1@cliente.example>',
  conversationToken: 'k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8',
  latestInboundRaw: { subject: 'Dúvida' },
};

runChannelContractSuite(channel, {
  connection: buildEmailConnection(sink.port),
  sendCases: [
    {
      name: 'a threaded text',
      message: { ...buildOutboundMessage({ recipient: { address: 'maria@cliente.example' } }), thread },
      expect: (result) => assert.deepEqual(result, { providerMessageId: '<fio.msg_01@loja.example>', status: 'sent' }),
    },
    {
      name: 'a first mail without thread',
      message: buildOutboundMessage({ messageId: 'msg_02', recipient: { address: 'joao@cliente.example' } }),
    },
    {
      name: 'an image as attachment',
      message: {
        ...buildOutboundMessage({
          messageId: 'msg_03',
          recipient: { address: 'maria@cliente.example' },
          content: { kind: 'media', mediaType: 'image', url: 'https://fio.example/media/med_1', mimeType: 'image/png', caption: 'foto' },
        }),
        thread,
      },
    },
  ],
});
