import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { InboundEvent, InboundMessageEvent, InboundStatusEvent } from '@fio/contracts';
import { inboundEventSchema } from '@fio/contracts';
import { toInboundEvents } from '../src/sms/inbound/to-inbound-events.ts';
import { buildFormRequest, buildSmsConnection } from './fixtures/build-sms-request.ts';

const fixtureFile = resolve(
  import.meta.dirname,
  '../../../../../shared/data/channel-fixtures/twilio/nyaruka-courier/twiml_handlers_test_requests.json',
);
const skip = existsSync(fixtureFile) ? false : 'needs ../shared/data/channel-fixtures (absent in a fresh clone)';
const requests: Record<string, { form_body: string }> = skip
  ? {}
  : (JSON.parse(readFileSync(fixtureFile, 'utf8')) as { requests: Record<string, { form_body: string }> }).requests;

// These bodies come from nyaruka/courier's tests: unsigned and with AccountSid "acctid", so the parser is
// run directly with a connection of that account (their signatures are covered by the vector test).
const ctx = buildSmsConnection({ accountSid: 'acctid' });
const sid = 'SMe287d7109a5a925f182f0e07fe5b223b';

function parse(name: string): InboundEvent[] {
  const body = requests[name]?.form_body;
  assert.ok(body !== undefined, `fixture ${name} is missing`);
  const result = toInboundEvents(buildFormRequest(body), ctx);
  assert.equal(result.ok, true, result.ok ? '' : `${name} refused: ${result.reason}`);
  if (!result.ok) return [];
  for (const event of result.events) assert.equal(inboundEventSchema.safeParse(event).success, true, `${name}: invalid event`);
  return result.events;
}

function onlyMessage(name: string): InboundMessageEvent {
  const events = parse(name);
  assert.equal(events.length, 1, `${name}: one event`);
  const [event] = events;
  assert.ok(event?.type === 'message', `${name}: a message`);
  return event;
}

function onlyStatus(name: string): InboundStatusEvent {
  const events = parse(name);
  assert.equal(events.length, 1, `${name}: one event`);
  const [event] = events;
  assert.ok(event?.type === 'status', `${name}: a status`);
  return event;
}

const usPhone = { kind: 'phone', value: '+14133881111', verified: true };

