import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findNumberWords } from './find-number-words.ts';

const values = (text: string, language: 'pt-BR' | 'en' | 'es') => findNumberWords(text, language).map((match) => match.value);

test('reads compound numbers in the three languages', () => {
  assert.deepEqual(values('vinte e cinco', 'pt-BR'), [25]);
  assert.deepEqual(values('cento e vinte e tres', 'pt-BR'), [123]);
  assert.deepEqual(values('mil e quinhentos', 'pt-BR'), [1500]);
  assert.deepEqual(values('dois mil e vinte e seis', 'pt-BR'), [2026]);
  assert.deepEqual(values('twenty-five', 'en'), [25]);
  assert.deepEqual(values('three hundred and twelve', 'en'), [312]);
  assert.deepEqual(values('two thousand', 'en'), [2000]);
  assert.deepEqual(values('veinticinco', 'es'), [25]);
  assert.deepEqual(values('doscientos treinta y dos', 'es'), [232]);
});

test('starts a new number when a word cannot continue the last', () => {
  assert.deepEqual(values('tres dois', 'pt-BR'), [3, 2]);
  assert.deepEqual(values('dez e cinco', 'pt-BR'), [15]);
  assert.deepEqual(values('vinte quinze', 'pt-BR'), [20, 15]);
});

test('marks a lone "um"/"una" as a possible article', () => {
  assert.deepEqual(
    findNumberWords('quero um pedido', 'pt-BR').map((match) => match.article),
    [true],
  );
  assert.deepEqual(
    findNumberWords('una pregunta', 'es').map((match) => match.article),
    [true],
  );
  assert.deepEqual(
    findNumberWords('vinte e um', 'pt-BR').map((match) => [match.value, match.article]),
    [[21, false]],
  );
});
