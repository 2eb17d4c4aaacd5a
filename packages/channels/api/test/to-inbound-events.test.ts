import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toInboundEvents } from '../src/index.ts';
import { statusBody, textMessageBody } from './fixtures/build-api-request.ts';

const parse = (body: unknown) => toInboundEvents(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));

function reasonOf(body: unknown): string {
  const result = parse(body);
  assert.equal(result.ok, false, 'expected the body to be refused');
  return result.ok ? '' : result.reason;
}

test('turns a text message into one message event with verified identities when type is omitted', () => {
  assert.deepEqual(parse(textMessageBody), {
    ok: true,
    events: [
      {
        type: 'message',
        providerMessageId: 'app-msg-1',
        sender: {
          address: 'user-42',
          displayName: 'Ana Silva',
          locale: 'pt-BR',
          identities: [
            { kind: 'api_user', value: 'user-42', verified: true },
            { kind: 'email', value: 'ana.silva@example.com', verified: true },
            { kind: 'phone', value: '+5511999990000', verified: true },
          ],
        },
        content: { kind: 'text', text: 'Onde está meu pedido?' },
        sentAt: '2026-03-01T11:59:58Z',
      },
    ],
  });
});

test('keeps only the api_user identity when no e-mail or phone is given', () => {
  const result = parse({ type: 'message', messageId: 'm', from: { id: 'u' }, text: 'hi' });
  assert.ok(result.ok);
  const [event] = result.events;
  assert.equal(event?.type === 'message' ? event.sender.identities.length : 0, 1);
  assert.equal(event?.type === 'message' ? event.sender.displayName : 'x', undefined);
});

test('takes canonical content as is when the app sends content instead of text', () => {
  const content = { kind: 'location', latitude: -23.55, longitude: -46.63, name: 'Loja' };
  const result = parse({ messageId: 'm', from: { id: 'u' }, content });
  assert.ok(result.ok);
  assert.deepEqual(result.events[0]?.type === 'message' ? result.events[0].content : null, content);
});

test('maps replyToMessageId to the provider id it replies to', () => {
  const result = parse({ messageId: 'm2', from: { id: 'u' }, text: 'yes', replyToMessageId: 'msg_01' });
  assert.ok(result.ok);
  assert.equal(result.events[0]?.type === 'message' ? result.events[0].replyToProviderMessageId : '', 'msg_01');
});

test('turns a status body into a status event', () => {
  assert.deepEqual(parse(statusBody), { ok: true, events: [{ type: 'status', providerMessageId: 'msg_01', status: 'read' }] });
  assert.deepEqual(parse({ type: 'status', messageId: 'x', status: 'failed', error: { message: 'user blocked' } }), {
    ok: true,
    events: [{ type: 'status', providerMessageId: 'x', status: 'failed', error: { code: 'failed', message: 'user blocked' } }],
  });
});

test('names the field when a required field is missing', () => {
  assert.match(reasonOf({ from: { id: 'u' }, text: 'hi' }), /messageId/);
  assert.match(reasonOf({ messageId: 'm', text: 'hi' }), /from/);
  assert.match(reasonOf({ messageId: 'm', from: {}, text: 'hi' }), /from\.id/);
});

test('names the field when the e-mail, phone or date is malformed', () => {
  assert.match(reasonOf({ ...textMessageBody, from: { id: 'u', email: 'not-an-email' } }), /from\.email/);
  assert.match(reasonOf({ ...textMessageBody, from: { id: 'u', phone: '11 99999-0000' } }), /from\.phone.*E\.164/);
  assert.match(reasonOf({ ...textMessageBody, sentAt: 'yesterday' }), /sentAt/);
});

test('refuses when both or neither of text and content are given', () => {
  assert.match(reasonOf({ messageId: 'm', from: { id: 'u' } }), /text.*content/);
  assert.match(reasonOf({ messageId: 'm', from: { id: 'u' }, text: 'a', content: { kind: 'text', text: 'b' } }), /text.*content/);
});

test('refuses an unknown type or status', () => {
  assert.match(reasonOf({ type: 'typing', messageId: 'm' }), /type/);
  assert.match(reasonOf({ ...statusBody, status: 'sent' }), /status/);
});

test('refuses bodies that are not a JSON object', () => {
  assert.equal(reasonOf('not json'), 'body is not valid JSON');
  assert.equal(reasonOf(''), 'body is not valid JSON');
  assert.equal(reasonOf('[]'), 'body must be a JSON object');
  assert.equal(reasonOf('null'), 'body must be a JSON object');
});
