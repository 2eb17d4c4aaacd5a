import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FaqReadOptions } from './faq-entry.ts';
import { readWorkspaceFaq } from './read-workspace-faq.ts';

const options: FaqReadOptions = { languages: ['pt-BR', 'en'], defaultLanguage: 'pt-BR' };

async function withWorkspace(files: Record<string, string>, run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'fio-faq-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      await mkdir(join(dir, 'faq'), { recursive: true });
      await writeFile(join(dir, 'faq', name), text);
    }
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('a workspace without a faq/ folder has no FAQ, and that is fine', async () => {
  await withWorkspace({}, async (dir) => {
    assert.deepEqual(await readWorkspaceFaq(dir, options), { ok: true, entries: [] });
  });
});

test('reads YAML, CSV and Markdown files in name order and ignores other files', async () => {
  const files = {
    'b-pagamento.yaml':
      "entries:\n  - id: payment-methods\n    question: { pt-BR: Quais as formas de pagamento? }\n    answer: { pt-BR: Pix e cartão. }\n    followUps:\n      - { label: { pt-BR: Loja }, payload: 'faq:loja' }\n",
    'a-entrega.csv': 'id,language,question,answer\ndelivery-time,pt-BR,Qual o prazo?,2 a 5 dias.\n',
    'c-loja.md': '## Vocês têm loja? {#loja}\nSim.\n',
    'notes.txt': 'not a FAQ',
  };
  await withWorkspace(files, async (dir) => {
    const result = await readWorkspaceFaq(dir, options);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(
      result.entries.map((entry) => [
        entry.id,
        entry.source.file.endsWith(entry.id === 'loja' ? 'c-loja.md' : entry.id === 'delivery-time' ? 'a-entrega.csv' : 'b-pagamento.yaml'),
      ]),
      [
        ['delivery-time', true],
        ['payment-methods', true],
        ['loja', true],
      ],
    );
  });
});

test('refuses an id used in two files, pointing at the second and naming the first', async () => {
  const files = {
    'a.csv': 'id,language,question,answer\nloja,pt-BR,Tem loja?,Sim.\n',
    'b.md': '# pt-BR\n\n## Onde fica a loja? {#loja}\nNa Rua Augusta.\n',
  };
  await withWorkspace(files, async (dir) => {
    const result = await readWorkspaceFaq(dir, options);
    assert.ok(!result.ok);
    assert.equal(result.errors.length, 1);
    const [error] = result.errors;
    assert.equal(error?.file, join(dir, 'faq', 'b.md'));
    assert.equal(error?.line, 3);
    assert.equal(error?.message, `FAQ id "loja" is already used at ${join(dir, 'faq', 'a.csv')}:2`);
  });
});

test('refuses a faq: follow-up to an entry no file defines, at the line of the payload', async () => {
  const yaml =
    "entries:\n  - id: payment-methods\n    question: { pt-BR: Pagamento? }\n    answer: { pt-BR: Pix. }\n    followUps:\n      - { label: { pt-BR: Prazo }, payload: 'faq:delivery-time' }\n";
  await withWorkspace({ 'faq.yaml': yaml }, async (dir) => {
    const result = await readWorkspaceFaq(dir, options);
    assert.ok(!result.ok);
    assert.deepEqual(result.errors, [
      {
        file: join(dir, 'faq', 'faq.yaml'),
        line: 6,
        column: 45,
        field: 'entries[0].followUps[0].payload',
        message: 'no FAQ entry has the id "delivery-time"',
      },
    ]);
  });
});

test('collects the errors of every file rather than stopping at the first', async () => {
  const files = { 'a.yaml': 'entries: [', 'b.csv': 'id,question\nx,Oi?\n' };
  await withWorkspace(files, async (dir) => {
    const result = await readWorkspaceFaq(dir, options);
    assert.ok(!result.ok);
    assert.deepEqual([...new Set(result.errors.map((error) => error.file))], [join(dir, 'faq', 'a.yaml'), join(dir, 'faq', 'b.csv')]);
  });
});

test('reads the store fixture workspace: 15 entries, the first from line 3 of store.yaml', async () => {
  const dir = fileURLToPath(new URL('../../../test/knowledge/fixtures/store', import.meta.url));
  const result = await readWorkspaceFaq(dir, options);
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.entries.length, 15);
  assert.deepEqual(result.entries[0]?.source, { file: join(dir, 'faq', 'store.yaml'), line: 3 });
});
