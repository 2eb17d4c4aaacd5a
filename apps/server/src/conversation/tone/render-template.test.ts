import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTemplate, type TemplateVars } from './render-template.ts';
import { findUnknownTemplateVariables, isFixedTemplateVariable, templateVariables } from './template-variables.ts';

function buildVars(overrides: Partial<TemplateVars> = {}): TemplateVars {
  return {
    contact: { displayName: 'Ana Souza', locale: 'pt-BR', attributes: { plan: 'gold', points: 120, vip: true, nested: { a: 1 } } },
    slots: { order_ref: { value: '123456', display: '123.456' }, total: { value: 99.9, display: 'R$ 99,90' } },
    business: {
      name: 'Loja Exemplo',
      hours: 'Segunda a sexta, das 9h às 18h',
      openNow: 'Estamos abertos agora.',
      nextOpening: 'amanhã às 9h',
    },
    templates: { sign: 'Equipe {{business.name}}', loop: '{{templates.loop}}!' },
    now: { date: '24/11/2026', time: '14h' },
    ...overrides,
  };
}

test('fills contact, slot, business, template and clock variables', () => {
  const text = renderTemplate(
    'Oi, {{contact.first_name}} ({{contact.name}})! Pedido {{slots.order_ref}} = {{ slots.order_ref.value }}, total {{slots.total}} ({{slots.total.value}}). ' +
      '{{business.name}}: {{business.hours}}. {{business.open_now}} Volta {{business.next_opening}}. {{now.date}} {{now.time}} — {{templates.sign}}',
    buildVars(),
  );
  assert.equal(
    text,
    'Oi, Ana (Ana Souza)! Pedido 123.456 = 123456, total R$ 99,90 (99.9). Loja Exemplo: Segunda a sexta, das 9h às 18h. ' +
      'Estamos abertos agora. Volta amanhã às 9h. 24/11/2026 14h — Equipe Loja Exemplo',
  );
});

test('renders contact attributes that are plain values and nothing for objects', () => {
  const vars = buildVars();
  assert.equal(
    renderTemplate('{{contact.attributes.plan}}/{{contact.attributes.points}}/{{contact.attributes.vip}}', vars),
    'gold/120/true',
  );
  assert.equal(renderTemplate('[{{contact.attributes.nested}}]', vars), '[]');
});

test('fills the extra variables the engine passes', () => {
  assert.equal(
    renderTemplate('Você quis dizer {{a}} ou {{b}}?', buildVars(), { a: 'troca', b: 'devolução' }),
    'Você quis dizer troca ou devolução?',
  );
});

test('renders a missing variable as empty text and tidies the gap it leaves', () => {
  const anonymous = buildVars({ contact: { displayName: null, locale: null } });
  assert.equal(renderTemplate('Oi, {{contact.first_name}}! Tudo bem?', anonymous), 'Oi! Tudo bem?');
  assert.equal(renderTemplate('¡Hola, {{contact.first_name}}!', anonymous), '¡Hola!');
  assert.equal(renderTemplate('Pedido {{slots.missing}} enviado', buildVars()), 'Pedido enviado');
  assert.equal(renderTemplate('Valor: {{slots.total.cents}}', buildVars()), 'Valor:');
  assert.equal(renderTemplate('{{business.unknown}}{{now.weekday}}{{unknown}}', buildVars()), '');
  assert.doesNotMatch(renderTemplate('{{contact.attributes.none}} {{templates.none}}', buildVars()), /undefined|null/);
});

test('does not greet a phone number or an e-mail address by name', () => {
  assert.equal(
    renderTemplate('Oi, {{contact.first_name}}!', buildVars({ contact: { displayName: '+55 11 98765-4321', locale: null } })),
    'Oi!',
  );
  assert.equal(
    renderTemplate('Oi, {{contact.first_name}}!', buildVars({ contact: { displayName: 'ana@example.com', locale: null } })),
    'Oi!',
  );
});

