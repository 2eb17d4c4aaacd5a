import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelType } from '@fio/contracts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import type { ChannelSchemas, LoadWorkspaceResult } from '../../src/workspace/index.ts';
import { compileSlaPolicy } from '../../src/handoff/sla/compile-sla-policy.ts';
import { pickSlaPolicy } from '../../src/handoff/sla/pick-sla-policy.ts';
import { parseSlaDuration, slaPoliciesSchema, type SlaPolicy } from '../../src/handoff/sla/sla-policy.schema.ts';

const minute = 60_000;
const hour = 60 * minute;

const policies: SlaPolicy[] = slaPoliciesSchema.parse([
  { id: 'vip', name: 'VIP', match: { segment: ['vip', 'returning-customers'] }, firstResponse: '5m', warnBefore: '1m' },
  { id: 'urgente', name: 'Urgente', match: { priority: ['urgent', 'high'] }, firstResponse: '15m', resolution: '8h', warnBefore: '5m' },
  { id: 'vip-low', name: 'VIP calmo', match: { priority: ['low'], segment: ['vip'] }, firstResponse: '2h' },
  { id: 'padrao', name: 'Padrão', firstResponse: '1h', nextResponse: '2h', resolution: '1d', warnBefore: '20%', businessHours: false },
]);

test('durations read seconds, minutes, hours and days', () => {
  assert.equal(parseSlaDuration('30s'), 30_000);
  assert.equal(parseSlaDuration('15m'), 15 * minute);
  assert.equal(parseSlaDuration('2h'), 2 * hour);
  assert.equal(parseSlaDuration('1d'), 24 * hour);
  for (const bad of ['0m', '15', 'm', '1.5h', '2w', '-1h', ' 1h']) assert.equal(parseSlaDuration(bad), null, bad);
});

test('the first policy whose conditions hold wins; without conditions it is the default', () => {
  assert.equal(pickSlaPolicy(policies, { priority: 'urgent', segmentIds: [] })?.id, 'urgente');
  assert.equal(pickSlaPolicy(policies, { priority: 'high', segmentIds: ['new-customers'] })?.id, 'urgente');
  // A segment condition is met by any one of the listed segments; listed first, VIP beats urgent.
  assert.equal(pickSlaPolicy(policies, { priority: 'urgent', segmentIds: ['returning-customers'] })?.id, 'vip');
  assert.equal(pickSlaPolicy(policies, { priority: 'normal', segmentIds: [] })?.id, 'padrao');
  assert.equal(pickSlaPolicy(policies.slice(0, 3), { priority: 'normal', segmentIds: [] }), null);
});

test('every condition of a policy must hold', () => {
  const withoutFirst = policies.filter((p) => p.id !== 'vip');
  assert.equal(pickSlaPolicy(withoutFirst, { priority: 'low', segmentIds: ['vip'] })?.id, 'vip-low');
  assert.equal(pickSlaPolicy(withoutFirst, { priority: 'low', segmentIds: [] })?.id, 'padrao');
  assert.equal(pickSlaPolicy(withoutFirst, { priority: 'normal', segmentIds: ['vip'] })?.id, 'padrao');
});

test('a compiled policy has its budgets in ms and warns by duration or by share', () => {
  const urgent = compileSlaPolicy(policies[1] ?? assert.fail());
  assert.deepEqual(urgent.budgets, { first_response: 15 * minute, resolution: 8 * hour });
  assert.equal(urgent.warnBeforeMs(15 * minute), 5 * minute);
  assert.equal(urgent.warnBeforeMs(2 * minute), 2 * minute);
  assert.equal(urgent.businessHours, true);
  const standard = compileSlaPolicy(policies[3] ?? assert.fail());
  assert.equal(standard.warnBeforeMs(hour), 12 * minute);
  assert.equal(standard.businessHours, false);
  assert.equal(compileSlaPolicy(policies[2] ?? assert.fail()).warnBeforeMs(hour), 0);
});

const workspaceYaml = (sla: string) => `id: shop
name: Shop
languages: [en]
defaultLanguage: en
timezone: Europe/Lisbon
businessHours:
  mon: [{ open: '09:00', close: '17:00' }]
widget:
  title: { en: Shop }
  greeting: { en: Hello }
sla:
${sla}channels: []
`;

async function load(yaml: string): Promise<LoadWorkspaceResult> {
  const dir = mkdtempSync(join(tmpdir(), 'fio-sla-'));
  writeFileSync(join(dir, 'workspace.yaml'), yaml);
  return loadWorkspace(dir, { env: {}, channelSchemas: new Map<ChannelType, ChannelSchemas>() });
}
const lineOf = (yaml: string, needle: string) => yaml.split('\n').findIndex((line) => line.includes(needle)) + 1;

test('workspace.yaml sla: loads, and a bad policy is reported with file, line and field', async () => {
  const good = await load(
    workspaceYaml(`  - id: urgente
    name: Urgente
    match: { priority: [urgent] }
    firstResponse: 15m
  - id: padrao
    name: Padrão
    resolution: 1d
`),
  );
  assert.ok(good.ok, JSON.stringify(good));
  assert.deepEqual(
    good.workspace.sla.map((p) => [p.id, p.businessHours]),
    [
      ['urgente', true],
      ['padrao', true],
    ],
  );

  const yaml = workspaceYaml(`  - id: padrao
    name: Padrão
    firstResponse: 1h
  - id: urgente
    name: Urgente
    match: { priority: [urgent, asap] }
    firstResponse: 15 minutes
    warnBefore: 120%
`);
  const result = await load(yaml);
  assert.equal(result.ok, false);
  const errors = result.ok ? [] : result.errors;
  const byField = new Map(errors.map((e) => [e.field, e]));
  assert.equal(byField.get('sla[1].firstResponse')?.line, lineOf(yaml, 'firstResponse: 15 minutes'));
  assert.match(byField.get('sla[1].firstResponse')?.message ?? '', /duration such as 30s, 15m/);
  assert.equal(byField.get('sla[1].warnBefore')?.line, lineOf(yaml, 'warnBefore: 120%'));
  assert.ok(byField.has('sla[1].match.priority[1]'), JSON.stringify(errors));
  assert.ok(errors.every((e) => e.file.endsWith('workspace.yaml')));
});

test('a policy after the default, a duplicate id or a policy without budgets is refused', async () => {
  const yaml = workspaceYaml(`  - id: padrao
    name: Padrão
    firstResponse: 1h
  - id: padrao
    name: De novo
    match: { priority: [urgent] }
    firstResponse: 15m
  - id: vazio
    name: Vazio
    match: { segment: [vip] }
`);
  const result = await load(yaml);
  const errors = result.ok ? [] : result.errors;
  const messages = errors.map((e) => `${e.field}: ${e.message}`);
  assert.ok(
    messages.some((m) => m.startsWith('sla[1].id: duplicate policy id "padrao"')),
    messages.join('\n'),
  );
  assert.ok(
    messages.some((m) => m.startsWith('sla[1]: ') && m.includes('can never be picked')),
    messages.join('\n'),
  );
  assert.ok(
    messages.some((m) => m.startsWith('sla[2]: a policy sets at least one of')),
    messages.join('\n'),
  );
});
