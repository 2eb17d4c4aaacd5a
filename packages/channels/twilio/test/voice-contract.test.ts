import assert from 'node:assert/strict';
import { runChannelContractSuite } from '@fio/channel-kit/contract-suite';
import { voiceChannel } from '../src/voice/index.ts';
import {
  buildVoiceConnection,
  callParams,
  callSid,
  gatherResult,
  outbound,
  signedVoiceRequest,
  webhookUrl,
} from './fixtures/voice-requests.ts';

const incomingCall = signedVoiceRequest(callParams({ CallStatus: 'ringing' }));
const speech = gatherResult({ speech: 'quero rastrear meu pedido' });
const twilioCallJson = JSON.stringify({ sid: callSid, status: 'in-progress', api_version: '2010-04-01' });

runChannelContractSuite(voiceChannel, {
  connection: buildVoiceConnection(),
  validRequests: [
    { name: 'incoming call', request: incomingCall, expect: (events) => assert.equal(events.length, 0) },
    {
      name: 'speech result',
      request: speech,
      expect: (events) =>
        assert.equal(
          events[0]?.type === 'message' && events[0].content.kind === 'text' && events[0].content.text,
          'quero rastrear meu pedido',
        ),
    },
    {
      name: 'keypad digits',
      request: gatherResult({ digits: '1' }, 'msg_01', 0),
      expect: (events) => assert.equal(events[0]?.type === 'message' && events[0].providerMessageId, `${callSid}:msg_01:0`),
    },
    {
      name: 'silence redirect',
      request: signedVoiceRequest(callParams(), { query: { turn: 'call', seq: '0', after: 'prompt', tries: '1' } }),
      expect: (events) => assert.equal(events.length, 0),
    },
    {
      name: 'call status callback',
      request: signedVoiceRequest(callParams({ CallStatus: 'completed', CallDuration: '37', CallbackSource: 'call-progress-events' })),
      expect: (events) => assert.equal(events.length, 0),
    },
  ],
  tamperedRequests: [
    { name: 'speech changed', request: { ...speech, rawBody: Buffer.from(speech.rawBody.toString().replace('rastrear', 'cancelar')) } },
    {
      name: 'step in the URL changed',
      request: { ...speech, url: speech.url.replace('seq=0', 'seq=7'), query: { turn: 'call', seq: '7' } },
    },
    { name: 'signed with another token', request: signedVoiceRequest(callParams(), { token: 'some-other-auth-token' }) },
    { name: 'signature dropped', request: signedVoiceRequest(callParams(), { signature: undefined }) },
    {
      name: 'signed for another connection',
      request: { ...signedVoiceRequest(callParams(), { url: 'https://fio.example.com/webhooks/voice/other' }), url: webhookUrl },
    },
  ],
  invalidRequests: [
    { name: 'another account', request: signedVoiceRequest(callParams({ AccountSid: 'AC00000000000000000000000000000000' })) },
    { name: 'no CallSid', request: signedVoiceRequest(callParams({ CallSid: undefined })) },
    { name: 'unknown call status', request: signedVoiceRequest(callParams({ CallStatus: 'exploded' })) },
    { name: 'another API version', request: signedVoiceRequest(callParams({ ApiVersion: '2008-08-01' })) },
    { name: 'a forged step', request: signedVoiceRequest(callParams(), { query: { turn: 'call', seq: 'x' } }) },
  ],
  sendCases: [
    { name: 'a text', message: outbound({ recipient: { address: callSid }, conversationStatus: 'bot' }) },
    {
      name: 'a handoff',
      message: outbound({ recipient: { address: callSid }, conversationStatus: 'queued', author: 'bot' }),
    },
    {
      name: 'a goodbye',
      message: outbound({ recipient: { address: callSid }, conversationStatus: 'resolved', author: 'bot' }),
    },
  ],
  sendContext: {
    fetch: async () => new Response(twilioCallJson, { status: 200, headers: { 'content-type': 'application/json' } }),
  },
});
