import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FaqEntry } from './faq-entry.ts';
import { faqTrainingExamples } from './faq-training-examples.ts';

test('labels every question and paraphrase of every language faq:<id>, once each', () => {
  const entry: FaqEntry = {
    id: 'payment-methods',
    question: { 'pt-BR': 'Quais as formas de pagamento?', en: 'Payment methods?' },
    paraphrases: { 'pt-BR': ['aceita pix?', ' Aceita Pix? ', 'dá pra parcelar?'], en: ['can I pay with card'] },
    answer: { 'pt-BR': 'Pix.' },
    answerByChannel: {},
    followUps: [],
    source: { file: 'faq/a.yaml', line: 2 },
  };
  assert.deepEqual(faqTrainingExamples([entry]), [
    { text: 'Quais as formas de pagamento?', intent: 'faq:payment-methods' },
    { text: 'Payment methods?', intent: 'faq:payment-methods' },
    { text: 'aceita pix?', intent: 'faq:payment-methods' },
    { text: 'dá pra parcelar?', intent: 'faq:payment-methods' },
    { text: 'can I pay with card', intent: 'faq:payment-methods' },
  ]);
});
