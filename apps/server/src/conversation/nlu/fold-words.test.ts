import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldWords } from './fold-words.ts';

test('splits a text into lower-case words without accents or punctuation', () => {
  assert.deepEqual(foldWords('Quais as formas de PAGAMENTO?'), ['quais', 'as', 'formas', 'de', 'pagamento']);
  assert.deepEqual(foldWords('  Você já pagou R$ 10,50 — né?! '), ['voce', 'ja', 'pagou', 'r', '10', '50', 'ne']);
  assert.deepEqual(foldWords('¿Dónde está mi pedido #123456?'), ['donde', 'esta', 'mi', 'pedido', '123456']);
});

test('gives no words for text with no letters or digits it keeps', () => {
  assert.deepEqual(foldWords(''), []);
  assert.deepEqual(foldWords(' ?! 👍 '), []);
  assert.deepEqual(foldWords('Привет'), []);
});
