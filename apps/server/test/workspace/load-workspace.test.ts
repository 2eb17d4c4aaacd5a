import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { ChannelType } from '@fio/contracts';
import { createChannelCatalog } from '../../src/channels/channel-catalog.ts';
import { formatWorkspaceErrors, loadWorkspace } from '../../src/workspace/index.ts';
import type { ChannelSchemas, LoadWorkspaceResult, WorkspaceError } from '../../src/workspace/index.ts';

const demoDir = new URL('../../../../workspaces/demo', import.meta.url).pathname;

// The real schemas live in the channel packages; these have the same shape.
function buildChannelSchemas(): Map<ChannelType, ChannelSchemas> {
  return new Map<ChannelType, ChannelSchemas>([
    [
      'webchat',
      {
        configSchema: z.strictObject({ title: z.string(), allowedOrigins: z.array(z.string()).default(['*']) }),
        secretsSchema: z.strictObject({ identitySecret: z.string().min(16) }),
      },
    ],
    [
      'api',
      {
        configSchema: z.strictObject({ callbackUrl: z.url() }),
        secretsSchema: z.strictObject({ signingSecret: z.string().min(16) }),
      },
    ],
  ]);
}

/** The demo workspace names every channel Fio ships: it is read with the real channel schemas. */
function catalogSchemas(): Map<ChannelType, ChannelSchemas> {
  return new Map(
    [...createChannelCatalog()].map(([type, adapter]) => [
      type,
      { configSchema: adapter.definition.configSchema, secretsSchema: adapter.definition.secretsSchema },
    ]),
  );
}

const minimalYaml = `id: shop
name: Shop
languages: [en]
defaultLanguage: en
timezone: Europe/Lisbon
businessHours:
  mon: [{ open: '09:00', close: '17:00' }]
widget:
  title: { en: Shop }
  greeting: { en: Hello }
channels:
  - id: shop-webchat
    type: webchat
    name: Site
    config:
      title: Shop
    secrets:
      identitySecret: '\${SHOP_SECRET}'
  - id: shop-api
    type: api
    name: App
    config:
      callbackUrl: '\${SHOP_CALLBACK:-https://example.com/hook}'
    secrets:
      signingSecret: 0123456789abcdef0123
`;

function writeWorkspace(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fio-ws-'));
  writeFileSync(join(dir, 'workspace.yaml'), yaml);
  return dir;
}

async function load(yaml: string, env: Record<string, string> = { SHOP_SECRET: 'a-long-enough-secret' }) {
  return loadWorkspace(writeWorkspace(yaml), { env, channelSchemas: buildChannelSchemas() });
}

function errorsOf(result: LoadWorkspaceResult): WorkspaceError[] {
  assert.equal(result.ok, false, 'expected the load to fail');
  return result.ok ? [] : result.errors;
}

/** Line (1-based) of the first line of `yaml` containing `needle`. */
function lineOf(yaml: string, needle: string): number {
  const index = yaml.split('\n').findIndex((line) => line.includes(needle));
  assert.ok(index >= 0, `"${needle}" not in yaml`);
  return index + 1;
}

test('loads the demo workspace with its defaults when no env is set', async () => {
  const result = await loadWorkspace(demoDir, { env: {}, channelSchemas: catalogSchemas() });
  assert.ok(result.ok, result.ok ? '' : formatWorkspaceErrors(result.errors));
  const { workspace } = result;
  assert.equal(workspace.name, 'Loja Exemplo');
  assert.deepEqual(workspace.languages, ['pt-BR', 'en', 'es']);
  assert.equal(workspace.defaultLanguage, 'pt-BR');
  assert.equal(workspace.timezone, 'America/Sao_Paulo');
  assert.deepEqual(workspace.businessHours.sat, [{ open: '09:00', close: '13:00' }]);
  assert.deepEqual(workspace.businessHours.sun, []);
  assert.deepEqual(
    workspace.channels.map((c) => [c.id, c.type]),
    [
      ['demo-webchat', 'webchat'],
      ['demo-api', 'api'],
      ['demo-whatsapp', 'whatsapp'],
      ['demo-messenger', 'messenger'],
      ['demo-instagram', 'instagram'],
      ['demo-telegram', 'telegram'],
      ['demo-sms', 'sms'],
      ['demo-voice', 'voice'],
      ['demo-email', 'email'],
    ],
  );
  assert.equal(workspace.channels[0]?.secrets['identitySecret'], 'demo-widget-identity-secret-change-me');
  assert.equal(workspace.channels[1]?.config['callbackUrl'], 'http://127.0.0.1:3000/dev/callback-sink');
  // Provider channels talk to the playground's emulators unless told otherwise.
  assert.equal(workspace.channels[2]?.config['apiBaseUrl'], 'http://fio-playground.invalid/emulators/whatsapp');
});

