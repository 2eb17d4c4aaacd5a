import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldText } from './fold-text.ts';

test('lower-cases and strips accents without moving any offset', () => {
  const samples = [
    'Sábado às 15h',
    'AMANHÃ DE MANHÃ',
    'Mañana, miércoles',
    'İstanbul ß',
    'e\u0301 combining',
    '😀 emoji 🎉',
    '\uD800 lone',
  ];
  for (const text of samples) assert.equal(foldText(text).length, text.length, text);
  assert.equal(foldText('Sábado às 15h'), 'sabado as 15h');
  assert.equal(foldText('AMANHÃ DE MANHÃ'), 'amanha de manha');
  assert.equal(foldText('Mañana, miércoles'), 'manana, miercoles');
});
