import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelType } from '@fio/contracts';
import { createChannelCatalog } from '../../src/channels/channel-catalog.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import type { ChannelSchemas, LoadWorkspaceResult, WorkspaceError } from '../../src/workspace/index.ts';

const demoDir = new URL('../../../../workspaces/demo', import.meta.url).pathname;

function catalogSchemas(): Map<ChannelType, ChannelSchemas> {
  return new Map(
    [...createChannelCatalog()].map(([type, adapter]) => [
      type,
      { configSchema: adapter.definition.configSchema, secretsSchema: adapter.definition.secretsSchema },
    ]),
  );
}

const workspaceYaml = `id: shop
name: Shop
languages: [en, pt-BR]
defaultLanguage: en
timezone: America/Sao_Paulo
businessHours:
  mon: [{ open: '09:00', close: '17:00' }]
widget:
  title: { en: Shop }
  greeting: { en: Hello }
contactFields:
  - key: plan
    type: select
    label: { en: Plan }
    options: [basic, premium]
`;

async function loadWith(segmentsYaml: string | null, intents: string[] = []): Promise<{ result: LoadWorkspaceResult; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'fio-segments-'));
  writeFileSync(join(dir, 'workspace.yaml'), workspaceYaml);
  if (intents.length > 0) {
    mkdirSync(join(dir, 'intents'));
    for (const id of intents) writeFileSync(join(dir, 'intents', `${id}.yaml`), `intent: ${id}\nexamples:\n  en: [hello]\n`);
  }
  const file = join(dir, 'segments.yaml');
  if (segmentsYaml !== null) writeFileSync(file, segmentsYaml);
  return { result: await loadWorkspace(dir, { env: {}, channelSchemas: catalogSchemas() }), file };
}

function errorsOf(result: LoadWorkspaceResult): WorkspaceError[] {
  assert.equal(result.ok, false, 'expected load errors');
  return result.ok ? [] : result.errors;
}

test('the demo workspace loads its five segments', async () => {
  const result = await loadWorkspace(demoDir, { env: process.env, channelSchemas: catalogSchemas() });
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.errors, null, 2));
  assert.deepEqual(
    result.workspace.segments?.map((s) => s.id),
    ['new-customers', 'returning-customers', 'abandoned-cart', 'asked-for-support', 'asked-for-price'],
  );
});

test('a workspace without segments.yaml has no segments', async () => {
  const { result } = await loadWith(null);
  assert.ok(result.ok);
  assert.deepEqual(result.workspace.segments, []);
});

test('a bad duration is named by file, line, column and field', async () => {
  const { result, file } = await loadWith(`segments:
  - id: cart
    name: { en: Cart }
    when:
      event: cart_updated
      olderThan: 2 hours
`);
  const [error, ...rest] = errorsOf(result);
  assert.equal(rest.length, 0);
  assert.equal(error?.file, file);
  assert.equal(error?.line, 6);
  assert.equal(error?.column, 18);
  assert.equal(error?.field, 'segments[0].when.olderThan');
  assert.match(error?.message ?? '', /duration/);
});

test('unknown keys, options of another kind and two kinds in one condition are refused where they are', async () => {
  const { result } = await loadWith(`segments:
  - id: mixed
    name: { en: Mixed }
    colour: red
    when:
      all:
        - tag: vip
          count: { gte: 2 }
        - attribute: plan
          tag: vip
        - event: order_placed
          whithin: 7d
`);
  const errors = errorsOf(result);
  const byField = new Map(errors.map((e) => [e.field, e]));
  assert.equal(byField.get('segments[0].colour')?.line, 4);
  assert.match(byField.get('segments[0].when.all[0].count')?.message ?? '', /does not go with tag/);
  assert.equal(byField.get('segments[0].when.all[0].count')?.line, 8);
  assert.match(byField.get('segments[0].when.all[1].tag')?.message ?? '', /only one of/);
  assert.equal(byField.get('segments[0].when.all[2].whithin')?.line, 12);
});

test('an undeclared attribute, an unknown "after" event, a missing default-language name and a duplicate id are load errors', async () => {
  const { result } = await loadWith(`segments:
  - id: premium
    name: { pt-BR: Premium }
    when:
      attribute: tier
      equals: gold
  - id: premium
    name: { en: Premium again }
    when:
      none:
        - event: order_placed
          after: cart_updated
`);
  const errors = errorsOf(result);
  const fields = errors.map((e) => `${e.line} ${e.field}`);
  assert.deepEqual(fields, ['3 segments[0].name', '5 segments[0].when.attribute', '7 segments[1].id', '12 segments[1].when.none[0].after']);
  assert.match(errors[0]?.message ?? '', /default language en/);
  assert.match(errors[1]?.message ?? '', /no contact field "tier"/);
  assert.match(errors[3]?.message ?? '', /unknown event "cart_updated"/);
});

test('a segment id that is not a slug and a YAML syntax error are reported', async () => {
  const slug = errorsOf((await loadWith(`segments:\n  - id: Big Spenders\n    name: { en: Big }\n    when: { tag: vip }\n`)).result);
  assert.equal(slug[0]?.field, 'segments[0].id');
  assert.equal(slug[0]?.line, 2);
  const syntax = errorsOf((await loadWith(`segments:\n  - id: a\n   name: [\n`)).result);
  assert.match(syntax[0]?.message ?? '', /YAML syntax error/);
});

test("an intent condition names one of the workspace's intents when it has an intents/ folder", async () => {
  const yaml = `segments:
  - id: pricey
    name: { en: Pricey }
    when:
      any:
        - intent: price_info
        - intent: price_infos
          within: 7d
`;
  const errors = errorsOf((await loadWith(yaml, ['price_info', 'greeting'])).result);
  assert.deepEqual(
    errors.map((e) => `${e.line} ${e.field}`),
    ['7 segments[0].when.any[1].intent'],
  );
  assert.match(errors[0]?.message ?? '', /unknown intent "price_infos".*greeting, price_info/);
  assert.ok((await loadWith(yaml)).result.ok, 'without an intents/ folder there is nothing to check against');
});
