import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readWorkspaceIntents } from './read-workspace-intents.ts';

function buildWorkspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fio-intents-'));
  if (Object.keys(files).length > 0) mkdirSync(join(dir, 'intents'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'intents', name), text);
  return dir;
}

describe('readWorkspaceIntents', () => {
  it('reads one intent per file with examples per language', async () => {
    const dir = buildWorkspace({
      'order-status.yaml':
        'intent: order_status\nexamples:\n  pt-BR: [cadê meu pedido, meu pedido não chegou]\n  en: [where is my order]\n',
      'greeting.yml': 'intent: greeting\nexamples:\n  es: [hola]\n',
    });
    const result = await readWorkspaceIntents(dir);
    assert.ok(result.ok);
    assert.deepEqual(result.examples, [
      { text: 'hola', intent: 'greeting' },
      { text: 'cadê meu pedido', intent: 'order_status' },
      { text: 'meu pedido não chegou', intent: 'order_status' },
      { text: 'where is my order', intent: 'order_status' },
    ]);
  });

  it('fails with a clear message when the workspace has no intents folder or no files in it', async () => {
    const result = await readWorkspaceIntents(buildWorkspace({}));
    assert.ok(!result.ok);
    assert.match(result.errors[0]!.message, /no intents folder; add one YAML file per intent/);
    const empty = buildWorkspace({ 'README.md': 'nothing' });
    const second = await readWorkspaceIntents(empty);
    assert.ok(!second.ok);
    assert.match(second.errors[0]!.message, /has no \.yaml files/);
  });

  it('names file, line and field of a bad intent file and of a duplicate intent', async () => {
    const dir = buildWorkspace({
      'a.yaml': 'intent: greeting\nexamples:\n  pt-BR: [oi]\n',
      'b.yaml': 'intent: greeting\nexamples:\n  pt-BR: [olá]\n',
      'c.yaml': 'intent: Bad Name\nexamples:\n  fr: [salut]\n',
    });
    const result = await readWorkspaceIntents(dir);
    assert.ok(!result.ok);
    const where = result.errors.map((e) => `${e.file.split('/').pop()}:${e.line} ${e.field}`);
    assert.ok(where.includes('b.yaml:1 intent'), where.join(', '));
    assert.ok(where.includes('c.yaml:1 intent'), where.join(', '));
    assert.ok(
      where.some((w) => w.startsWith('c.yaml:3 examples')),
      where.join(', '),
    );
  });
});
