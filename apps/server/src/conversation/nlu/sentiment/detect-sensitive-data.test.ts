import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectSensitiveData, type SensitiveKind } from './detect-sensitive-data.ts';
import { redactSensitive } from './redact-sensitive.ts';

function found(text: string): [SensitiveKind, string, boolean][] {
  return detectSensitiveData(text, 'pt-BR').map((span) => [span.kind, text.slice(span.start, span.end), span.disclosed]);
}

test('finds Luhn-valid card numbers written in any grouping', () => {
  assert.deepEqual(found('meu cartão é 4111 1111 1111 1111'), [['credit_card', '4111 1111 1111 1111', true]]);
  assert.deepEqual(found('5555-5555-5555-4444 validade 12/28'), [['credit_card', '5555-5555-5555-4444', true]]);
  assert.deepEqual(found('amex 378282246310005'), [['credit_card', '378282246310005', true]]);
  assert.deepEqual(found('cartão 4111111111111112'), [], 'fails Luhn');
});

test('leaves CPF, CNPJ, phones, order numbers and boletos alone', () => {
  for (const text of [
    'meu cpf é 123.456.789-09',
    'cpf 12345678909',
    'CNPJ 11222333000181',
    'CNPJ 11.222.333/0001-81',
    'me liga no +55 11 98765-4321',
    '5511987654321',
    'pedido 123456',
    'boleto 23793.38128 60007.827136 95000.063305 9 84410000026000',
    'meu e-mail é ana@example.com',
    'CEP 01310-100',
  ]) {
    assert.deepEqual(found(text), [], text);
  }
});

test('finds a password someone sends, not a password someone talks about', () => {
  assert.deepEqual(found('minha senha é Gato@2024'), [['password', 'Gato@2024', true]]);
  assert.deepEqual(found('minha senha é gatinho'), [['password', 'gatinho', true]]);
  assert.deepEqual(found('senha: gatinho'), [['password', 'gatinho', true]]);
  assert.deepEqual(detectSensitiveData('my password is hunter2', 'en').length, 1);
  assert.deepEqual(detectSensitiveData('mi contraseña es Perro123', 'es').length, 1);
  for (const text of [
    'esqueci minha senha',
    'a senha é muito fraca',
    'minha senha é a mesma',
    'qual senha e email uso?',
    'a senha está errada',
    'my password is wrong',
  ]) {
    assert.deepEqual(found(text), [], text);
  }
});

test('finds card security codes', () => {
  assert.deepEqual(found('cvv 123'), [['card_security_code', '123', true]]);
  assert.deepEqual(found('o código de segurança é 4321'), [['card_security_code', '4321', true]]);
  assert.deepEqual(found('os números de trás são 987'), [['card_security_code', '987', true]]);
  assert.deepEqual(found('4111 1111 1111 1111 cvv: 123'), [
    ['credit_card', '4111 1111 1111 1111', true],
    ['card_security_code', '123', true],
  ]);
});

test('finds bank accounts in Brazilian, English and Spanish wording and IBANs', () => {
  assert.deepEqual(found('ag 1234 cc 56789-0'), [['bank_account', 'ag 1234 cc 56789-0', true]]);
  assert.deepEqual(found('agência 0001, conta corrente 123456-7'), [['bank_account', 'agência 0001, conta corrente 123456-7', true]]);
  assert.equal(detectSensitiveData('account number 12345678', 'en')[0]?.kind, 'bank_account');
  assert.equal(detectSensitiveData('mi CLABE es 012180015555555555', 'es')[0]?.kind, 'bank_account');
  assert.deepEqual(found('IBAN DE89 3704 0044 0532 0130 00'), [['bank_account', 'DE89 3704 0044 0532 0130 00', true]]);
  assert.deepEqual(found('IBAN DE89 3704 0044 0532 0130 01'), [], 'bad IBAN check digits');
});

test('marks an offer to send a secret as not disclosed', () => {
  assert.deepEqual(found('posso mandar o número do cartão aqui?'), [['credit_card', 'posso mandar o número do cartão', false]]);
  assert.deepEqual(found('preciso passar minha senha?'), [['password', 'preciso passar minha senha', false]]);
  assert.equal(detectSensitiveData('can I send you my card number here?', 'en')[0]?.disclosed, false);
  assert.equal(detectSensitiveData('¿puedo enviarte mi contraseña?', 'es')[0]?.kind, 'password');
});

test('checks every language whatever the detected one', () => {
  assert.equal(detectSensitiveData('my password is hunter2', 'pt-BR').length, 1);
});

test("redacts disclosed secrets, keeping a card number's last four digits", () => {
  const text = 'cartão 4111 1111 1111 1111 cvv 123 e minha senha é Gato@2024';
  assert.equal(redactSensitive(text, detectSensitiveData(text, 'pt-BR')), 'cartão •••• •••• •••• 1111 cvv •••• e minha senha é ••••');
  const offer = 'posso mandar o número do cartão aqui?';
  assert.equal(redactSensitive(offer, detectSensitiveData(offer, 'pt-BR')), offer);
});

test('redacts without throwing on spans out of range, reversed or overlapping', () => {
  assert.equal(redactSensitive('abc', [{ start: -5, end: 99 }]), '••••');
  assert.equal(
    redactSensitive('abcdef', [
      { start: 4, end: 2 },
      { start: Number.NaN, end: 3 },
    ]),
    'abcdef',
  );
  assert.equal(
    redactSensitive('abcdef', [
      { start: 0, end: 3 },
      { start: 2, end: 5 },
    ]),
    '••••def',
  );
  assert.equal(redactSensitive('', []), '');
});

test('never throws on odd input', () => {
  for (const text of ['', '0'.repeat(5000), '4'.repeat(19), 'senha:', 'senha é', 'cvv', '\u0000 constructor __proto__']) {
    assert.ok(Array.isArray(detectSensitiveData(text, 'pt-BR')));
  }
});
