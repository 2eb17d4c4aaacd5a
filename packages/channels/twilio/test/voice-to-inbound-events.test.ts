import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { InboundEvent, InboundMessageEvent } from '@fio/contracts';
import { voiceChannel } from '../src/voice/index.ts';
import {
  accountSid,
  buildVoiceConnection,
  callParams,
  callSid,
  callerNumber,
  gatherResult,
  signedVoiceRequest,
} from './fixtures/voice-requests.ts';

const webhook = voiceChannel.webhook!;
const ctx = buildVoiceConnection();
const fixturesDir = resolve(import.meta.dirname, '../../../../../shared/data/channel-fixtures/twilio-voice');
const skip = existsSync(fixturesDir) ? false : 'needs ../shared/data/channel-fixtures (absent in a fresh clone)';

function parse(request: ReturnType<typeof signedVoiceRequest>): InboundEvent[] {
  assert.deepEqual(webhook.verifyRequest(request, ctx), { ok: true });
  const result = webhook.toInboundEvents(request, ctx);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.events;
}

function onlyMessage(events: InboundEvent[]): InboundMessageEvent {
  assert.equal(events.length, 1);
  const [event] = events;
  assert.ok(event?.type === 'message');
  return event;
}

describe('twilio-docs voice_webhook_params.json (the documented call request parameters)', { skip }, () => {
  const doc = () =>
    JSON.parse(readFileSync(resolve(fixturesDir, 'twilio-docs/voice_webhook_params.json'), 'utf8')) as {
      call_request_params: string[];
      gather_action_extra_params: Record<string, string>;
      example_request_from_twilio_node_vector: Record<string, string>;
    };

  test('a call request carrying every documented parameter is a new call: zero events, greeting TwiML', () => {
    const names = doc().call_request_params;
    assert.ok(names.includes('CallSid') && names.includes('CallerName') && names.length >= 19);
    const values: Record<string, string> = {
      CallSid: callSid,
      AccountSid: accountSid,
      From: callerNumber,
      To: '+551140041234',
      CallStatus: 'ringing',
      ApiVersion: '2010-04-01',
      Direction: 'inbound',
      ForwardedFrom: '+551130000000',
      CallerName: 'MARIA SILVA',
      ParentCallSid: 'CA00000000000000000000000000000001',
      CallToken: '%7B%22parentCallInfoToken%22%3A%22%22%7D',
    };
    const params = Object.fromEntries(names.map((name) => [name, values[name] ?? `${name.toLowerCase()}-value`]));
    const request = signedVoiceRequest(params);
    assert.deepEqual(parse(request), []);
    const ack = webhook.acknowledge!([], request, ctx);
    assert.equal(ack.contentType, 'text/xml; charset=utf-8');
    assert.match(ack.body, /^<\?xml version="1.0" encoding="UTF-8"\?><Response><Gather input="speech dtmf" language="pt-BR" /);
  });

  test('each documented Gather addition becomes the text of one message', () => {
    const extra = doc().gather_action_extra_params;
    assert.deepEqual(Object.keys(extra).sort(), ['Confidence', 'Digits', 'SpeechResult']);
    const spoken = onlyMessage(parse(gatherResult({ speech: 'Quero saber do meu pedido', confidence: '0.87' }, 'call', 0)));
    assert.deepEqual(spoken.content, { kind: 'text', text: 'Quero saber do meu pedido' });
    assert.equal((spoken.raw as Record<string, string>)['Confidence'], '0.87');
    const keyed = onlyMessage(parse(gatherResult({ digits: '2' }, 'call', 0)));
    assert.deepEqual(keyed.content, { kind: 'text', text: '2' });
  });

  test("the twilio-node signature vector's parameters (CallSid, Caller, Digits, From, To) parse once the call fields Twilio always sends are there", () => {
    const example = doc().example_request_from_twilio_node_vector;
    const request = signedVoiceRequest(callParams({ ...example, CallStatus: 'in-progress' }), { query: { turn: 'call', seq: '0' } });
    const event = onlyMessage(parse(request));
    assert.equal(event.providerMessageId, 'CA1234567890ABCDE:call:0');
    assert.equal(event.sender.address, 'CA1234567890ABCDE');
    assert.deepEqual(event.sender.identities, [{ kind: 'phone', value: '+14158675309', verified: true }]);
    assert.deepEqual(event.content, { kind: 'text', text: '1234' });
    // Without the parameters Twilio sends on every call request, the bare vector is refused, not guessed at.
    const bare = webhook.toInboundEvents(signedVoiceRequest(example), ctx);
    assert.deepEqual(bare, { ok: false, reason: 'not a TwiML call request: missing AccountSid, CallStatus, ApiVersion' });
  });
});

