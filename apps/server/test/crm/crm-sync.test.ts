import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { workspaceFileSchema, type ContactField, type Integration } from '../../src/workspace/workspace.schema.ts';
import {
  buildWebhookBody,
  decideCrmField,
  readCrmFields,
  signWebhook,
  verifyWebhookSignature,
  webhookEventTypeOf,
} from '../../src/contacts/crm/index.ts';
import type { Contact } from '../../src/contacts/index.ts';
import { asContactId } from '@fio/contracts';

const integration: Integration = {
  id: 'acme',
  name: 'Acme',
  fields: [
    { crm: 'name', fio: 'displayName', conflict: 'crm_wins', direction: 'both' },
    { crm: 'plan', fio: 'attributes.plan', conflict: 'newest_wins', direction: 'both' },
    { crm: 'score', fio: 'attributes.score', conflict: 'fio_wins', direction: 'in' },
    { crm: 'vip', fio: 'tags', conflict: 'crm_wins', direction: 'out' },
  ],
};
const contactFields: ContactField[] = [
  { key: 'plan', type: 'select', label: { en: 'Plan' }, options: ['basic', 'plus'], pii: false, readOnly: false },
  { key: 'score', type: 'number', label: { en: 'Score' }, pii: false, readOnly: false },
];

describe('the webhook signature', () => {
  test('verifies what it signed, within the window, and refuses a changed body, secret or old time', () => {
    const body = '{"id":"evt_1"}';
    const header = signWebhook('s3cret-s3cret-s3cret', body, 1_700_000_000.7);
    assert.match(header, /^t=1700000000,v1=[0-9a-f]{64}$/);
    assert.deepEqual(verifyWebhookSignature('s3cret-s3cret-s3cret', header, body, 1_700_000_100), { ok: true, timestamp: 1_700_000_000 });
    assert.deepEqual(verifyWebhookSignature('s3cret-s3cret-s3cret', header, `${body} `, 1_700_000_100), {
      ok: false,
      reason: 'bad_signature',
    });
    assert.deepEqual(verifyWebhookSignature('another-secret-xx', header, body, 1_700_000_100), { ok: false, reason: 'bad_signature' });
    assert.deepEqual(verifyWebhookSignature('s3cret-s3cret-s3cret', header, body, 1_700_000_301), { ok: false, reason: 'stale_timestamp' });
    assert.deepEqual(verifyWebhookSignature('s3cret-s3cret-s3cret', 'v1=abc', body, 1_700_000_000), { ok: false, reason: 'malformed' });
    assert.deepEqual(verifyWebhookSignature('s3cret-s3cret-s3cret', '', body, 1_700_000_000), { ok: false, reason: 'malformed' });
  });
});

describe('conflict rules', () => {
  const at = '2026-01-01T12:00:00.000Z';
  const earlier = '2026-01-01T11:00:00.000Z';
  const later = '2026-01-01T13:00:00.000Z';
  test('crm_wins always takes a different value', () => {
    assert.deepEqual(decideCrmField('crm_wins', 'Fio', 'CRM', { at, source: 'api' }, earlier), { take: true });
  });
  test('fio_wins takes only into an empty field', () => {
    assert.deepEqual(decideCrmField('fio_wins', 'Fio', 'CRM', undefined, later), { take: false, reason: 'fio_wins' });
    assert.deepEqual(decideCrmField('fio_wins', null, 'CRM', undefined, earlier), { take: true });
    assert.deepEqual(decideCrmField('fio_wins', [], ['vip'], undefined, earlier), { take: true });
  });
  test("newest_wins compares the CRM's change time with Fio's last change of the field", () => {
    assert.deepEqual(decideCrmField('newest_wins', 'a', 'b', { at, source: 'bot' }, earlier), { take: false, reason: 'newest_wins' });
    assert.deepEqual(decideCrmField('newest_wins', 'a', 'b', { at, source: 'bot' }, later), { take: true });
    assert.deepEqual(
      decideCrmField('newest_wins', 'a', 'b', undefined, earlier),
      { take: true },
      'no recorded change is older than anything',
    );
  });
  test('an equal value is never a change, whatever the rule', () => {
    assert.deepEqual(decideCrmField('crm_wins', 'x', 'x', undefined, later), { take: false, reason: 'unchanged' });
    assert.deepEqual(decideCrmField('crm_wins', null, '', undefined, later), { take: false, reason: 'unchanged' });
  });
});