test('substitutes env values over defaults in the demo workspace', async () => {
  const result = await loadWorkspace(demoDir, {
    env: {
      FIO_DEMO_API_SECRET: 'from-the-environment-123',
      FIO_DEMO_API_CALLBACK_URL: 'https://app.example/cb',
      FIO_DEMO_WHATSAPP_API_URL: 'https://graph.facebook.com',
    },
    channelSchemas: catalogSchemas(),
  });
  assert.ok(result.ok);
  assert.equal(result.workspace.channels[2]?.config['apiBaseUrl'], 'https://graph.facebook.com');
  assert.equal(result.workspace.channels[1]?.secrets['signingSecret'], 'from-the-environment-123');
  assert.equal(result.workspace.channels[1]?.config['callbackUrl'], 'https://app.example/cb');
});

test('fills channel config defaults from the channel schema', async () => {
  const result = await load(minimalYaml);
  assert.ok(result.ok, result.ok ? '' : formatWorkspaceErrors(result.errors));
  assert.deepEqual(result.workspace.channels[0]?.config, { title: 'Shop', allowedOrigins: ['*'] });
  assert.equal(result.workspace.channels[0]?.secrets['identitySecret'], 'a-long-enough-secret');
  assert.equal(result.workspace.channels[1]?.config['callbackUrl'], 'https://example.com/hook');
  assert.deepEqual(result.workspace.tone, { formality: 'informal', emoji: 'few', channels: {} });
});

test('reports a missing env variable without default with file, line and field', async () => {
  const dir = writeWorkspace(minimalYaml);
  const result = await loadWorkspace(dir, { env: {}, channelSchemas: buildChannelSchemas() });
  const [error, ...rest] = errorsOf(result);
  assert.equal(rest.length, 0);
  assert.equal(error?.file, join(dir, 'workspace.yaml'));
  assert.equal(error?.line, lineOf(minimalYaml, 'identitySecret'));
  assert.equal(error?.column, 23);
  assert.equal(error?.field, 'channels[0].secrets.identitySecret');
  assert.match(error?.message ?? '', /SHOP_SECRET/);
});

test('uses the default when the variable is set but empty', async () => {
  const result = await load(minimalYaml, { SHOP_SECRET: 'a-long-enough-secret', SHOP_CALLBACK: '' });
  assert.ok(result.ok);
  assert.equal(result.workspace.channels[1]?.config['callbackUrl'], 'https://example.com/hook');
});

test('reports YAML syntax errors with their line', async () => {
  const yaml = minimalYaml.replace('  title: { en: Shop }', '  title: { en: Shop');
  const errors = errorsOf(await load(yaml));
  assert.ok(errors.length >= 1);
  assert.match(errors[0]?.message ?? '', /YAML syntax error/);
  assert.ok(errors.some((e) => e.line >= lineOf(yaml, 'title: { en: Shop') && e.line <= lineOf(yaml, 'greeting')));
});

test('reports an unknown key at the key itself', async () => {
  const yaml = minimalYaml.replace('  greeting: { en: Hello }', '  greeting: { en: Hello }\n  colour: red');
  const errors = errorsOf(await load(yaml));
  assert.deepEqual(
    errors.map((e) => [e.line, e.column, e.field, e.message]),
    [[lineOf(yaml, 'colour'), 3, 'widget.colour', 'unknown key "colour"']],
  );
});

test('reports an unknown channel type with the line of the type', async () => {
  const yaml = minimalYaml.replace('type: api', 'type: fax');
  const errors = errorsOf(await load(yaml));
  assert.equal(errors.length, 1);
  assert.equal(errors[0]?.line, lineOf(yaml, 'type: fax'));
  assert.equal(errors[0]?.column, 11);
  assert.equal(errors[0]?.field, 'channels[1].type');
  assert.equal(errors[0]?.message, 'unknown channel type "fax"');
});

test('reports a known channel type that has no registered schemas', async () => {
  const yaml = minimalYaml.replace('type: api', 'type: whatsapp');
  const errors = errorsOf(await load(yaml));
  assert.equal(errors[0]?.field, 'channels[1].type');
  assert.match(errors[0]?.message ?? '', /unknown channel type "whatsapp"/);
});

test('maps channel config errors back to the YAML line of the value', async () => {
  const yaml = minimalYaml.replace("'${SHOP_CALLBACK:-https://example.com/hook}'", 'not a url');
  const errors = errorsOf(await load(yaml));
  assert.deepEqual(
    errors.map((e) => [e.line, e.field]),
    [[lineOf(yaml, 'callbackUrl'), 'channels[1].config.callbackUrl']],
  );
  assert.equal(errors[0]?.column, 20);
});

test('points a missing required field at the mapping that lacks it', async () => {
  const yaml = minimalYaml.replace('    name: App\n', '');
  const errors = errorsOf(await load(yaml));
  assert.equal(errors.length, 1);
  assert.equal(errors[0]?.field, 'channels[1].name');
  assert.equal(errors[0]?.line, lineOf(yaml, 'id: shop-api'));
  assert.match(errors[0]?.message ?? '', /missing required field/);
});

