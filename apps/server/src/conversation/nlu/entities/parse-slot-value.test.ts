import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSlotValue } from './parse-slot-value.ts';
import { type SlotContext, slotTypes } from './slot-parse.ts';

const buildContext = (overrides: Partial<SlotContext> = {}): SlotContext => ({
  language: 'pt-BR',
  timezone: 'America/Sao_Paulo',
  now: new Date('2026-11-24T14:00:00-03:00'),
  orderNumberPattern: '#?\\d{4,10}',
  ...overrides,
});

const reasons = [
  { value: 'damaged', labels: ['Produto com defeito', 'Damaged product', 'Producto dañado'] },
  { value: 'late', labels: ['Entrega atrasada', 'Late delivery', 'Entrega retrasada'] },
  { value: 'other', labels: ['Outro motivo', 'Other', 'Otro motivo'] },
];

test('reads a CPF formatted or bare and displays it formatted', () => {
  for (const text of ['123.456.789-09', '12345678909', 'meu cpf é 123.456.789-09']) {
    assert.deepEqual(parseSlotValue(['cpf'], text, buildContext()), {
      ok: true,
      type: 'cpf',
      value: { value: '12345678909', display: '123.456.789-09' },
    });
  }
});

test('says the check digits are wrong when a CPF-shaped number fails them', () => {
  assert.deepEqual(parseSlotValue(['cpf'], '123.456.789-00', buildContext()), { ok: false, reason: 'invalid_check_digits' });
  assert.deepEqual(parseSlotValue(['cpf'], '111.111.111-11', buildContext()), { ok: false, reason: 'invalid_check_digits' });
  assert.deepEqual(parseSlotValue(['cpf'], 'não sei', buildContext()), { ok: false, reason: 'not_found' });
});

test('reads CNPJ and CEP with their display formats', () => {
  assert.deepEqual(parseSlotValue(['cnpj'], '12345678000195', buildContext()), {
    ok: true,
    type: 'cnpj',
    value: { value: '12345678000195', display: '12.345.678/0001-95' },
  });
  assert.deepEqual(parseSlotValue(['cep'], 'cep 01310100', buildContext()), {
    ok: true,
    type: 'cep',
    value: { value: '01310100', display: '01310-100' },
  });
});

test('prefers a valid CPF over an order number when the step accepts both', () => {
  const ctx = buildContext({ orderNumberPattern: '#?\\d{4,12}' });
  const cpf = parseSlotValue(['order_number', 'cpf'], '123.456.789-09', ctx);
  assert.equal(cpf.ok && cpf.type, 'cpf');
  const order = parseSlotValue(['order_number', 'cpf'], 'o pedido é #123456', ctx);
  assert.deepEqual(order, { ok: true, type: 'order_number', value: { value: '123456', display: '123456' } });
});

test('reads numbers from digits and from words in the three languages', () => {
  const cases: [string, SlotContext['language'], number][] = [
    ['3', 'pt-BR', 3],
    ['1.234,5', 'pt-BR', 1234.5],
    ['1,234.5', 'en', 1234.5],
    ['três', 'pt-BR', 3],
    ['dez', 'pt-BR', 10],
    ['vinte e cinco', 'pt-BR', 25],
    ['three', 'en', 3],
    ['twenty-five', 'en', 25],
    ['tres', 'es', 3],
    ['doscientos', 'es', 200],
    ['um', 'pt-BR', 1],
  ];
  for (const [text, language, expected] of cases) {
    const parsed = parseSlotValue(['number'], text, buildContext({ language }));
    assert.equal(parsed.ok && parsed.value.value, expected, text);
  }
});

test('applies min and max to numbers', () => {
  const ctx = buildContext({ rules: { min: 1, max: 10 } });
  assert.deepEqual(parseSlotValue(['number'], '12', ctx), { ok: false, reason: 'out_of_range' });
  assert.equal(parseSlotValue(['number'], 'quero 2', ctx).ok, true);
  assert.deepEqual(parseSlotValue(['number'], '2 ou 3', ctx), { ok: false, reason: 'ambiguous' });
});

