import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type EntityContext } from './entity.ts';
import { extractEntities } from './extract-entities.ts';

const buildContext = (overrides: Partial<EntityContext> = {}): EntityContext => ({
  language: 'pt-BR',
  timezone: 'America/Sao_Paulo',
  now: new Date('2026-11-24T14:00:00-03:00'),
  orderNumberPattern: '#?\\d{4,10}',
  ...overrides,
});

const brief = (text: string, ctx = buildContext()) => extractEntities(text, ctx).map((entity) => [entity.type, entity.text, entity.value]);

test('finds a CPF, a phone and an e-mail in one message, with spans into the original text', () => {
  const text = 'Meu CPF é 123.456.789-09, fone (11) 98765-4321 e e-mail Ana.Souza@Exemplo.com';
  const entities = extractEntities(text, buildContext());
  assert.deepEqual(
    entities.map((entity) => [entity.type, entity.value]),
    [
      ['cpf', '12345678909'],
      ['phone', '+5511987654321'],
      ['email', 'ana.souza@exemplo.com'],
    ],
  );
  for (const entity of entities) assert.equal(text.slice(entity.start, entity.end), entity.text);
});

test('a valid CPF is not also a phone, a number or an order number', () => {
  assert.deepEqual(brief('12345678909'), [['cpf', '12345678909', '12345678909']]);
  // Wrong check digits: not a CPF, so the digits are read as what else they may be.
  assert.notEqual(brief('12345678900')[0]?.[0], 'cpf');
});

test('finds CNPJ, CEP and a Luhn-valid card number', () => {
  assert.deepEqual(brief('CNPJ 12.345.678/0001-95'), [['cnpj', '12.345.678/0001-95', '12345678000195']]);
  assert.deepEqual(brief('CEP 01310-100'), [['cep', '01310-100', '01310100']]);
  assert.deepEqual(brief('meu cep é 01310100'), [['cep', '01310100', '01310100']]);
  assert.deepEqual(brief('cartão 4111 1111 1111 1111'), [['credit_card', '4111 1111 1111 1111', '4111111111111111']]);
  assert.deepEqual(brief('amex 3782-822463-10005'), [['credit_card', '3782-822463-10005', '378282246310005']]);
  assert.deepEqual(
    brief('4111111111111112').filter(([type]) => type === 'credit_card'),
    [],
  );
  // A phone with its country code, Luhn-valid by chance, is still a phone.
  assert.deepEqual(brief('5511987654325'), [['phone', '5511987654325', '+5511987654325']]);
});

test('reads phones in E.164 and gives old Brazilian mobiles their 9th digit', () => {
  assert.deepEqual(brief('liga no 11 8765-4321'), [['phone', '11 8765-4321', '+5511987654321']]);
  assert.deepEqual(brief('+55 21 99876-5432'), [['phone', '+55 21 99876-5432', '+5521998765432']]);
  assert.deepEqual(brief('call me at +1 415 555 2671', buildContext({ language: 'en' })), [['phone', '+1 415 555 2671', '+14155552671']]);
});

test('reads order numbers with the workspace pattern, # stripped', () => {
  assert.deepEqual(brief('cadê meu pedido #123456?'), [['order_number', '#123456', '123456']]);
  const custom = buildContext({ orderNumberPattern: 'PED-\\d{5}' });
  assert.deepEqual(brief('pedido PED-12345 atrasado', custom), [['order_number', 'PED-12345', 'PED-12345']]);
  assert.deepEqual(brief('pedido 123456', buildContext({ orderNumberPattern: '([' })), [['number', '123456', 123456]]);
});

test('reads money in reais, dollars and euros', () => {
  assert.deepEqual(brief('custa R$ 1.234,56'), [['money', 'R$ 1.234,56', { amount: 1234.56, currency: 'BRL' }]]);
  assert.deepEqual(brief('paguei 50 reais'), [['money', '50 reais', { amount: 50, currency: 'BRL' }]]);
  assert.deepEqual(brief('uns cinquenta reais'), [['money', 'cinquenta reais', { amount: 50, currency: 'BRL' }]]);
  assert.deepEqual(brief('R$ 1,5 mil'), [['money', 'R$ 1,5 mil', { amount: 1500, currency: 'BRL' }]]);
  assert.deepEqual(brief('$20 or 20 dólares'), [
    ['money', '$20', { amount: 20, currency: 'USD' }],
    ['money', '20 dólares', { amount: 20, currency: 'USD' }],
  ]);
  assert.deepEqual(brief('it was €15.50', buildContext({ language: 'en' })), [['money', '€15.50', { amount: 15.5, currency: 'EUR' }]]);
  assert.deepEqual(brief('10 reais e 50 centavos'), [['money', '10 reais e 50 centavos', { amount: 10.5, currency: 'BRL' }]]);
});