test('rejects a default language that is not among the languages, an unknown time zone and a bad slug', async () => {
  const yaml = minimalYaml
    .replace('defaultLanguage: en', 'defaultLanguage: es')
    .replace('timezone: Europe/Lisbon', 'timezone: Mars/Olympus')
    .replace('id: shop\n', 'id: Shop_1\n');
  const errors = errorsOf(await load(yaml));
  const byField = new Map(errors.map((e) => [e.field, e]));
  assert.equal(byField.get('id')?.line, 1);
  assert.equal(byField.get('defaultLanguage')?.line, lineOf(yaml, 'defaultLanguage'));
  assert.equal(byField.get('timezone')?.line, lineOf(yaml, 'timezone'));
  assert.match(byField.get('timezone')?.message ?? '', /time zone/);
});

test('rejects business hours that close before they open', async () => {
  const yaml = minimalYaml.replace("close: '17:00'", "close: '08:00'");
  const errors = errorsOf(await load(yaml));
  assert.equal(errors[0]?.field, 'businessHours.mon[0].close');
  assert.equal(errors[0]?.line, lineOf(yaml, 'mon:'));
});

test('rejects duplicate channel ids', async () => {
  const yaml = minimalYaml.replace('id: shop-api', 'id: shop-webchat');
  const errors = errorsOf(await load(yaml));
  assert.equal(errors[0]?.field, 'channels[1].id');
  assert.match(errors[0]?.message ?? '', /duplicate/);
});

test('reports a missing workspace.yaml', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fio-ws-'));
  const errors = errorsOf(await loadWorkspace(dir, { env: {}, channelSchemas: buildChannelSchemas() }));
  assert.match(errors[0]?.message ?? '', /file not found/);
});

test('formats errors as file:line:column field: message', () => {
  const text = formatWorkspaceErrors([
    { file: 'workspaces/demo/workspace.yaml', line: 12, column: 5, field: 'channels[0].type', message: 'unknown channel type "fax"' },
    { file: 'workspaces/demo/workspace.yaml', line: 3, column: 1, field: '', message: 'YAML syntax error: x' },
  ]);
  assert.equal(
    text,
    'workspaces/demo/workspace.yaml:12:5 channels[0].type: unknown channel type "fax"\nworkspaces/demo/workspace.yaml:3:1 YAML syntax error: x',
  );
});

test('the demo workspace file is valid YAML that names both demo channels', () => {
  const text = readFileSync(join(demoDir, 'workspace.yaml'), 'utf8');
  assert.match(text, /id: demo-webchat/);
  assert.match(text, /id: demo-api/);
});

test('reads tone per channel, escalation, NLU and HTTP settings, with defaults when left out', async () => {
  const defaults = await load(minimalYaml);
  assert.ok(defaults.ok);
  assert.deepEqual(defaults.workspace.escalation, {
    maxMisunderstandings: 2,
    frustrationThreshold: 0.75,
    sensitiveData: true,
    priority: 'normal',
  });
  assert.deepEqual(defaults.workspace.http, { allowPrivate: [] });

  const yaml = minimalYaml.replace(
    'channels:\n',
    `tone:
  formality: formal
  channels:
    sms: { emoji: none, maxLength: 320 }
escalation: { maxMisunderstandings: 3, team: suporte }
nlu: { orderNumberPattern: 'LE-\\d{6}' }
templates:
  fallback: { en: 'Sorry, {{contact.first_name}}?' }
channels:
`,
  );
  const result = await load(yaml);
  assert.ok(result.ok, JSON.stringify(result));
  assert.deepEqual(result.workspace.tone.channels.sms, { emoji: 'none', maxLength: 320 });
  assert.equal(result.workspace.escalation.team, 'suporte');
  assert.equal(result.workspace.nlu.orderNumberPattern, 'LE-\\d{6}');
  assert.equal(result.workspace.templates['fallback']?.en, 'Sorry, {{contact.first_name}}?');
});

test('rejects a broken order-number pattern, an unknown channel in tone and a template without the default language', async () => {
  const yaml = minimalYaml.replace(
    'channels:\n',
    `tone:
  channels:
    fax: { emoji: none }
nlu: { orderNumberPattern: '([0-9' }
templates:
  fallback: { pt-BR: Oi }
channels:
`,
  );
  const errors = errorsOf(await load(yaml));
  const fields = errors.map((e) => e.field);
  assert.ok(fields.includes('nlu.orderNumberPattern'), fields.join());
  assert.ok(
    fields.some((f) => f.startsWith('tone.channels')),
    fields.join(),
  );
  assert.ok(
    fields.some((f) => f.startsWith('templates.fallback')),
    fields.join(),
  );
  assert.equal(errors.find((e) => e.field === 'nlu.orderNumberPattern')?.line, lineOf(yaml, 'orderNumberPattern'));
});