test('reads an e-mail lower-cased', () => {
  assert.deepEqual(parseSlotValue(['email'], 'é Maria.Silva@Exemplo.com.br', buildContext()), {
    ok: true,
    type: 'email',
    value: { value: 'maria.silva@exemplo.com.br', display: 'maria.silva@exemplo.com.br' },
  });
  assert.deepEqual(parseSlotValue(['email'], 'maria@', buildContext()), { ok: false, reason: 'not_found' });
});

test('reads yes and no however people type them', () => {
  const yes = ['sim', 's', 'isso', 'pode', 'claro', 'Siiim!', 'sim, pode cancelar', '👍'];
  const no = ['não', 'nao', 'n', 'negativo', 'não, obrigado', 'no'];
  for (const text of yes)
    assert.deepEqual(
      parseSlotValue(['yes_no'], text, buildContext()),
      { ok: true, type: 'yes_no', value: { value: true, display: 'sim' } },
      text,
    );
  for (const text of no)
    assert.deepEqual(
      parseSlotValue(['yes_no'], text, buildContext()),
      { ok: true, type: 'yes_no', value: { value: false, display: 'não' } },
      text,
    );
  const english = parseSlotValue(['yes_no'], 'yep', buildContext({ language: 'en' }));
  assert.deepEqual(english, { ok: true, type: 'yes_no', value: { value: true, display: 'yes' } });
  const spanish = parseSlotValue(['yes_no'], 'sí, por favor', buildContext({ language: 'es' }));
  assert.deepEqual(spanish, { ok: true, type: 'yes_no', value: { value: true, display: 'sí' } });
  assert.deepEqual(parseSlotValue(['yes_no'], 'nope', buildContext({ language: 'en' })), {
    ok: true,
    type: 'yes_no',
    value: { value: false, display: 'no' },
  });
  assert.deepEqual(parseSlotValue(['yes_no'], 'não sei', buildContext()), { ok: false, reason: 'not_found' });
  assert.deepEqual(parseSlotValue(['yes_no'], 'no sábado', buildContext()), { ok: false, reason: 'not_found' });
});

test('picks a choice by number, label in any language, or a word only one label has', () => {
  const ctx = buildContext({ choices: reasons });
  const pick = (text: string) => {
    const parsed = parseSlotValue(['choice'], text, ctx);
    return parsed.ok ? parsed.value.value : parsed.reason;
  };
  assert.equal(pick('2'), 'late');
  assert.equal(pick('opção 3'), 'other');
  assert.equal(pick('primeira'), 'damaged');
  assert.equal(pick('PRODUTO COM DEFEITO'), 'damaged');
  assert.equal(pick('Late delivery'), 'late');
  assert.equal(pick('defeito'), 'damaged');
  assert.equal(pick('atrasada'), 'late');
  assert.equal(pick('entrega'), 'late');
  assert.equal(pick('banana'), 'not_found');
  assert.equal(pick('7'), 'not_found');
  const shipping = buildContext({
    choices: [
      { value: 'express', labels: ['Entrega expressa'] },
      { value: 'normal', labels: ['Entrega normal'] },
    ],
  });
  assert.deepEqual(parseSlotValue(['choice'], 'entrega', shipping), { ok: false, reason: 'ambiguous' });
  const parsed = parseSlotValue(['choice'], 'Damaged product', ctx);
  assert.equal(parsed.ok && parsed.value.display, 'Damaged product');
});

