import assert from 'node:assert/strict';
import { buildOutboundMessage, runChannelContractSuite } from '@fio/channel-kit/contract-suite';
import { smsChannel } from '../src/sms/index.ts';
import { accountSid, buildSignedRequest, buildSmsConnection, smsParams, statusParams, webhookUrl } from './fixtures/build-sms-request.ts';

const text = buildSignedRequest(smsParams());
const twilioAnswer: typeof fetch = async () =>
  new Response(JSON.stringify({ sid: 'SM0123456789abcdef0123456789abcdef', status: 'queued', account_sid: accountSid }), {
    status: 201,
    headers: { 'content-type': 'application/json' },
  });

runChannelContractSuite(smsChannel, {
  connection: buildSmsConnection(),
  validRequests: [
    {
      name: 'an SMS from a Brazilian mobile',
      request: text,
      expect: (events) => {
        assert.equal(events[0]?.type === 'message' && events[0].sender.address, '+5511987654321');
        assert.deepEqual(events[0]?.type === 'message' && events[0].content, { kind: 'text', text: 'Oi, meu pedido não chegou' });
      },
    },
    {
      name: 'an MMS with a photo',
      request: buildSignedRequest(
        smsParams({ NumMedia: '1', Body: 'olha a caixa' }, [
          ['MediaContentType0', 'image/jpeg'],
          [
            'MediaUrl0',
            `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Messages/MM00000000000000000000000000000001/Media/ME00000000000000000000000000000001`,
          ],
        ]),
      ),
      expect: (events) => assert.equal(events[0]?.type === 'message' && events[0].content.kind, 'media'),
    },
    {
      name: 'a WhatsApp message through Twilio',
      request: buildSignedRequest(
        smsParams({ To: 'whatsapp:+5511940001234', From: 'whatsapp:+5511987654321' }, [
          ['ProfileName', 'Maria Silva'],
          ['WaId', '5511987654321'],
        ]),
      ),
      expect: (events) => assert.equal(events[0]?.type === 'message' && events[0].sender.displayName, 'Maria Silva'),
    },
    {
      name: 'a delivered status callback',
      request: buildSignedRequest(statusParams('delivered')),
      expect: (events) => assert.deepEqual(events[0]?.type === 'status' && events[0].status, 'delivered'),
    },
    {
      name: 'an undelivered status callback',
      request: buildSignedRequest(statusParams('undelivered', [['ErrorCode', '30003']])),
      expect: (events) => assert.equal(events[0]?.type === 'status' && events[0].error?.code, '30003'),
    },
  ],
  tamperedRequests: [
    {
      name: 'body changed after signing',
      request: { ...text, rawBody: Buffer.from(text.rawBody.toString().replace('chegou', 'chegou+nunca')) },
    },
    { name: 'signed with another auth token', request: buildSignedRequest(smsParams(), { token: '00000000000000000000000000000000' }) },
    {
      name: 'signed for another URL',
      request: { ...buildSignedRequest(smsParams(), { url: 'https://evil.example.com/hook' }), url: webhookUrl },
    },
    { name: 'signature header dropped', request: buildSignedRequest(smsParams(), { headers: { 'x-twilio-signature': undefined } }) },
  ],
  invalidRequests: [
    { name: 'an SMS without From', request: buildSignedRequest(smsParams().filter(([k]) => k !== 'From')) },
    { name: 'an SMS from a malformed number', request: buildSignedRequest(smsParams({ From: '5511-abc' })) },
    { name: 'a webhook for another account', request: buildSignedRequest(smsParams({ AccountSid: 'AC99999999999999999999999999999999' })) },
    { name: 'NumMedia without MediaUrl0', request: buildSignedRequest(smsParams({ NumMedia: '1' })) },
    { name: 'an unknown status', request: buildSignedRequest(statusParams('exploded')) },
  ],
  sendCases: [
    { name: 'a pt-BR text', message: buildOutboundMessage({ recipient: { address: '+5511987654321' } }) },
    {
      name: 'a long text split in parts',
      message: buildOutboundMessage({
        recipient: { address: '+5511987654321' },
        content: { kind: 'text', text: 'Informação importante sobre o seu pedido. '.repeat(12) },
      }),
    },
    {
      name: 'a photo with a caption',
      message: buildOutboundMessage({
        recipient: { address: '+5511987654321' },
        content: { kind: 'media', mediaType: 'image', url: 'https://fio.example.com/media/abc.jpg', caption: 'Seu boleto' },
      }),
    },
  ],
  sendContext: { fetch: twilioAnswer },
});
