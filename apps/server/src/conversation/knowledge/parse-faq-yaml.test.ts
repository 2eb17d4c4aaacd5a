import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FaqReadOptions } from './faq-entry.ts';
import { parseFaqYaml } from './parse-faq-yaml.ts';

const options: FaqReadOptions = { languages: ['pt-BR', 'en'], defaultLanguage: 'pt-BR' };

const valid = `entries:
  - id: payment-methods
    question: { pt-BR: Quais as formas de pagamento?, en: What payment methods do you accept? }
    paraphrases: { pt-BR: [aceita pix?, dá pra parcelar?], en: [can I pay with card] }
    answer:
      pt-BR: Aceitamos Pix, boleto e cartão em até 10x sem juros.
      en: We accept Pix, boleto and cards.
    answerByChannel:
      sms: { pt-BR: 'Pix, boleto ou cartão (até 10x).' }
    link: https://loja.example/pagamento
    followUps:
      - { label: { pt-BR: Ver prazo de entrega, en: Delivery time }, payload: 'faq:delivery-time' }
  - id: delivery-time
    question: { pt-BR: Qual o prazo de entrega? }
    answer: { pt-BR: De 2 a 5 dias úteis. }
`;

test('reads entries with every field and records the line each starts on', () => {
  const result = parseFaqYaml('faq/loja.yaml', valid, options);
  assert.ok(result.ok, JSON.stringify(result));
  const [payment, delivery] = result.entries;
  assert.deepEqual(payment, {
    id: 'payment-methods',
    question: { 'pt-BR': 'Quais as formas de pagamento?', en: 'What payment methods do you accept?' },
    paraphrases: { 'pt-BR': ['aceita pix?', 'dá pra parcelar?'], en: ['can I pay with card'] },
    answer: { 'pt-BR': 'Aceitamos Pix, boleto e cartão em até 10x sem juros.', en: 'We accept Pix, boleto and cards.' },
    answerByChannel: { sms: { 'pt-BR': 'Pix, boleto ou cartão (até 10x).' } },
    link: 'https://loja.example/pagamento',
    followUps: [{ label: { 'pt-BR': 'Ver prazo de entrega', en: 'Delivery time' }, payload: 'faq:delivery-time' }],
    source: { file: 'faq/loja.yaml', line: 2 },
  });
  assert.deepEqual(delivery, {
    id: 'delivery-time',
    question: { 'pt-BR': 'Qual o prazo de entrega?' },
    paraphrases: {},
    answer: { 'pt-BR': 'De 2 a 5 dias úteis.' },
    answerByChannel: {},
    followUps: [],
    source: { file: 'faq/loja.yaml', line: 13 },
  });
});

test('refuses an answer without the default language, naming file, line and field', () => {
  const result = parseFaqYaml('faq/a.yaml', 'entries:\n  - id: x\n    question: { en: Hi? }\n    answer:\n      en: Hello\n', options);
  assert.deepEqual(result, {
    ok: false,
    errors: [
      { file: 'faq/a.yaml', line: 5, column: 7, field: 'entries[0].answer', message: 'missing text for the default language pt-BR' },
    ],
  });
});

test('refuses text in a language the workspace does not speak', () => {
  const text = 'entries:\n  - id: x\n    question: { pt-BR: Oi?, es: ¿Hola? }\n    answer: { pt-BR: Olá }\n';
  const result = parseFaqYaml('faq/a.yaml', text, options);
  assert.equal(result.ok, false);
  assert.ok(!result.ok);
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0]?.field, 'entries[0].question.es');
  assert.equal(result.errors[0]?.line, 3);
  assert.match(result.errors[0]?.message ?? '', /language es is not in the workspace's languages/);
});

test('refuses follow-up payloads the engine does not understand, and unknown intents or flows when told them', () => {
  const text = `entries:
  - id: x
    question: { pt-BR: Oi? }
    answer: { pt-BR: Olá }
    followUps:
      - { label: { pt-BR: A }, payload: 'choice:yes' }
      - { label: { pt-BR: B }, payload: 'intent:order_status' }
      - { label: { pt-BR: C }, payload: 'flow:returns' }
      - { label: { pt-BR: D }, payload: 'faq:x' }
`;
  const result = parseFaqYaml('faq/a.yaml', text, { ...options, intents: ['greet'], flows: ['order-status'] });
  assert.ok(!result.ok);
  assert.deepEqual(
    result.errors.map((error) => [error.line, error.field, error.message]),
    [
      [6, 'entries[0].followUps[0].payload', 'payload "choice:yes" must be faq:ID, intent:NAME or flow:ID'],
      [7, 'entries[0].followUps[1].payload', 'unknown intent "order_status"'],
      [8, 'entries[0].followUps[2].payload', 'unknown flow "returns"'],
      [9, 'entries[0].followUps[3].payload', 'follow-up points at its own entry "x"'],
    ],
  );
});

test('reports shape errors with their place: bad id, unknown key, bad link, unknown channel', () => {
  const text = `entries:
  - id: Formas de Pagamento
    question: { pt-BR: Oi? }
    answer: { pt-BR: Olá }
    anwser: typo
    link: ftp://x.example
    answerByChannel: { fax: { pt-BR: x } }
`;
  const result = parseFaqYaml('faq/a.yaml', text, options);
  assert.ok(!result.ok);
  const fields = result.errors.map((error) => `${error.line}:${error.field}`);
  assert.deepEqual(
    fields.sort(),
    ['2:entries[0].id', '5:entries[0].anwser', '6:entries[0].link', '7:entries[0].answerByChannel.fax'].sort(),
  );
});

test('reports YAML syntax errors and a file without entries', () => {
  const broken = parseFaqYaml('faq/a.yaml', 'entries:\n  - id: [unclosed\n', options);
  assert.ok(!broken.ok);
  assert.match(broken.errors[0]?.message ?? '', /YAML syntax error/);
  const empty = parseFaqYaml('faq/a.yaml', 'entries: []\n', options);
  assert.ok(!empty.ok);
  assert.equal(empty.errors[0]?.message, 'list at least one entry');
});
