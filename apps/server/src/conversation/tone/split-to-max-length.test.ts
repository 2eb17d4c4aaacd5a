import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitToMaxLength } from './split-to-max-length.ts';

function assertFits(chunks: string[], max: number): void {
  for (const chunk of chunks) assert.ok(chunk.length <= max, `${chunk.length} > ${max}: ${chunk}`);
}

test('keeps a short text whole, trimmed', () => {
  assert.deepEqual(splitToMaxLength('  Olá!  ', 160), ['Olá!']);
  assert.deepEqual(splitToMaxLength('   ', 160), []);
});

test('cuts at paragraph breaks first and packs paragraphs that fit together', () => {
  const text = 'Primeiro parágrafo curto.\n\nSegundo parágrafo curto.\n\nTerceiro parágrafo, um pouco mais longo que os outros.';
  const chunks = splitToMaxLength(text, 60);
  assert.deepEqual(chunks, [
    'Primeiro parágrafo curto.\n\nSegundo parágrafo curto.',
    'Terceiro parágrafo, um pouco mais longo que os outros.',
  ]);
});

test('cuts a long paragraph at sentence ends', () => {
  const text = 'Aceitamos Pix, boleto e cartão. O cartão pode ser parcelado em até 10x sem juros! Quer saber o prazo? Posso ajudar.';
  const chunks = splitToMaxLength(text, 60);
  assertFits(chunks, 60);
  assert.deepEqual(chunks, [
    'Aceitamos Pix, boleto e cartão.',
    'O cartão pode ser parcelado em até 10x sem juros!',
    'Quer saber o prazo? Posso ajudar.',
  ]);
});

test('cuts a long sentence between words, never inside one', () => {
  const text = 'uma frase bem comprida sem nenhum ponto final que precisa ser cortada em palavras inteiras para caber';
  const chunks = splitToMaxLength(text, 30);
  assertFits(chunks, 30);
  assert.equal(chunks.join(' '), text);
  const words = new Set(text.split(' '));
  for (const chunk of chunks) for (const word of chunk.split(' ')) assert.ok(words.has(word), word);
});

test('cuts inside a word only when the word alone is too long, and never inside an emoji', () => {
  const link = 'https://loja.example/' + 'a'.repeat(50);
  const chunks = splitToMaxLength(`Veja: ${link}`, 20);
  assertFits(chunks, 20);
  assert.equal(chunks[0], 'Veja:');
  assert.equal(chunks.slice(1).join(''), link);
  const emoji = splitToMaxLength('😀😀😀😀😀', 3);
  assert.deepEqual(emoji, ['😀', '😀', '😀', '😀', '😀']);
});

test('keeps line breaks of a list when they fit', () => {
  const text = 'Formas de pagamento:\n- Pix\n- Boleto\n- Cartão em até 10x';
  assert.deepEqual(splitToMaxLength(text, 30), ['Formas de pagamento:\n- Pix', '- Boleto\n- Cartão em até 10x']);
});

test('splits a long realistic answer into SMS-sized pieces that join back to the same words', () => {
  const text = Array.from({ length: 12 }, (_, i) => `Frase número ${i + 1} com algumas palavras a mais.`).join(' ');
  const chunks = splitToMaxLength(text, 160);
  assertFits(chunks, 160);
  assert.ok(chunks.length >= 3);
  assert.equal(chunks.join(' '), text);
});

test('treats a limit below 1 or not a number as no limit', () => {
  assert.deepEqual(splitToMaxLength('abc def', 0), ['abc def']);
  assert.deepEqual(splitToMaxLength('abc def', Number.NaN), ['abc def']);
});
