import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkExpectation, type ConversationSnapshot } from './check-expectation.ts';

const snapshot: ConversationSnapshot = {
  status: 'queued',
  flow: null,
  slots: { order_ref: { value: '123456', display: '#123456' }, day: { value: '2026-11-27', display: 'sexta, 27/11' } },
  attributes: { cep: '01310-100', vip: true },
};

test('fits when status, flow, slots (value or display) and attributes agree', () => {
  assert.deepEqual(
    checkExpectation(
      { status: 'queued', flow: null, slots: { order_ref: '123456', day: 'Sexta, 27/11' }, attributes: { cep: '01310-100', vip: true } },
      snapshot,
    ),
    [],
  );
});

test('lists every difference', () => {
  const problems = checkExpectation(
    { status: 'bot', flow: 'order-status', slots: { order_ref: '654321', cpf: '1', cep: null }, attributes: { city: 'Recife', cep: null } },
    snapshot,
  );
  assert.equal(problems.length, 6, problems.join('\n'));
  assert.match(problems[0] ?? '', /status is queued, expected bot/);
  assert.match(problems[1] ?? '', /flow is null, expected order-status/);
  assert.match(problems.join('\n'), /slot cpf is missing/);
  assert.match(problems.join('\n'), /attribute city is missing/);
  assert.match(problems.join('\n'), /attribute cep is "01310-100", expected none/);
});