describe('voice webhooks → canonical events', () => {
  test('speech becomes a pt-BR text message from the caller, addressed to the live call', () => {
    const event = onlyMessage(parse(gatherResult({ speech: '  quero   falar com atendente ' }, 'msg_7', 3)));
    assert.equal(event.providerMessageId, `${callSid}:msg_7:3`);
    assert.deepEqual(event.sender, {
      address: callSid,
      locale: 'pt-BR',
      identities: [{ kind: 'phone', value: callerNumber, verified: true }],
    });
    assert.deepEqual(event.content, { kind: 'text', text: 'quero falar com atendente' });
  });

  test('a retried callback dedupes; a new utterance on the next Gather does not', () => {
    const first = onlyMessage(parse(gatherResult({ speech: 'sim' }, 'msg_7', 1)));
    const retried = onlyMessage(parse(gatherResult({ speech: 'sim' }, 'msg_7', 1)));
    const again = onlyMessage(parse(gatherResult({ speech: 'sim' }, 'msg_7', 2)));
    const nextTurn = onlyMessage(parse(gatherResult({ speech: 'sim' }, 'msg_8', 1)));
    assert.equal(first.providerMessageId, retried.providerMessageId);
    assert.equal(new Set([first.providerMessageId, again.providerMessageId, nextTurn.providerMessageId]).size, 3);
  });

  test('CallerName becomes the display name', () => {
    const event = onlyMessage(
      parse(signedVoiceRequest(callParams({ CallerName: 'SILVA MARIA', Digits: '1' }), { query: { turn: 'call', seq: '0' } })),
    );
    assert.equal(event.sender.displayName, 'SILVA MARIA');
  });

  test('digits win over an empty speech result', () => {
    const request = signedVoiceRequest(callParams({ Digits: '12#', SpeechResult: '' }), { query: { turn: 'call', seq: '0' } });
    assert.deepEqual(onlyMessage(parse(request)).content, { kind: 'text', text: '12#' });
  });

  test('callers without a phone number: app clients, SIP and withheld numbers', () => {
    const as = (from: string) =>
      onlyMessage(parse(signedVoiceRequest(callParams({ From: from, Caller: from, Digits: '1' }), { query: { turn: 'call', seq: '0' } })))
        .sender.identities;
    assert.deepEqual(as('client:maria'), [{ kind: 'external', value: 'voice-client:maria', verified: false }]);
    assert.deepEqual(as('sip:+5511987654321@pbx.loja.example'), [
      { kind: 'external', value: 'voice-sip:+5511987654321@pbx.loja.example', verified: false },
      { kind: 'phone', value: '+5511987654321', verified: false },
    ]);
    assert.deepEqual(as('sip:recepcao@pbx.loja.example'), [
      { kind: 'external', value: 'voice-sip:recepcao@pbx.loja.example', verified: false },
    ]);
    assert.deepEqual(as('+266696687'), [{ kind: 'external', value: `voice-call:${callSid}`, verified: false }]);
    assert.deepEqual(as('anonymous'), [{ kind: 'external', value: `voice-call:${callSid}`, verified: false }]);
  });

  test('on a call placed to the customer, the customer is To', () => {
    const request = signedVoiceRequest(
      callParams({ Direction: 'outbound-api', From: '+551140041234', To: '+5521998887777', Digits: '1' }),
      {
        query: { turn: 'call', seq: '0' },
      },
    );
    assert.deepEqual(onlyMessage(parse(request)).sender.identities, [{ kind: 'phone', value: '+5521998887777', verified: true }]);
  });

  test('ringing, redirects, silence, an empty Gather result and status callbacks are zero events', () => {
    const zero = [
      signedVoiceRequest(callParams({ CallStatus: 'ringing' })),
      signedVoiceRequest(callParams(), { query: { turn: 'call', seq: '0', after: 'prompt', tries: '1' } }),
      signedVoiceRequest(callParams(), { query: { turn: 'msg_1', seq: '2', after: 'hold', tries: '3' } }),
      signedVoiceRequest(callParams({ DialCallStatus: 'no-answer' }), { query: { turn: 'msg_1', seq: '0', after: 'dial' } }),
      signedVoiceRequest(callParams({ SpeechResult: '', Digits: '' }), { query: { turn: 'msg_1', seq: '0' } }),
      signedVoiceRequest(callParams({ CallStatus: 'completed', CallDuration: '61' })),
      signedVoiceRequest(callParams({ CallStatus: 'busy' })),
      signedVoiceRequest(callParams({ CallStatus: 'no-answer' })),
      signedVoiceRequest(callParams({ CallStatus: 'failed' })),
      signedVoiceRequest(callParams({ CallStatus: 'in-progress', CallbackSource: 'call-progress-events', SequenceNumber: '1' })),
    ];
    for (const request of zero) assert.deepEqual(parse(request), [], request.url);
  });

  test('GET webhooks carry the parameters in the query', () => {
    const params = callParams({ SpeechResult: 'oi', Confidence: '0.9' });
    const url = new URL('https://fio.example.com/webhooks/voice/loja-voz');
    url.searchParams.set('turn', 'call');
    url.searchParams.set('seq', '0');
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const signed = signedVoiceRequest({}, { url: url.href });
    const request = { ...signed, method: 'GET', rawBody: Buffer.alloc(0) };
    assert.deepEqual(onlyMessage(parse(request)).content, { kind: 'text', text: 'oi' });
  });

  test('refuses, with a reason, what is not a call request of this account', () => {
    const reasons = [
      [signedVoiceRequest(callParams({ AccountSid: 'AC99999999999999999999999999999999' })), "AccountSid is not this connection's account"],
      [signedVoiceRequest(callParams({ CallStatus: 'on-fire' })), 'unknown CallStatus "on-fire"'],
      [signedVoiceRequest(callParams({ CallSid: 'CA 1' })), 'CallSid is not a call id'],
      [signedVoiceRequest(callParams(), { query: { turn: 'call', seq: '1', after: 'teleport' } }), 'unknown call step "after=teleport"'],
      [signedVoiceRequest(callParams(), { query: { turn: 'call', seq: '1', after: 'prompt' } }), 'the call step has no valid `tries`'],
    ] as const;
    for (const [request, reason] of reasons) assert.deepEqual(webhook.toInboundEvents(request, ctx), { ok: false, reason });
    const json = { ...signedVoiceRequest(callParams()), rawBody: Buffer.from(JSON.stringify(callParams())) };
    assert.deepEqual(webhook.toInboundEvents(json, ctx), { ok: false, reason: 'body is not form-encoded parameters' });
  });
});