test('reads numbers in digits and words, leaving articles alone', () => {
  assert.deepEqual(brief('quero 3 camisetas e vinte e cinco adesivos'), [
    ['number', '3', 3],
    ['number', 'vinte e cinco', 25],
  ]);
  assert.deepEqual(brief('quero um pedido'), []);
  assert.deepEqual(brief('1.234,5 ou 1,5 mil'), [
    ['number', '1.234,5', 1234.5],
    ['number', '1,5 mil', 1500],
  ]);
  assert.deepEqual(brief('three or 1,234.5', buildContext({ language: 'en' })), [
    ['number', 'three', 3],
    ['number', '1,234.5', 1234.5],
  ]);
  assert.deepEqual(brief('tres o diez', buildContext({ language: 'es' })), [
    ['number', 'tres', 3],
    ['number', 'diez', 10],
  ]);
});

test('finds links without their closing punctuation', () => {
  assert.deepEqual(brief('veja https://loja.example/pedidos?id=1.'), [
    ['url', 'https://loja.example/pedidos?id=1', 'https://loja.example/pedidos?id=1'],
  ]);
  assert.deepEqual(brief('(www.loja.example)'), [['url', 'www.loja.example', 'https://www.loja.example']]);
});

test('finds dates and times as people write them', () => {
  assert.deepEqual(brief('pode ser sexta à tarde?'), [['datetime', 'sexta à tarde', { date: '2026-11-27', partOfDay: 'afternoon' }]]);
  assert.deepEqual(brief('hoje às 15h'), [['datetime', 'hoje às 15h', { date: '2026-11-24', time: '15:00' }]]);
  assert.deepEqual(brief('mañana por la tarde', buildContext({ language: 'es' })), [
    ['datetime', 'mañana por la tarde', { date: '2026-11-25', partOfDay: 'afternoon' }],
  ]);
  assert.deepEqual(brief('next monday at 10am', buildContext({ language: 'en' })), [
    ['datetime', 'next monday at 10am', { date: '2026-11-30', time: '10:00' }],
  ]);
});

test('never mistakes greetings and ordinals for dates', () => {
  assert.deepEqual(brief('boa tarde! quero a segunda via do boleto'), []);
  assert.deepEqual(brief('buenas noches', buildContext({ language: 'es' })), []);
  assert.deepEqual(brief('good evening', buildContext({ language: 'en' })), []);
});

test('returns nothing, without throwing, for empty, emoji-only and binary-ish input', () => {
  for (const text of ['', '   ', '😀🎉👍', '\u0000\u0001\u0002\u0003', '\uD800\uDC00\uD800', '\uFFFD\uFFFE']) {
    assert.deepEqual(extractEntities(text, buildContext()), [], JSON.stringify(text));
  }
});

test('returns on adversarial input built to make regexes backtrack', () => {
  const adversarial = [
    'a'.repeat(10_000),
    '1'.repeat(10_000),
    '1.'.repeat(5000),
    '1 '.repeat(5000),
    '@'.repeat(10_000),
    'a@'.repeat(5000),
    `${'a'.repeat(5000)}@${'b.'.repeat(2500)}`,
    'http://'.repeat(1500),
    'de '.repeat(3000),
    'às '.repeat(3000) + '3',
    '11 '.repeat(3000),
    '12/'.repeat(3000),
    'R$ '.repeat(3000),
    'vinte e '.repeat(1000),
    '#'.repeat(10_000),
    '9-'.repeat(5000),
  ];
  for (const text of adversarial) {
    const entities = extractEntities(text, buildContext());
    assert.ok(Array.isArray(entities));
    for (const entity of entities) assert.equal(text.slice(entity.start, entity.end), entity.text);
  }
});

test('keeps entities sorted and non-overlapping in mixed text', () => {
  const text = 'Oi! Pedido #987654 de R$ 59,90, entregar amanhã às 10h no CEP 04538-133; meu cpf 529.982.247-25.';
  const entities = extractEntities(text, buildContext());
  assert.deepEqual(
    entities.map((entity) => entity.type),
    ['order_number', 'money', 'datetime', 'cep', 'cpf'],
  );
  for (let i = 1; i < entities.length; i += 1) assert.ok((entities[i - 1]?.end ?? 0) <= (entities[i]?.start ?? 0));
});
