import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderCannedResponse, type CannedVariables } from './render-canned-response.ts';

function buildVars(overrides: Partial<CannedVariables['contact']> = {}): CannedVariables {
  return {
    contact: {
      name: 'Maria Clara Souza',
      email: 'maria@example.com',
      phone: '+5511999990000',
      attributes: { city: 'Recife', vip: true },
      ...overrides,
    },
    agent: { name: 'João Pereira' },
    workspace: { name: 'Loja Exemplo' },
  };
}

test('fills the contact, agent and workspace variables', () => {
  const out = renderCannedResponse(
    'Oi {{contact.firstName}}! Aqui é {{agent.firstName}} da {{workspace.name}}. {{contact.name}} <{{contact.email}}> {{contact.phone}} — {{agent.name}}',
    buildVars(),
  );
  assert.equal(out.text, 'Oi Maria! Aqui é João da Loja Exemplo. Maria Clara Souza <maria@example.com> +5511999990000 — João Pereira');
  assert.deepEqual(out.missing, []);
});

test('fills custom attributes and tolerates spaces inside the braces', () => {
  assert.equal(renderCannedResponse('{{ contact.attributes.city }} / {{contact.attributes.vip}}', buildVars()).text, 'Recife / true');
});

test('leaves unknown variables visible and lists them once', () => {
  const out = renderCannedResponse('Pedido {{order.id}} de {{contact.firstName}} ({{order.id}}) {{contact.attributes.cep}}', buildVars());
  assert.equal(out.text, 'Pedido {{order.id}} de Maria ({{order.id}}) {{contact.attributes.cep}}');
  assert.deepEqual(out.missing, ['order.id', 'contact.attributes.cep']);
});

test('leaves a known variable visible when the contact has no value for it', () => {
  const out = renderCannedResponse('Oi {{contact.firstName}}, seu e-mail é {{contact.email}}', buildVars({ name: null, email: null }));
  assert.equal(out.text, 'Oi {{contact.firstName}}, seu e-mail é {{contact.email}}');
  assert.deepEqual(out.missing, ['contact.firstName', 'contact.email']);
});
