import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelType } from '@fio/contracts';
import { createChannelCatalog } from '../../src/channels/channel-catalog.ts';
import { loadBotContent } from '../../src/conversation/engine/load-bot-content.ts';
import { loadWorkspace, type ChannelSchemas } from '../../src/workspace/index.ts';

const demoDir = new URL('../../../../workspaces/demo', import.meta.url).pathname;
const channelSchemas = new Map<ChannelType, ChannelSchemas>(
  [...createChannelCatalog()].map(([type, adapter]) => [
    type,
    { configSchema: adapter.definition.configSchema, secretsSchema: adapter.definition.secretsSchema },
  ]),
);

/** A copy of the demo workspace with its workspace.yaml rewritten by `edit`. */
function demoCopy(edit: (yaml: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fio-teams-'));
  cpSync(demoDir, dir, { recursive: true });
  const file = join(dir, 'workspace.yaml');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return dir;
}

test('loads the demo teams: atendimento round robin, vendas least busy, financeiro restricted', async () => {
  const result = await loadWorkspace(demoDir, { env: {}, channelSchemas });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  const teams = result.workspace.teams ?? [];
  const byKey = new Map(teams.map((t) => [t.key, t]));
  assert.equal(byKey.get('atendimento')?.routing, 'round_robin');
  assert.equal(byKey.get('vendas')?.routing, 'least_busy');
  assert.equal(byKey.get('financeiro')?.restricted, true);
  assert.equal(result.workspace.escalation.team, 'atendimento');
});

test('refuses an escalation team that teams: does not declare, naming file, line and field', async () => {
  const dir = demoCopy((yaml) => yaml.replace(/^( {2}team:) atendimento$/m, '$1 cobranca'));
  try {
    const result = await loadWorkspace(dir, { env: {}, channelSchemas });
    assert.ok(!result.ok);
    const error = result.errors.find((e) => e.field === 'escalation.team');
    assert.ok(error, JSON.stringify(result.errors));
    assert.match(error.file, /workspace\.yaml$/);
    assert.ok(error.line > 1);
    assert.match(error.message, /no team "cobranca"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('refuses a flow handoff to an undeclared team, and accepts any team when teams: is not declared', async () => {
  const dir = demoCopy((yaml) => yaml.replace(/ {2}- key: logistica\n(?: {4}.*\n)+/, ''));
  try {
    const workspace = await loadWorkspace(dir, { env: {}, channelSchemas });
    assert.ok(workspace.ok, JSON.stringify(!workspace.ok && workspace.errors));
    const content = await loadBotContent(dir, workspace.workspace, {});
    assert.ok(!content.ok);
    const error = content.errors.find((e) => /no team "logistica"/.test(e.message));
    assert.ok(error, JSON.stringify(content.errors));
    assert.match(error.file, /cancel-order\.yaml$/);
    assert.match(error.field, /^steps\[\d+\]\.handoff\.team$/);

    const { teams: _teams, ...undeclared } = workspace.workspace;
    const free = await loadBotContent(dir, undeclared, {});
    assert.ok(free.ok, JSON.stringify(!free.ok && free.errors));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
