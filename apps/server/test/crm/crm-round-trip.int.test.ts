import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { signApiRequest } from '@fio/channel-api';
import { appendEvents } from '../../src/events/event-log.ts';
import { createContactRepository } from '../../src/contacts/index.ts';
import { fileSubscriptionId, signWebhook, verifyWebhookSignature } from '../../src/contacts/crm/index.ts';
import { createApiToken } from '../../src/security/bootstrap-admin.ts';
import { dialects, postgresSkipReason } from '../support/databases.ts';
import { createTestEnvironment, eventually, startTestApp, type RunningApp } from '../support/test-app.ts';
import { apiChannelSecret, crmSecrets, writeCrmWorkspace } from './crm-workspace.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

async function call(running: RunningApp, method: string, path: string, body?: unknown, token = running.adminToken) {
  const res = await fetch(`${running.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** Waits until every outbox row was fanned out and every delivery settled, so "nothing arrived" means nothing was sent. */
async function settled(running: RunningApp) {
  const db = running.app.database.db;
  await eventually(
    async () => {
      const outbox = await db.selectFrom('webhook_outbox').select('id').execute();
      const pending = await db.selectFrom('webhook_deliveries').select('id').where('status', '=', 'pending').execute();
      return outbox.length === 0 && pending.length === 0;
    },
    8000,
    'the webhook outbox and deliveries to settle',
  );
}

async function deliveriesOf(running: RunningApp, integrationId: string) {
  return running.app.database.db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('subscription_id', '=', fileSubscriptionId(running.workspaceId, integrationId))
    .orderBy('id')
    .execute();
}

async function startCrmApp(t: { after: (fn: () => Promise<void>) => void }, dialect: (typeof dialects)[number]) {
  const acme = await startWebhookReceiver(crmSecrets.acme);
  const other = await startWebhookReceiver(crmSecrets.other);
  const sink = await startWebhookReceiver('unused-callback-secret-0123456789');
  const dir = writeCrmWorkspace({ acme: acme.url, other: other.url, callback: sink.url });
  const te = await createTestEnvironment(dialect);
  const running = await startTestApp(te, { config: { workspaceDirs: [dir] } });
  t.after(async () => {
    await running.app.close();
    await Promise.all([acme.close(), other.close(), sink.close()]);
    await te.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });
  return { running, acme, other };
}

const ofType = (receiver: WebhookReceiver, type: string) => receiver.received.filter((r) => r.body.type === type);

for (const dialect of dialects) {
  describe(`CRM round trip on ${dialect}`, () => {
    test('an upsert from the CRM reaches other subscribers but never goes back to that CRM; a Fio change goes to both, signed and mapped', async (t) => {
      if (dialect === 'postgres') {
        const why = await postgresSkipReason();
        if (why) return t.skip(why);
      }
      const { running, acme, other } = await startCrmApp(t, dialect);

      // 1. Acme pushes a new customer.
      const created = await call(running, 'PUT', '/api/v1/contacts/by-external-id/A-1001?integration=acme-crm', {
        fields: {
          full_name: 'Ana Souza',
          email: 'Ana.Souza@Example.com',
          mobile: '+55 81 98765-4321',
          city: 'Recife',
          plan: 'plus',
          lead_score: 80,
        },
      });
      assert.equal(created.status, 201, JSON.stringify(created.json));
      const contactId: string = created.json.id;
      assert.equal(created.json.displayName, 'Ana Souza');
      assert.equal(created.json.email, 'ana.souza@example.com');
      assert.equal(created.json.phone, '+5581987654321');
      assert.deepEqual(created.json.attributes, { city: 'Recife', plan: 'plus' });
      assert.deepEqual(created.json.skipped, [{ crm: 'lead_score', reason: 'not_mapped' }]);
      assert.deepEqual(created.json.applied.map((a: { crm: string }) => a.crm).sort(), ['city', 'email', 'full_name', 'mobile', 'plan']);
      const external = created.json.identities.find((i: { kind: string }) => i.kind === 'external');
      assert.deepEqual(external, { kind: 'external', value: 'acme-crm:A-1001', verified: true, source: 'crm' });
      assert.ok(created.json.identities.some((i: { kind: string; verified: boolean }) => i.kind === 'email' && i.verified));

      // The other CRM hears of it, in its own field names; Acme (the source) does not: the echo guard.
      const toOther = await eventually(() => ofType(other, 'contact.created')[0], 8000, 'contact.created at the other CRM');
      assert.equal(toOther.check.ok, true);
      assert.equal(toOther.body.data.contact.id, contactId);
      assert.deepEqual(toOther.body.data.contact.fields, { Name: 'Ana Souza', City: 'Recife' });
      assert.equal(toOther.body.data.contact.externalId, null, 'the other CRM has no record id of its own yet');
      assert.equal(toOther.body.workspace.slug, 'loja-exemplo');
      await settled(running);
      assert.equal(acme.received.length, 0, 'nothing echoed back to the CRM the change came from');
      assert.equal((await deliveriesOf(running, 'acme-crm')).length, 0);
      // The private intranet URL is refused by the SSRF guard at send time: dead at once, with the reason.
      const [blocked] = await deliveriesOf(running, 'intranet-crm');
      assert.equal(blocked?.status, 'dead');
      assert.equal(blocked?.attempts, 1);
      assert.match(blocked?.last_error ?? '', /SSRF guard.*192\.168\.77\.10/);

      // The same record again changes nothing: no event, no webhook, every field reported unchanged.
      const again = await call(running, 'PUT', '/api/v1/contacts/by-external-id/A-1001?integration=acme-crm', {
        fields: { full_name: 'Ana Souza', city: 'Recife' },
      });
      assert.equal(again.status, 200);
      assert.deepEqual(again.json.applied, []);
      assert.deepEqual(
        again.json.skipped.map((s: { reason: string }) => s.reason),
        ['unchanged', 'unchanged'],
      );
      const byExternal = await call(running, 'GET', '/api/v1/contacts/by-external-id/A-1001?integration=acme-crm');
      assert.equal(byExternal.status, 200);
      assert.equal(byExternal.json.id, contactId);

      // 2. Fio changes the city (a flow's `set` step): both CRMs get contact.updated, signed, mapped.
      const db = running.app.database.db;
      await running.app.database.transact(async (tx) => {
        const now = new Date().toISOString();
        const changed = await createContactRepository(tx, running.workspaceId).mergeAttributes(
          contactId,
          { city: 'Olinda', marketing_opt_in: true },
          now,
          { fields: running.app.deps.workspaces.get(running.workspaceId)?.definition.contactFields ?? [], source: 'bot' },
        );
        assert.deepEqual(changed.sort(), ['attributes.city', 'attributes.marketing_opt_in']);
        await appendEvents(tx, [
          {
            workspaceId: running.workspaceId,
            type: 'contact.attributes_set',
            contactId,
            payload: { attributes: { city: 'Olinda', marketing_opt_in: true }, by: 'bot' },
            occurredAt: now,
          },
        ]);
      });
      const toAcme = await eventually(() => ofType(acme, 'contact.updated')[0], 8000, 'contact.updated at Acme');
      assert.equal(toAcme.check.ok, true, 'the signature and timestamp verify like a receiver checks them');
      assert.equal(toAcme.headers['fio-event-id'], toAcme.body.id);
      assert.equal(toAcme.headers['fio-event-type'], 'contact.updated');
      assert.match(String(toAcme.headers['fio-delivery-id']), /^whd_/);
      assert.equal(toAcme.headers['user-agent'], 'Fio-Webhooks/1');
      assert.match(toAcme.body.id, /^evt_/);
      assert.equal(toAcme.body.data.contact.externalId, 'A-1001');
      // Acme's mapping: outbound fields only (direction both|out): `mobile` is in-only, `opt_in` out-only.
      assert.deepEqual(toAcme.body.data.contact.fields, {
        full_name: 'Ana Souza',
        email: 'ana.souza@example.com',
        city: 'Olinda',
        plan: 'plus',
        opt_in: true,
      });
      assert.deepEqual(toAcme.body.data.changes, { fio: ['attributes.city', 'attributes.marketing_opt_in'], crm: ['city', 'opt_in'] });
      const toOtherUpdate = await eventually(() => ofType(other, 'contact.updated')[0], 8000, 'contact.updated at the other CRM');
      assert.deepEqual(toOtherUpdate.body.data.changes.crm, ['City']);

      // A receiver refuses a tampered body, another secret and a replayed old request.
      const header = String(toAcme.headers['fio-signature']);
      const nowS = Date.now() / 1000;
      assert.deepEqual(verifyWebhookSignature(crmSecrets.acme, header, toAcme.raw.replace('Olinda', 'Recife'), nowS), {
        ok: false,
        reason: 'bad_signature',
      });
      assert.equal(verifyWebhookSignature(crmSecrets.other, header, toAcme.raw, nowS).ok, false);
      const old = signWebhook(crmSecrets.acme, toAcme.raw, nowS - 3600);
      assert.deepEqual(verifyWebhookSignature(crmSecrets.acme, old, toAcme.raw, nowS), { ok: false, reason: 'stale_timestamp' });

      // 3. A new customer writes on a channel: every subscriber hears contact.created (no CRM was its source).
      const message = JSON.stringify({ messageId: 'crm-msg-1', from: { id: 'app-user-77', name: 'Bruno' }, text: 'oi' });
      const res = await fetch(`${running.baseUrl}/webhooks/api/demo-api`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signApiRequest(apiChannelSecret, message) },
        body: message,
      });
      assert.equal(res.status, 200, await res.clone().text());
      const fromChannel = await eventually(
        () => acme.received.find((r) => r.body.type === 'contact.created' && r.body.data.contact.displayName === 'Bruno'),
        8000,
        'contact.created of a channel contact at Acme',
      );
      assert.equal(fromChannel.check.ok, true);
      assert.equal(fromChannel.body.data.contact.externalId, null);
      assert.equal(fromChannel.body.data.contact.fields.full_name, 'Bruno');
      await eventually(() => other.received.find((r) => r.body.type === 'contact.created' && r.body.data.contact.displayName === 'Bruno'));

      // 4. Conflict rules, one per field.
      await settled(running);
      const acmeBefore = acme.received.length;
      const otherBefore = other.received.length;
      const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
      const stale = await call(running, 'PUT', '/api/v1/contacts/by-external-id/A-1001?integration=acme-crm', {
        fields: { full_name: 'Ana S. Souza', email: 'ana@crm.example', city: 'Caruaru' },
        updatedAt: hourAgo,
      });
      assert.equal(stale.status, 200, JSON.stringify(stale.json));
      // crm_wins: taken although older; fio_wins: Fio has an e-mail; newest_wins: Fio's change (the flow) is newer.
      assert.deepEqual(stale.json.applied, [{ crm: 'full_name', fio: 'displayName', rule: 'crm_wins' }]);
      assert.deepEqual(stale.json.skipped, [
        { crm: 'email', fio: 'email', reason: 'fio_wins' },
        { crm: 'city', fio: 'attributes.city', reason: 'newest_wins' },
      ]);
      assert.equal(stale.json.displayName, 'Ana S. Souza');
      assert.equal(stale.json.email, 'ana.souza@example.com');
      assert.equal(stale.json.attributes.city, 'Olinda');
      const fresh = await call(running, 'PUT', '/api/v1/contacts/by-external-id/A-1001?integration=acme-crm', {
        fields: { city: 'Caruaru' },
        updatedAt: new Date(Date.now() + 60_000).toISOString(),
      });
      assert.deepEqual(fresh.json.applied, [{ crm: 'city', fio: 'attributes.city', rule: 'newest_wins' }]);
      assert.equal(fresh.json.attributes.city, 'Caruaru');
      const meta = await db.selectFrom('contacts').select('field_meta_json').where('id', '=', contactId).executeTakeFirstOrThrow();
      assert.equal(JSON.parse(meta.field_meta_json ?? '{}')['attributes.city'].source, 'integration:acme-crm');

      // Those updates reached the other CRM (twice: name, then city) and never Acme.
      await settled(running);
      const updates = other.received.slice(otherBefore).filter((r) => r.body.type === 'contact.updated');
      assert.deepEqual(
        updates.map((u) => u.body.data.changes.crm),
        [['Name'], ['City']],
      );
      assert.equal(updates[0]?.body.data.source, 'integration:acme-crm');
      assert.equal(acme.received.length, acmeBefore, 'no echo to Acme');
    });
  });
}

for (const dialect of dialects) {
  test(`parallel upserts of one new CRM record create one contact on ${dialect}`, async (t) => {
    if (dialect === 'postgres') {
      const why = await postgresSkipReason();
      if (why) return t.skip(why);
    }
    const { running } = await startCrmApp(t, dialect);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call(running, 'PUT', '/api/v1/contacts/by-external-id/P-7?integration=acme-crm', { fields: { plan: i % 2 ? 'plus' : 'premium' } }),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.status).sort(),
      [200, 200, 200, 200, 200, 201],
      JSON.stringify(results.filter((r) => r.status >= 300).map((r) => r.json)),
    );
    assert.equal(new Set(results.map((r) => r.json.id)).size, 1, 'one contact');
    const identities = await running.app.database.db
      .selectFrom('identities')
      .select('contact_id')
      .where('kind', '=', 'external')
      .where('value', '=', 'acme-crm:P-7')
      .execute();
    assert.equal(identities.length, 1);
  });
}

describe('CRM inbound upsert and subscriptions API', () => {
  test('refuses bad values per field, unknown integrations, private URLs, writes by non-admins and edits of file subscriptions', async (t) => {
    const { running } = await startCrmApp(t, 'sqlite');
    const bad = await call(running, 'PUT', '/api/v1/contacts/by-external-id/A-9?integration=acme-crm', {
      fields: { plan: 'gold', email: 'not-an-email', city: 'Natal' },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.code, 'validation_failed');
    assert.deepEqual(
      bad.json.details.map((d: { field: string }) => d.field),
      ['fields.plan', 'fields.email'],
    );
    const none = await call(running, 'GET', '/api/v1/contacts/by-external-id/A-9?integration=acme-crm');
    assert.equal(none.status, 404, 'nothing was written');
    assert.equal((await call(running, 'PUT', '/api/v1/contacts/by-external-id/A-9', { fields: {} })).json.code, 'integration_required');
    assert.equal((await call(running, 'PUT', '/api/v1/contacts/by-external-id/A-9?integration=nope', { fields: {} })).status, 404);
    assert.equal((await call(running, 'PUT', '/api/v1/contacts/by-external-id/A-9?integration=acme-crm', { fields: 'x' })).status, 400);

    const list = await call(running, 'GET', '/api/v1/webhooks');
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.data.map((s: { integrationId: string }) => s.integrationId).sort(), [
      'acme-crm',
      'intranet-crm',
      'other-crm',
    ]);
    assert.ok(!JSON.stringify(list.json).includes(crmSecrets.acme), 'secrets are never returned');
    const fileId = fileSubscriptionId(running.workspaceId, 'acme-crm');
    const patchFile = await call(running, 'PATCH', `/api/v1/webhooks/${fileId}`, { active: false });
    assert.equal(patchFile.status, 409);
    assert.equal(patchFile.json.code, 'webhook_read_only');

    const privateUrl = await call(running, 'POST', '/api/v1/webhooks', {
      url: 'http://10.20.30.40/hook',
      secret: 'a-secret-of-sixteen-chars',
    });
    assert.equal(privateUrl.status, 400);
    assert.equal(privateUrl.json.code, 'webhook_url_blocked');
    const made = await call(running, 'POST', '/api/v1/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      secret: 'a-secret-of-sixteen-chars',
      events: ['contact.created'],
    });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    assert.equal(made.json.source, 'api');
    assert.equal('secret' in made.json, false);
    const agentToken = await createApiToken(running.app.database.db, running.workspaceId, 'agent', 'agent', new Date().toISOString());
    assert.equal((await call(running, 'GET', '/api/v1/webhooks', undefined, agentToken)).status, 403);
    assert.equal((await call(running, 'DELETE', `/api/v1/webhooks/${made.json.id}`, undefined, agentToken)).status, 403);
    const patched = await call(running, 'PATCH', `/api/v1/webhooks/${made.json.id}`, { events: ['contact.updated'], active: false });
    assert.equal(patched.status, 200);
    assert.deepEqual(patched.json.events, ['contact.updated']);
    assert.equal(patched.json.active, false);
    assert.equal((await call(running, 'DELETE', `/api/v1/webhooks/${made.json.id}`)).status, 200);
    assert.equal((await call(running, 'GET', `/api/v1/webhooks/${made.json.id}`)).status, 404);
    assert.equal((await call(running, 'POST', '/api/v1/webhook-deliveries/whd_nope/replay')).json.code, 'webhook_delivery_not_found');
  });
});
