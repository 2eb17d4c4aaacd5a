import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inboundEventSchema, type ClientMessageFrame } from '@fio/contracts';
import { frameToInboundEvent, type WidgetSession } from '../src/index.ts';

function buildSession(overrides: Partial<WidgetSession> = {}): WidgetSession {
  return { visitorId: 'visitor_abc123', verifiedClaims: [], locale: 'pt-BR', displayName: undefined, ...overrides };
}

const frame: ClientMessageFrame = { type: 'message', clientMessageId: 'c-0000001', content: { kind: 'text', text: 'Oi' } };

test('builds a message event keyed by visitor and client message id for an anonymous visitor', () => {
  assert.deepEqual(frameToInboundEvent(frame, buildSession()), {
    type: 'message',
    providerMessageId: 'visitor_abc123:c-0000001',
    sender: {
      address: 'visitor_abc123',
      locale: 'pt-BR',
      identities: [{ kind: 'webchat_visitor', value: 'visitor_abc123', verified: false }],
    },
    content: { kind: 'text', text: 'Oi' },
  });
});

test('adds the verified claims after the visitor identity when the host signed one', () => {
  const claims = [
    { kind: 'external' as const, value: 'crm-123', verified: true },
    { kind: 'email' as const, value: 'ana@example.com', verified: true },
  ];
  const event = frameToInboundEvent(frame, buildSession({ verifiedClaims: claims, displayName: 'Ana' }));
  assert.deepEqual(event.sender.identities, [{ kind: 'webchat_visitor', value: 'visitor_abc123', verified: false }, ...claims]);
  assert.equal(event.sender.displayName, 'Ana');
  assert.equal(inboundEventSchema.safeParse(event).success, true);
});

test('keeps the payload when the visitor picked a quick reply', () => {
  const picked: ClientMessageFrame = { ...frame, content: { kind: 'text', text: 'Rastrear', payload: 'track' } };
  assert.deepEqual(frameToInboundEvent(picked, buildSession()).content, { kind: 'text', text: 'Rastrear', payload: 'track' });
});

test('gives the same dedupe key when the widget resends a message', () => {
  assert.equal(
    frameToInboundEvent(frame, buildSession()).providerMessageId,
    frameToInboundEvent({ ...frame }, buildSession()).providerMessageId,
  );
});
