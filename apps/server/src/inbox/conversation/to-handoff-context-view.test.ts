import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toHandoffContextView } from './to-handoff-context-view.ts';

const at = '2026-11-24T15:00:00.000Z';

function buildPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    reason: 'customer_asked',
    intent: 'talk_to_human',
    team: 'atendimento',
    priority: 'high',
    note: 'quer cancelar pedido já enviado',
    context: {
      summary: ['Motivo: cliente pediu uma pessoa', 'Assuntos: order_status'],
      intentsTried: ['order_status', 'talk_to_human'],
      slots: { orderNumber: { value: '123456', display: '#123456' }, cpf: { value: '12345678909', display: '123.456.789-09' } },
      flow: { id: 'order-status', step: 'ask-order' },
      sentiment: { last: -0.4, average: -0.1, trend: 'worsening', frustration: 0.6 },
      profile: { name: 'Ana', language: 'pt-BR', attributes: {}, tags: [], segments: ['vip', 'recife'] },
      expectedAnswerAt: '2026-11-25T12:00:00.000Z',
    },
    botState: {
      turns: 3,
      failures: 0,
      sentiment: [
        { score: 0.2, frustration: 0, at },
        { score: -0.1, frustration: 0.2, at },
        { score: -0.4, frustration: 0.6, at },
      ],
    },
    ...overrides,
  };
}

test('maps a handoff event to the context card', () => {
  assert.deepEqual(toHandoffContextView(buildPayload(), at), {
    reason: 'customer_asked',
    requestedAt: at,
    team: 'atendimento',
    priority: 'high',
    note: 'quer cancelar pedido já enviado',
    summary: ['Motivo: cliente pediu uma pessoa', 'Assuntos: order_status'],
    intentsTried: ['order_status', 'talk_to_human'],
    collected: [
      { name: 'orderNumber', display: '#123456' },
      { name: 'cpf', display: '123.456.789-09' },
    ],
    flow: { id: 'order-status', step: 'ask-order' },
    sentiment: { last: -0.4, trend: 'worsening', frustration: 0.6, series: [0.2, -0.1, -0.4] },
    segments: ['vip', 'recife'],
    expectedAnswerAt: '2026-11-25T12:00:00.000Z',
  });
});

test('gives empty values when the event has no context package', () => {
  const view = toHandoffContextView({ reason: 'flow', team: null, priority: 'normal', note: null, context: null }, at);
  assert.deepEqual(view, {
    reason: 'flow',
    requestedAt: at,
    team: null,
    priority: 'normal',
    note: null,
    summary: [],
    intentsTried: [],
    collected: [],
    flow: null,
    sentiment: { last: 0, trend: 'stable', frustration: 0, series: [] },
    segments: [],
    expectedAnswerAt: null,
  });
});

test('reads odd stored values leniently instead of failing the card', () => {
  const view = toHandoffContextView(
    buildPayload({ priority: 'whenever', context: { slots: { n: { value: 42 } }, sentiment: 'bad', intentsTried: 'x' }, botState: null }),
    at,
  );
  assert.equal(view.priority, 'normal');
  assert.deepEqual(view.collected, [{ name: 'n', display: '42' }]);
  assert.deepEqual(view.intentsTried, []);
  assert.deepEqual(view.sentiment, { last: 0, trend: 'stable', frustration: 0, series: [] });
});