describe('Twilio messaging webhooks from nyaruka/courier', { skip }, () => {
  test('covers every request in the fixture file', () => {
    assert.deepEqual(Object.keys(requests).sort(), [
      'receiveButtonIgnored',
      'receiveMedia',
      'receiveMediaWithMsg',
      'receiveValid',
      'statusInvalid',
      'statusRateLimit',
      'statusRead',
      'statusStop',
      'statusValid',
      'tmsReceiveExtra',
      'tmsStatusExtra',
      'waReceiveBSUIDInvalid',
      'waReceiveBSUIDValid',
      'waReceiveButtonValid',
      'waReceiveFromBSUID',
      'waReceivePrefixlessURN',
      'waReceiveValid',
    ]);
  });

  test('receiveValid: an SMS becomes text from the E.164 sender, keyed by MessageSid', () => {
    const event = onlyMessage('receiveValid');
    assert.equal(event.providerMessageId, sid);
    assert.deepEqual(event.content, { kind: 'text', text: 'Msg' });
    assert.deepEqual(event.sender, { address: '+14133881111', identities: [usPhone] });
  });

  test('receiveButtonIgnored: a ButtonText on plain SMS is ignored, the Body is the text', () => {
    const event = onlyMessage('receiveButtonIgnored');
    assert.deepEqual(event.content, { kind: 'text', text: 'Msg' });
    assert.equal(event.sender.address, '+14133881111');
  });

  test('receiveMedia: NumMedia=2 becomes two media messages with their own dedupe keys', () => {
    const events = parse('receiveMedia');
    assert.deepEqual(
      events.map((e) => e.providerMessageId),
      [sid, `${sid}/1`],
    );
    assert.deepEqual(
      events.map((e) => (e.type === 'message' ? e.content : null)),
      [
        { kind: 'media', mediaType: 'image', url: 'cat.jpg' },
        { kind: 'media', mediaType: 'image', url: 'dog.jpg' },
      ],
    );
  });

  test('receiveMediaWithMsg: the Body rides as the first media caption', () => {
    const events = parse('receiveMediaWithMsg');
    assert.equal(events.length, 2);
    assert.deepEqual(events[0]?.type === 'message' && events[0].content, {
      kind: 'media',
      mediaType: 'image',
      url: 'cat.jpg',
      caption: 'Msg',
    });
    assert.deepEqual(events[1]?.type === 'message' && events[1].content, { kind: 'media', mediaType: 'image', url: 'dog.jpg' });
    assert.ok(events.every((e) => e.type === 'message' && e.sender.address === '+14133881111'));
  });

  test('statusStop: failed with 21610 (the recipient texted STOP) carries the code and the reason', () => {
    const event = onlyStatus('statusStop');
    assert.equal(event.providerMessageId, sid);
    assert.equal(event.status, 'failed');
    assert.equal(event.error?.code, '21610');
    assert.match(event.error?.message ?? '', /unsubscribed recipient/);
    assert.equal(event.recipientOptedOut, true, 'Fio records the opt-out Twilio holds');
  });

  test('statusInvalid: an unknown MessageStatus is refused with the value in the reason', () => {
    const result = toInboundEvents(buildFormRequest(requests['statusInvalid']?.form_body ?? ''), ctx);
    assert.deepEqual(result, { ok: false, reason: 'unknown message status "huh"' });
  });

  test('statusValid: delivered', () => {
    assert.deepEqual(onlyStatus('statusValid'), { type: 'status', providerMessageId: sid, status: 'delivered' });
  });

  test('statusRead: read (WhatsApp read receipts)', () => {
    assert.deepEqual(onlyStatus('statusRead'), { type: 'status', providerMessageId: sid, status: 'read' });
  });

  test('statusRateLimit: failed with 63018', () => {
    const event = onlyStatus('statusRateLimit');
    assert.equal(event.status, 'failed');
    assert.equal(event.error?.code, '63018');
    assert.match(event.error?.message ?? '', /Rate limit/);
  });

  test('tmsStatusExtra: a Messaging Service status callback with SmsStatus and MessageStatus sent', () => {
    assert.deepEqual(onlyStatus('tmsStatusExtra'), {
      type: 'status',
      providerMessageId: 'SM0b6e2697aae04182a9f5b5c7a8994c7f',
      status: 'sent',
    });
  });

  test('tmsReceiveExtra: a message to a short code through a Messaging Service', () => {
    const event = onlyMessage('tmsReceiveExtra');
    assert.equal(event.providerMessageId, 'SMbbf29aeb9d380ce2a1c0ae4635ff9dab');
    assert.deepEqual(event.content, { kind: 'text', text: 'John Cruz' });
    assert.deepEqual(event.sender, { address: '+14133881111', identities: [usPhone] });
  });

  test('waReceiveValid: WhatsApp keeps the whatsapp: address for replies, the phone identity drops it', () => {
    const event = onlyMessage('waReceiveValid');
    assert.deepEqual(event.content, { kind: 'text', text: 'Msg' });
    assert.deepEqual(event.sender, { address: 'whatsapp:+14133881111', identities: [usPhone] });
  });

  test('waReceiveBSUIDValid: the business-scoped user id is linked to the phone', () => {
    const event = onlyMessage('waReceiveBSUIDValid');
    assert.deepEqual(event.sender, {
      address: 'whatsapp:+14133881111',
      identities: [usPhone, { kind: 'whatsapp_bsuid', value: 'US.1234', verified: true }],
    });
  });

  test('waReceiveFromBSUID: a user who hides the number is known by the BSUID alone', () => {
    const event = onlyMessage('waReceiveFromBSUID');
    assert.deepEqual(event.sender, {
      address: 'whatsapp:US.1234',
      identities: [{ kind: 'whatsapp_bsuid', value: 'US.1234', verified: true }],
    });
    assert.deepEqual(event.content, { kind: 'text', text: 'Msg' });
  });

  test('waReceiveBSUIDInvalid: a malformed ExternalUserId adds no identity', () => {
    const event = onlyMessage('waReceiveBSUIDInvalid');
    assert.deepEqual(event.sender, { address: 'whatsapp:+14133881111', identities: [usPhone] });
  });

  test('waReceiveButtonValid: a WhatsApp quick-reply button press is the button text', () => {
    const event = onlyMessage('waReceiveButtonValid');
    assert.deepEqual(event.content, { kind: 'text', text: 'Confirm' });
  });

  test('waReceivePrefixlessURN: a WhatsApp sender reported without the prefix is a plain phone', () => {
    const event = onlyMessage('waReceivePrefixlessURN');
    assert.equal(event.providerMessageId, 'SM681a1f26d9ec591431ce406e8f399525');
    assert.deepEqual(event.sender, { address: '+14133881111', identities: [usPhone] });
    assert.deepEqual(event.content, { kind: 'text', text: 'Msg' });
  });
});
