import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FaqReadOptions } from './faq-entry.ts';
import { parseFaqCsv } from './parse-faq-csv.ts';

const options: FaqReadOptions = { languages: ['pt-BR', 'en'], defaultLanguage: 'pt-BR' };

test('joins the rows of one id into one entry across languages, with paraphrases split on |', () => {
  const text = [
    'id,language,question,answer,paraphrases,link',
    'payment-methods,pt-BR,Quais as formas de pagamento?,"Aceitamos Pix, boleto e cartão.",aceita pix? | dá pra parcelar?,https://loja.example/pagamento',
    'payment-methods,en,What payment methods do you accept?,"We accept Pix, boleto and cards.",can I pay with card,',
    '',
    'delivery-time,,Qual o prazo de entrega?,"De 2 a 5 dias úteis,',
    'nas capitais.",,',
  ].join('\n');
  const result = parseFaqCsv('faq/loja.csv', text, options);
  assert.ok(result.ok, JSON.stringify(result));
  assert.deepEqual(result.entries, [
    {
      id: 'payment-methods',
      question: { 'pt-BR': 'Quais as formas de pagamento?', en: 'What payment methods do you accept?' },
      paraphrases: { 'pt-BR': ['aceita pix?', 'dá pra parcelar?'], en: ['can I pay with card'] },
      answer: { 'pt-BR': 'Aceitamos Pix, boleto e cartão.', en: 'We accept Pix, boleto and cards.' },
      answerByChannel: {},
      link: 'https://loja.example/pagamento',
      followUps: [],
      source: { file: 'faq/loja.csv', line: 2 },
    },
    {
      id: 'delivery-time',
      question: { 'pt-BR': 'Qual o prazo de entrega?' },
      paraphrases: {},
      answer: { 'pt-BR': 'De 2 a 5 dias úteis,\nnas capitais.' },
      answerByChannel: {},
      followUps: [],
      source: { file: 'faq/loja.csv', line: 5 },
    },
  ]);
});

test('reads the ; separator of a pt-BR spreadsheet export, a BOM, and makes ids from questions when the column is empty', () => {
  const text = '\uFEFFid;language;question;answer\n;pt-BR;Vocês têm loja física?;Sim, na Rua Augusta.\n';
  const result = parseFaqCsv('faq/loja.csv', text, options);
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.entries[0]?.id, 'voces-tem-loja-fisica');
  assert.equal(result.entries[0]?.answer['pt-BR'], 'Sim, na Rua Augusta.');
});

test('refuses unknown and missing columns in the header', () => {
  const result = parseFaqCsv('faq/a.csv', 'id,lang,question\nx,pt-BR,Oi?\n', options);
  assert.ok(!result.ok);
  assert.deepEqual(
    result.errors.map((error) => [error.line, error.field]),
    [
      [1, 'lang'],
      [1, 'answer'],
    ],
  );
});

test('names the line of bad rows: empty answer, unknown language, duplicate language, conflicting link, wrong field count', () => {
  const text = [
    'id,language,question,answer,link',
    'a,pt-BR,Oi?,,',
    'b,fr,Salut?,Bonjour,',
    'c,pt-BR,Oi?,Olá,https://x.example/1',
    'c,pt-BR,Oi de novo?,Olá,',
    'c,en,Hi?,Hello,https://x.example/2',
    'd,pt-BR,Oi?',
  ].join('\n');
  const result = parseFaqCsv('faq/a.csv', text, options);
  assert.ok(!result.ok);
  assert.deepEqual(
    result.errors.map((error) => [error.line, error.field]),
    [
      [2, 'answer'],
      [3, 'language'],
      [5, 'language'],
      [6, 'link'],
      [7, ''],
    ],
  );
});

test('an entry with rows only in another language misses the default-language answer', () => {
  const result = parseFaqCsv('faq/a.csv', 'id,language,question,answer\nx,en,Hi?,Hello\n', options);
  assert.ok(!result.ok);
  assert.equal(result.errors[0]?.line, 2);
  assert.equal(result.errors[0]?.field, 'answer');
  assert.match(result.errors[0]?.message ?? '', /missing text for the default language pt-BR/);
});

test('reports a CSV syntax error with its line instead of throwing', () => {
  const result = parseFaqCsv('faq/a.csv', 'id,language,question,answer\nx,pt-BR,"Oi?,Olá\n', options);
  assert.ok(!result.ok);
  assert.equal(result.errors[0]?.line, 2);
  assert.match(result.errors[0]?.message ?? '', /CSV syntax error/);
  const empty = parseFaqCsv('faq/a.csv', '', options);
  assert.ok(!empty.ok);
  assert.match(empty.errors[0]?.message ?? '', /empty file/);
});
