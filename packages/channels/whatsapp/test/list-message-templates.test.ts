import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelError } from '@fio/channel-kit';
import type { EmulatedTemplate } from '@fio/emulators';
import { countParameters, listMessageTemplates } from '../src/index.ts';
import { startHarness, type Harness } from './fixtures/emulator-harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

test('lists the approved templates with their body, BCP 47 language and parameter count', async () => {
  const templates = await listMessageTemplates(h.ctx);
  assert.deepEqual(
    templates.map((t) => [t.name, t.language, t.category, t.parameterCount]),
    [
      ['retomar_atendimento', 'pt-BR', 'UTILITY', 1],
      ['pedido_atualizacao', 'pt-BR', 'UTILITY', 3],
      ['order_update', 'en-US', 'UTILITY', 2],
    ],
  );
  assert.equal(templates[1]?.body, 'Olá {{1}}! Temos uma novidade sobre o pedido {{2}}: {{3}}.');
  const request = h.emulator.requests.findLast((r) => r.path.endsWith('/message_templates'));
  assert.equal(request?.method, 'GET');
});

test('follows the pages Graph gives until the last one', async () => {
  const many: EmulatedTemplate[] = Array.from({ length: 130 }, (_, i) => ({
    id: String(9_000 + i),
    name: `tpl_${String(i).padStart(3, '0')}`,
    language: 'pt_BR',
    status: 'APPROVED',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: 'Oi {{1}}' }],
  }));
  const paged = await startHarness({ templates: many });
  try {
    const templates = await listMessageTemplates(paged.ctx);
    assert.equal(templates.length, 130);
    assert.equal(new Set(templates.map((t) => t.name)).size, 130);
  } finally {
    await paged.close();
  }
});

test('a refused token is a coded channel error', async () => {
  await assert.rejects(
    listMessageTemplates({ ...h.ctx, secrets: { ...h.ctx.secrets, accessToken: 'wrong' } }),
    (error: unknown) => error instanceof ChannelError && error.code === 'unauthorized',
  );
});

test('counts positional and named parameters', () => {
  assert.equal(countParameters('Olá {{1}}, pedido {{2}}, de novo {{1}}'), 2);
  assert.equal(countParameters('Reserva para {{guests}} em {{day}} ({{day}})'), 2);
  assert.equal(countParameters('Sem parâmetros'), 0);
});
