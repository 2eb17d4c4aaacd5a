import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOptionReply } from '../src/index.ts';

const offered = [
  { id: 'hours', label: 'Horário de atendimento' },
  { id: 'invoice', label: 'Segunda via do boleto' },
  { id: 'agent', label: 'Falar com atendente' },
];

test('maps a bare number to the option when the customer types "1"', () => {
  assert.equal(parseOptionReply('1', offered), 'hours');
  assert.equal(parseOptionReply(' 3 ', offered), 'agent');
});

test('maps a number with punctuation when the customer types "1." or "2)"', () => {
  assert.equal(parseOptionReply('1.', offered), 'hours');
  assert.equal(parseOptionReply('2)', offered), 'invoice');
});

test('maps "opção 2" and its variants when the customer names the option', () => {
  for (const answer of ['opção 2', 'Opcao 2', 'a opção 2', 'option 2', 'opción 2', 'número 2', 'nº 2', '#2']) {
    assert.equal(parseOptionReply(answer, offered), 'invoice', answer);
  }
});

test('maps number words and keycap emoji when a voice or phone keyboard sends them', () => {
  assert.equal(parseOptionReply('dois', offered), 'invoice');
  assert.equal(parseOptionReply('three', offered), 'agent');
  assert.equal(parseOptionReply('uno', offered), 'hours');
  assert.equal(parseOptionReply('3️⃣', offered), 'agent');
});

test('maps the label itself ignoring case, accents and closing punctuation', () => {
  assert.equal(parseOptionReply('horario de atendimento', offered), 'hours');
  assert.equal(parseOptionReply('Falar com atendente!', offered), 'agent');
});

test('maps a copied numbered line when the customer pastes it', () => {
  assert.equal(parseOptionReply('2. Segunda via do boleto', offered), 'invoice');
});

test('returns undefined when the number is out of range or the text names no option', () => {
  assert.equal(parseOptionReply('4', offered), undefined);
  assert.equal(parseOptionReply('0', offered), undefined);
  assert.equal(parseOptionReply('quero falar sobre o boleto 2', offered), undefined);
  assert.equal(parseOptionReply('', offered), undefined);
  assert.equal(parseOptionReply('1', []), undefined);
});

test('returns undefined when the pasted line number and label disagree', () => {
  assert.equal(parseOptionReply('1. Segunda via do boleto', offered), undefined);
});