test('reads an order number by the workspace pattern, # stripped', () => {
  const ctx = buildContext();
  assert.deepEqual(parseSlotValue(['order_number'], '#123456', ctx), {
    ok: true,
    type: 'order_number',
    value: { value: '123456', display: '123456' },
  });
  assert.deepEqual(parseSlotValue(['order_number'], 'é o 123456.', ctx), {
    ok: true,
    type: 'order_number',
    value: { value: '123456', display: '123456' },
  });
  assert.deepEqual(parseSlotValue(['order_number'], '12', ctx), { ok: false, reason: 'not_found' });
  const letters = buildContext({ orderNumberPattern: 'PED-\\d{5}' });
  assert.deepEqual(parseSlotValue(['order_number'], 'meu pedido é ped-12345', letters), {
    ok: true,
    type: 'order_number',
    value: { value: 'ped-12345', display: 'ped-12345' },
  });
  assert.deepEqual(parseSlotValue(['order_number'], '123456', buildContext({ orderNumberPattern: '(' })), {
    ok: false,
    reason: 'not_found',
  });
});

test('keeps text trimmed and applies length rules', () => {
  assert.deepEqual(parseSlotValue(['text'], '  Rua das Flores, 10  ', buildContext()), {
    ok: true,
    type: 'text',
    value: { value: 'Rua das Flores, 10', display: 'Rua das Flores, 10' },
  });
  assert.deepEqual(parseSlotValue(['text'], 'abcdef', buildContext({ rules: { maxLength: 5 } })), { ok: false, reason: 'too_long' });
  assert.deepEqual(parseSlotValue(['text'], 'ab', buildContext({ rules: { minLength: 3 } })), { ok: false, reason: 'out_of_range' });
  assert.deepEqual(parseSlotValue(['text'], 'abc', buildContext({ rules: { pattern: '^\\d+$' } })), {
    ok: false,
    reason: 'pattern_mismatch',
  });
});

test('says empty for blank replies and never throws on odd input', () => {
  for (const text of ['', '   ', '\n\t', '...'])
    assert.deepEqual(parseSlotValue(['text', 'number'], text, buildContext()), { ok: false, reason: 'empty' });
  const all = slotTypes;
  const odd = ['😀😀😀', '\u0000\u0001\u0002\uFFFD', 'a'.repeat(10_000), '9'.repeat(10_000), '@'.repeat(5000), '1.'.repeat(5000), '\uD800'];
  for (const text of odd) {
    const parsed = parseSlotValue(
      all.filter((type) => type !== 'text'),
      text,
      buildContext({ choices: reasons }),
    );
    assert.equal(parsed.ok, false);
  }
});

test('reads a date and shows it with the weekday in the customer language', () => {
  assert.deepEqual(parseSlotValue(['date'], 'pode ser sexta', buildContext()), {
    ok: true,
    type: 'date',
    value: { value: '2026-11-27', display: 'sexta-feira, 27/11' },
  });
  const english = parseSlotValue(['date'], 'friday', buildContext({ language: 'en' }));
  assert.deepEqual(english, { ok: true, type: 'date', value: { value: '2026-11-27', display: 'Friday, 11/27' } });
  const spanish = parseSlotValue(['date'], 'el viernes', buildContext({ language: 'es' }));
  assert.deepEqual(spanish, { ok: true, type: 'date', value: { value: '2026-11-27', display: 'viernes, 27/11' } });
  assert.deepEqual(parseSlotValue(['date'], 'sexta ou sábado', buildContext()), { ok: false, reason: 'ambiguous' });
  assert.deepEqual(parseSlotValue(['date'], 'quando der', buildContext()), { ok: false, reason: 'not_found' });
});

test('checks future and past rules on dates, today allowed both ways', () => {
  assert.deepEqual(parseSlotValue(['date'], 'ontem', buildContext({ rules: { future: true } })), { ok: false, reason: 'out_of_range' });
  assert.equal(parseSlotValue(['date'], 'hoje', buildContext({ rules: { future: true } })).ok, true);
  assert.deepEqual(parseSlotValue(['date'], 'amanhã', buildContext({ rules: { past: true } })), { ok: false, reason: 'out_of_range' });
  // Looking back, "sexta" is last Friday.
  const delivered = parseSlotValue(['date'], 'chegou sexta', buildContext({ rules: { past: true } }));
  assert.equal(delivered.ok && delivered.value.value, '2026-11-20');
});

