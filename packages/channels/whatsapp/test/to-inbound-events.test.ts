import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toInboundEvents } from '../src/index.ts';
import { customerMessage, phoneNumberId, webhookBody } from './fixtures/build-whatsapp-request.ts';
import { message, refused, status } from './fixtures/expect-events.ts';

const parse = (body: unknown, ownNumber = phoneNumberId) =>
  toInboundEvents(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), { phoneNumberId: ownNumber });

test('a Brazilian wa_id without the 9th digit is the reply address and a verified phone claim', () => {
  message(
    { kind: 'text', text: 'Oi' },
    { address: '551187654321', displayName: 'Ana Souza', identities: [['phone', '+551187654321']] },
    { sentAt: '2026-01-01T00:00:00.000Z' },
  )(parse(customerMessage({ type: 'text', text: { body: 'Oi' } })));
});

test("reads Meta's \\u escapes of non-ASCII text", () => {
  const body = JSON.stringify(customerMessage({ type: 'text', text: { body: 'Não recebi, obrigado 👍' } })).replace(
    /[\u0080-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  assert.ok([...body].every((ch) => ch.charCodeAt(0) < 0x80));
  message({ kind: 'text', text: 'Não recebi, obrigado 👍' }, { address: '551187654321' })(parse(body));
});

test('changes for another phone number of the same app are not this connection’s', () => {
  const result = parse(customerMessage({ type: 'text', text: { body: 'Oi' } }), '999999999999');
  assert.deepEqual(result, { ok: true, events: [] });
});

test('reads every entry and change in order: messages, then statuses', () => {
  const first = customerMessage({ type: 'text', text: { body: 'primeira' } });
  const second = webhookBody({ statuses: [{ id: 'wamid.out1', status: 'read', timestamp: '1767225700', recipient_id: '551187654321' }] });
  const body = { object: 'whatsapp_business_account', entry: [...(first.entry as object[]), ...(second.entry as object[])] };
  const result = parse(body);
  assert.equal(result.ok, true);
  if (!result.ok) return;
  assert.deepEqual(
    result.events.map((event) => event.type),
    ['message', 'status'],
  );
  assert.equal(result.events[1]?.type === 'status' && result.events[1].at, '2026-01-01T00:01:40.000Z');
});

test('a failed status carries Meta’s code and words (131047 outside the 24-hour window)', () => {
  status('wamid.out2', 'failed', {
    code: '131047',
    message:
      'Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  })(
    parse(
      webhookBody({
        statuses: [
          {
            id: 'wamid.out2',
            status: 'failed',
            timestamp: '1767225700',
            recipient_id: '551187654321',
            errors: [
              {
                code: 131047,
                title: 'Re-engagement message',
                message: 'Re-engagement message',
                error_data: {
                  details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
                },
              },
            ],
          },
        ],
      }),
    ),
  );
});

test('a declared field of the wrong type refuses the body and names the field', () => {
  refused(/entry\.0\.changes\.0\.value\.messages\.0\.image\.id/)(parse(customerMessage({ type: 'image', image: { id: 12345 } })));
  refused(/entry\.0\.changes\.0\.value\.statuses\.0\.id/)(parse(webhookBody({ statuses: [{ id: null, status: 'read' }] })));
  refused(/object/)(parse({ object: 'instagram', entry: [] }));
  refused(/not valid JSON/)(parse('{"object":'));
});

test('a kind Meta adds later is kept as unsupported with its raw payload', () => {
  message(
    { kind: 'unsupported', placeholder: '[request welcome]', providerKind: 'request_welcome' },
    { address: '551187654321' },
    { raw: true },
  )(parse(customerMessage({ type: 'request_welcome' })));
});

test('a timestamp sent as a number is read like the usual string of digits', () => {
  message(
    { kind: 'text', text: 'Oi' },
    { address: '551187654321' },
    { sentAt: '2026-01-01T00:00:00.000Z' },
  )(parse(customerMessage({ type: 'text', text: { body: 'Oi' }, timestamp: 1767225600 })));
});
