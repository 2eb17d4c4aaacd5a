import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FaqEntry } from './faq-entry.ts';
import { pickFaqAnswer } from './pick-faq-answer.ts';
import { pickFaqQuestion } from './pick-faq-question.ts';

function buildEntry(overrides: Partial<FaqEntry> = {}): FaqEntry {
  return {
    id: 'payment-methods',
    question: { 'pt-BR': 'Quais as formas de pagamento?', en: 'What payment methods do you accept?' },
    paraphrases: {},
    answer: { 'pt-BR': 'Aceitamos Pix, boleto e cartão.', en: 'We accept Pix, boleto and cards.' },
    answerByChannel: { sms: { 'pt-BR': 'Pix, boleto ou cartão.' } },
    followUps: [],
    source: { file: 'faq/a.yaml', line: 2 },
    ...overrides,
  };
}

test('picks the channel version in the language, else the general answer in the language', () => {
  const entry = buildEntry();
  assert.equal(pickFaqAnswer(entry, 'pt-BR', 'sms', 'pt-BR'), 'Pix, boleto ou cartão.');
  assert.equal(pickFaqAnswer(entry, 'pt-BR', 'whatsapp', 'pt-BR'), 'Aceitamos Pix, boleto e cartão.');
  assert.equal(pickFaqAnswer(entry, 'pt-BR', undefined, 'pt-BR'), 'Aceitamos Pix, boleto e cartão.');
  // The customer's language beats the channel's short version in another language.
  assert.equal(pickFaqAnswer(entry, 'en', 'sms', 'pt-BR'), 'We accept Pix, boleto and cards.');
});

test('falls back to the fallback language when the entry lacks the customer language', () => {
  const entry = buildEntry();
  assert.equal(pickFaqAnswer(entry, 'es', undefined, 'pt-BR'), 'Aceitamos Pix, boleto e cartão.');
  assert.equal(pickFaqAnswer(entry, 'es', 'sms', 'pt-BR'), 'Pix, boleto ou cartão.');
  assert.equal(
    pickFaqAnswer(buildEntry({ answer: { en: 'Only English.' }, answerByChannel: {} }), 'es', undefined, 'pt-BR'),
    'Only English.',
  );
});

test('adds the link on its own line unless the answer already carries it', () => {
  const link = 'https://loja.example/pagamento';
  assert.equal(pickFaqAnswer(buildEntry({ link }), 'pt-BR', undefined, 'pt-BR'), `Aceitamos Pix, boleto e cartão.\n${link}`);
  const carried = buildEntry({ link, answer: { 'pt-BR': `Veja ${link}.` } });
  assert.equal(pickFaqAnswer(carried, 'pt-BR', undefined, 'pt-BR'), `Veja ${link}.`);
});

test('names an entry by its question in the language, the fallback, then its id', () => {
  assert.equal(pickFaqQuestion(buildEntry(), 'en', 'pt-BR'), 'What payment methods do you accept?');
  assert.equal(pickFaqQuestion(buildEntry(), 'es', 'pt-BR'), 'Quais as formas de pagamento?');
  assert.equal(pickFaqQuestion(buildEntry({ question: {} }), 'es', 'pt-BR'), 'payment-methods');
});