test('reads a time, and asks again for a part of the day alone', () => {
  const time = (text: string, language: SlotContext['language'] = 'pt-BR') => parseSlotValue(['time'], text, buildContext({ language }));
  assert.deepEqual(time('às 15h'), { ok: true, type: 'time', value: { value: '15:00', display: '15:00' } });
  assert.deepEqual(time('15:30'), { ok: true, type: 'time', value: { value: '15:30', display: '15:30' } });
  assert.deepEqual(time('3 da tarde'), { ok: true, type: 'time', value: { value: '15:00', display: '15:00' } });
  assert.deepEqual(time('16'), { ok: true, type: 'time', value: { value: '16:00', display: '16:00' } });
  assert.deepEqual(time('3pm', 'en'), { ok: true, type: 'time', value: { value: '15:00', display: '3:00 PM' } });
  assert.deepEqual(time('à tarde'), { ok: false, reason: 'ambiguous' });
  assert.deepEqual(time('25'), { ok: false, reason: 'not_found' });
});

test('reads money with or without a currency, reais by default', () => {
  const money = (text: string, ctx = buildContext()) => parseSlotValue(['money'], text, ctx);
  assert.deepEqual(money('R$ 1.234,56'), { ok: true, type: 'money', value: { value: 1234.56, display: 'R$ 1.234,56' } });
  assert.deepEqual(money('50 reais'), { ok: true, type: 'money', value: { value: 50, display: 'R$ 50,00' } });
  assert.deepEqual(money('1,5 mil'), { ok: true, type: 'money', value: { value: 1500, display: 'R$ 1.500,00' } });
  assert.deepEqual(money('120'), { ok: true, type: 'money', value: { value: 120, display: 'R$ 120,00' } });
  assert.deepEqual(money('$20', buildContext({ language: 'en' })), { ok: true, type: 'money', value: { value: 20, display: '$20.00' } });
  assert.deepEqual(money('20 dólares'), { ok: true, type: 'money', value: { value: 20, display: 'US$ 20,00' } });
  assert.deepEqual(money('R$ 5', buildContext({ rules: { min: 10 } })), { ok: false, reason: 'out_of_range' });
  assert.deepEqual(money('nada'), { ok: false, reason: 'not_found' });
});

test('reads a phone as E.164 with a readable display', () => {
  const phone = (text: string) => parseSlotValue(['phone'], text, buildContext());
  assert.deepEqual(phone('(11) 98765-4321'), { ok: true, type: 'phone', value: { value: '+5511987654321', display: '+55 11 98765-4321' } });
  assert.deepEqual(phone('meu número é 11 8765-4321'), {
    ok: true,
    type: 'phone',
    value: { value: '+5511987654321', display: '+55 11 98765-4321' },
  });
  assert.deepEqual(phone('+55 (21) 3333-4444'), {
    ok: true,
    type: 'phone',
    value: { value: '+552133334444', display: '+55 21 3333-4444' },
  });
  assert.deepEqual(phone('+1 415 555 2671'), { ok: true, type: 'phone', value: { value: '+14155552671', display: '+1 415 555 2671' } });
  assert.deepEqual(phone('12345'), { ok: false, reason: 'not_found' });
});

test('keeps the most telling failure when several types are accepted', () => {
  assert.deepEqual(parseSlotValue(['order_number', 'cpf'], '123.456.789-00', buildContext()), {
    ok: false,
    reason: 'invalid_check_digits',
  });
  assert.deepEqual(parseSlotValue(['cnpj'], '12.345.678/0001-00', buildContext()), { ok: false, reason: 'invalid_check_digits' });
  assert.deepEqual(parseSlotValue(['number', 'email'], 'talvez', buildContext()), { ok: false, reason: 'not_found' });
});
