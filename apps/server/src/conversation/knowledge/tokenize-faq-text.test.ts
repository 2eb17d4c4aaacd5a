import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stemWord } from './stem-word.ts';
import { tokenizeFaqText } from './tokenize-faq-text.ts';

test('drops greetings and stop words, expands chat shorthand, keeps question words and "nao"', () => {
  assert.deepEqual(tokenizeFaqText('Oi, bom dia! Vcs aceitam PIX?', 'pt-BR').words, ['aceitam', 'pix']);
  assert.deepEqual(tokenizeFaqText('qdo chega meu pedido?', 'pt-BR').words, ['quando', 'chega', 'pedido']);
  assert.deepEqual(tokenizeFaqText('não recebi', 'pt-BR').words, ['nao', 'recebi']);
  assert.deepEqual(tokenizeFaqText('hi, can u ship to Lisbon?', 'en').words, ['ship', 'lisbon']);
});

test('stems the forms of a word together in pt-BR, en and es', () => {
  const same = (words: string[], language: 'pt-BR' | 'en' | 'es'): void => {
    const stems = new Set(words.map((word) => stemWord(word, language)));
    assert.equal(stems.size, 1, `${words.join(', ')} → ${[...stems].join(', ')}`);
  };
  same(['parcelar', 'parcelado', 'parcelas', 'parcela'], 'pt-BR');
  same(['cancelar', 'cancelamento', 'cancela', 'cancelado'], 'pt-BR');
  same(['pedido', 'pedidos'], 'pt-BR');
  same(['devolucao', 'devolucoes'], 'pt-BR');
  same(['ship', 'ships', 'shipped', 'shipping'], 'en');
  same(['refund', 'refunds', 'refunded'], 'en');
  same(['envio', 'envios'], 'es');
  same(['devolucion', 'devoluciones'], 'es');
});

test('never cuts short words or numbers', () => {
  assert.equal(stemWord('pix', 'pt-BR'), 'pix');
  assert.equal(stemWord('00x', 'pt-BR'), '00x');
  assert.equal(stemWord('sms', 'en'), 'sms');
});