describe('reading a CRM record', () => {
  test('maps inbound fields, skips unknown and outbound-only ones, and types values', () => {
    const read = readCrmFields(integration, contactFields, { name: ' Ana ', plan: 'plus', score: '7,5', vip: ['x'], other: 1 });
    assert.deepEqual(read, {
      ok: true,
      incoming: [
        { crm: 'name', fio: 'displayName', conflict: 'crm_wins', value: 'Ana' },
        { crm: 'plan', fio: 'attributes.plan', conflict: 'newest_wins', value: 'plus' },
        { crm: 'score', fio: 'attributes.score', conflict: 'fio_wins', value: 7.5 },
      ],
      skipped: [
        { crm: 'vip', fio: 'tags', reason: 'outbound_only' },
        { crm: 'other', reason: 'not_mapped' },
      ],
    });
  });
  test('names every bad field', () => {
    const read = readCrmFields(integration, contactFields, { name: 42, plan: 'gold', score: 'many' });
    assert.equal(read.ok, false);
    assert.deepEqual(!read.ok && read.errors.map((e) => e.field), ['name', 'plan', 'score']);
  });
});

describe('the webhook body', () => {
  const contact: Contact = {
    id: asContactId('ct_1'),
    workspaceId: 'ws_1',
    displayName: 'Ana',
    email: null,
    phone: null,
    locale: null,
    attributes: { plan: 'plus', score: 3 },
    tags: ['vip'],
    fieldMeta: {},
    mergedInto: null,
    createdAt: 'c',
    updatedAt: 'u',
  };
  const view = {
    id: contact.id,
    displayName: 'Ana',
    email: null,
    phone: null,
    locale: null,
    attributes: contact.attributes,
    tags: contact.tags,
    identities: [
      { kind: 'external' as const, value: 'other:9', verified: true },
      { kind: 'external' as const, value: 'acme:A-1', verified: true },
    ],
    createdAt: 'c',
    updatedAt: 'u',
  };
  test("carries this integration's id and outbound fields, and what changed in both vocabularies", () => {
    const body = JSON.parse(
      buildWebhookBody(
        {
          eventId: 'evt_1',
          type: 'contact.updated',
          occurredAt: 'now',
          contactId: 'ct_1',
          conversationId: null,
          stored: { domainType: 'contact.attributes_set', payload: { attributes: { plan: 'plus', score: 3 }, by: 'bot' } },
        },
        { id: 'ws_1', slug: 'loja' },
        { contact, view },
        integration,
      ),
    );
    assert.equal(body.id, 'evt_1');
    assert.deepEqual(body.workspace, { id: 'ws_1', slug: 'loja' });
    assert.equal(body.data.contact.externalId, 'A-1');
    // score is inbound only: it never leaves Fio.
    assert.deepEqual(body.data.contact.fields, { name: 'Ana', plan: 'plus', vip: ['vip'] });
    assert.deepEqual(body.data.changes, { fio: ['attributes.plan', 'attributes.score'], crm: ['plan'] });
  });
  test('domain events map onto the public names, and the rest are never sent', () => {
    assert.equal(webhookEventTypeOf('contact.identity_added'), 'contact.updated');
    assert.equal(webhookEventTypeOf('handoff.requested'), 'handoff.requested');
    assert.equal(webhookEventTypeOf('message.received'), null);
  });
});

test('workspace.yaml refuses an integration mapping to an undeclared contact field', () => {
  const parsed = workspaceFileSchema.safeParse({
    id: 'w',
    name: 'W',
    languages: ['en'],
    defaultLanguage: 'en',
    timezone: 'UTC',
    businessHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    widget: { title: { en: 'W' }, greeting: { en: 'Hi' } },
    integrations: [{ id: 'acme', name: 'Acme', fields: [{ crm: 'x', fio: 'attributes.nope' }] }],
  });
  assert.deepEqual(
    parsed.error?.issues.map((i) => i.path),
    [['integrations', 0, 'fields', 0, 'fio']],
  );
});
