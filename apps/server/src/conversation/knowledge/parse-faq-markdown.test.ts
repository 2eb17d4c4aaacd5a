import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FaqReadOptions } from './faq-entry.ts';
import { parseFaqMarkdown } from './parse-faq-markdown.ts';

const options: FaqReadOptions = { languages: ['pt-BR', 'en', 'es'], defaultLanguage: 'pt-BR' };

const document = `# Perguntas frequentes

Texto de introdução que não é de nenhuma pergunta.

## Quais as formas de pagamento? {#payment-methods}
Também: aceita pix? | dá pra parcelar?

Aceitamos **Pix**, boleto e cartão.

- Pix: aprovação na hora
- Boleto: até 2 dias úteis

## Vocês têm loja física?

Sim, na Rua Augusta, 1500.

\`\`\`
## isto é código, não uma pergunta
\`\`\`

# en

## What payment methods do you accept? {#payment-methods}
Also: can I pay with card

We accept Pix, boleto and cards.
`;

test('reads questions, ids, paraphrase lines and Markdown answers, joining languages by id', () => {
  const result = parseFaqMarkdown('faq/loja.md', document, options);
  assert.ok(result.ok, JSON.stringify(result));
  assert.deepEqual(result.entries, [
    {
      id: 'payment-methods',
      question: { 'pt-BR': 'Quais as formas de pagamento?', en: 'What payment methods do you accept?' },
      paraphrases: { 'pt-BR': ['aceita pix?', 'dá pra parcelar?'], en: ['can I pay with card'] },
      answer: {
        'pt-BR': 'Aceitamos **Pix**, boleto e cartão.\n\n- Pix: aprovação na hora\n- Boleto: até 2 dias úteis',
        en: 'We accept Pix, boleto and cards.',
      },
      answerByChannel: {},
      followUps: [],
      source: { file: 'faq/loja.md', line: 5 },
    },
    {
      id: 'voces-tem-loja-fisica',
      question: { 'pt-BR': 'Vocês têm loja física?' },
      paraphrases: {},
      answer: { 'pt-BR': 'Sim, na Rua Augusta, 1500.\n\n```\n## isto é código, não uma pergunta\n```' },
      answerByChannel: {},
      followUps: [],
      source: { file: 'faq/loja.md', line: 13 },
    },
  ]);
});

test('accepts "Tambem:" without accent and in bold, and language names as headings', () => {
  const text =
    '# Español\n\n## ¿Aceptan tarjeta?\n**También:** ¿puedo pagar con tarjeta?\nSí, todas.\n\n# Português\n\n## Aceita cartão? {#aceptan-tarjeta}\nTambem: pode ser no cartão?\n\nSim, todos.\n';
  const result = parseFaqMarkdown('faq/a.md', text, options);
  assert.ok(result.ok, JSON.stringify(result));
  assert.deepEqual(result.entries[0]?.paraphrases, { es: ['¿puedo pagar con tarjeta?'], 'pt-BR': ['pode ser no cartão?'] });
  assert.deepEqual(result.entries[0]?.answer, { es: 'Sí, todas.', 'pt-BR': 'Sim, todos.' });
});

test('names the line of a question without answer, a bad id and a repeated question', () => {
  const text = '## Sem resposta?\n\n## Com id ruim {#Id Ruim}\nResposta.\n\n## Oi? {#oi}\nOlá.\n\n## Oi de novo? {#oi}\nOlá de novo.\n';
  const result = parseFaqMarkdown('faq/a.md', text, options);
  assert.ok(!result.ok);
  assert.deepEqual(
    result.errors.map((error) => [error.line, error.field]),
    [
      [1, 'answer'],
      [3, 'id'],
      [9, 'id'],
    ],
  );
});

test('an English-only file in a pt-BR workspace lacks the default-language answer', () => {
  const result = parseFaqMarkdown('faq/a.md', '# en\n\n## Hi?\nHello.\n', options);
  assert.ok(!result.ok);
  assert.equal(result.errors[0]?.line, 3);
  assert.match(result.errors[0]?.message ?? '', /missing text for the default language pt-BR/);
});

test('a language heading for a language the workspace lacks is an error on its entries', () => {
  const result = parseFaqMarkdown('faq/a.md', '## Oi?\nOlá.\n\n# es\n\n## ¿Hola? {#oi}\nHola.\n', {
    languages: ['pt-BR'],
    defaultLanguage: 'pt-BR',
  });
  assert.ok(!result.ok);
  assert.equal(result.errors.length, 2);
  assert.ok(result.errors.every((error) => error.line === 6));
});

test('finds the paraphrase line after a blank line too, and leaves a later "Também:" in the answer', () => {
  const text = '## Aceita pix?\n\nTambém: pode ser no pix? | pix\n\nSim.\n\nTambém: boleto.\n';
  const result = parseFaqMarkdown('faq/a.md', text, options);
  assert.ok(result.ok, JSON.stringify(result));
  assert.deepEqual(result.entries[0]?.paraphrases, { 'pt-BR': ['pode ser no pix?', 'pix'] });
  assert.equal(result.entries[0]?.answer['pt-BR'], 'Sim.\n\nTambém: boleto.');
});