test('never reaches prototype properties nor runs code', () => {
  const vars = buildVars();
  for (const path of [
    'constructor',
    '__proto__',
    'toString',
    'slots.constructor',
    'slots.__proto__',
    'contact.attributes.constructor',
    'templates.__proto__',
    'business.constructor',
    'slots.order_ref.constructor',
  ]) {
    assert.equal(renderTemplate(`[{{${path}}}]`, vars, {}), '[]', path);
  }
  assert.equal(renderTemplate('{{ process.exit(1) }} {{1+1}}', vars), '{{ process.exit(1) }} {{1+1}}');
  assert.equal(renderTemplate('{{ constructor.constructor("return 1")() }}', vars), '{{ constructor.constructor("return 1")() }}');
});

test('inserts values as text that is never read again as a template', () => {
  const vars = buildVars({
    contact: { displayName: '{{business.name}}', locale: null },
    slots: { note: { value: 'x', display: '{{templates.sign}}' } },
  });
  assert.equal(renderTemplate('{{contact.name}} / {{slots.note}}', vars), '{{business.name}} / {{templates.sign}}');
  assert.equal(renderTemplate('{{a}}', vars, { a: '{{contact.name}}' }), '{{contact.name}}');
});

test('keeps an escaped placeholder literal', () => {
  assert.equal(
    renderTemplate('Escreva \\{{slots.order_ref}} para ver {{slots.order_ref}}', buildVars()),
    'Escreva {{slots.order_ref}} para ver 123.456',
  );
});

test('stops a template that includes itself', () => {
  assert.equal(renderTemplate('{{templates.loop}}', buildVars()), '!!!');
});

test('lists the variables a template uses once each, in order', () => {
  assert.deepEqual(
    templateVariables(
      'Oi {{contact.first_name}}, pedido {{ slots.order_ref }} ({{slots.order_ref.value}}) {{contact.first_name}} \\{{slots.x}} {{not a var}}',
    ),
    ['contact.first_name', 'slots.order_ref', 'slots.order_ref.value'],
  );
  assert.deepEqual(templateVariables('sem variáveis'), []);
});

test('names the variables that would always render empty', () => {
  const template =
    '{{contact.frist_name}} {{contact.attributes.plan}} {{slots.order_ref}} {{slots.order_ref.value}} {{slots.order_ref.cents}} {{slots.cep}} {{templates.sign}} {{templates.nope}} {{options}} {{now.date}}';
  assert.deepEqual(findUnknownTemplateVariables(template, { slots: ['order_ref'], templates: ['sign'], extra: ['options'] }), [
    'contact.frist_name',
    'slots.order_ref.cents',
    'slots.cep',
    'templates.nope',
  ]);
});

test('knows the variables every template may use, and one contact attribute at a time', () => {
  for (const path of ['contact.first_name', 'business.open_now', 'now.time', 'contact.attributes.plan']) {
    assert.equal(isFixedTemplateVariable(path), true, path);
  }
  for (const path of ['contact.frist_name', 'contact.attributes', 'contact.attributes.a.b', 'slots.cep', 'business']) {
    assert.equal(isFixedTemplateVariable(path), false, path);
  }
  assert.equal(renderTemplate('[{{contact.attributes.plan.x}}]', buildVars()), '[]');
  assert.deepEqual(findUnknownTemplateVariables('{{contact.attributes.plan.x}}'), ['contact.attributes.plan.x']);
});

test("fills the contact's e-mail and phone, and nothing when the contact has none", () => {
  const known = buildVars({ contact: { displayName: 'Ana Souza', locale: 'pt-BR', email: 'ana@example.com', phone: '+5511987654321' } });
  assert.equal(
    renderTemplate('Mando para {{contact.email}} ou {{contact.phone}}.', known),
    'Mando para ana@example.com ou +5511987654321.',
  );
  assert.equal(renderTemplate('E-mail: {{contact.email}}', buildVars()), 'E-mail:');
  assert.ok(isFixedTemplateVariable('contact.email') && isFixedTemplateVariable('contact.phone'));
  assert.deepEqual(findUnknownTemplateVariables('{{contact.email}} {{contact.phone}} {{contact.fone}}'), ['contact.fone']);
});
