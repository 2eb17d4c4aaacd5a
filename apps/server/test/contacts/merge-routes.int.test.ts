import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { signApiRequest } from '@fio/channel-api';
import { appendEvents } from '../../src/events/event-log.ts';
import { createContactRepository, noteTypedIdentity, suggestMergesFor } from '../../src/contacts/index.ts';
import { createApiToken } from '../../src/security/bootstrap-admin.ts';
import type { Db } from '../../src/storage/index.ts';
import { dialects, postgresSkipReason } from '../support/databases.ts';
import { createTestEnvironment, eventually, startTestApp, type RunningApp } from '../support/test-app.ts';
import { startCallbackReceiver } from '../support/callback-receiver.ts';

const apiSecret = 'merge-test-api-secret-0123456789';

async function boot(t: TestContext, dialect: 'sqlite' | 'postgres') {
  if (dialect === 'postgres') {
    const why = await postgresSkipReason();
    if (why) {
      t.skip(why);
      return null;
    }
  }
  const receiver = await startCallbackReceiver(apiSecret);
  const te = await createTestEnvironment(dialect, { FIO_DEMO_API_CALLBACK_URL: receiver.url, FIO_DEMO_API_SECRET: apiSecret });
  const running = await startTestApp(te);
  t.after(async () => {
    await running.app.close();
    await receiver.close();
    await te.cleanup();
  });
  return running;
}

let sent = 0;
/** A message through the API channel; waits until the bot has answered and delivered (a quiet database). */
async function say(
  running: RunningApp,
  from: Record<string, string>,
  text: string,
): Promise<{ contactId: string; conversationId: string }> {
  const body = JSON.stringify({ messageId: `m-${++sent}-${Date.now()}`, from, text });
  const res = await fetch(`${running.baseUrl}/webhooks/api/demo-api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signApiRequest(apiSecret, body) },
    body,
  });
  assert.equal(res.status, 200, await res.clone().text());
  const out = (await res.json()) as { messages: Array<{ contactId: string; conversationId: string }> };
  await quiet(running.app.database.db);
  const first = out.messages[0];
  assert.ok(first);
  return first;
}

async function quiet(db: Db): Promise<void> {
  await eventually(
    async () => {
      const busy = await db
        .selectFrom('jobs')
        .select('id')
        .where('queue', 'in', ['turn', 'delivery'])
        .where('status', 'in', ['pending', 'running'])
        .executeTakeFirst();
      return !busy;
    },
    10_000,
    'turns and deliveries to finish',
  );
}

function api(running: RunningApp, token = running.adminToken) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${running.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { code?: string } };
  };
}

/** Everything a merge touches, for both contacts: rows and the API's views. */
async function stateOf(running: RunningApp, ids: string[]) {
  const db = running.app.database.db;
  const ws = running.workspaceId;
  const call = api(running);
  const views = [];
  for (const id of ids) views.push((await call('GET', `/api/v1/contacts/${id}`)).body);
  return {
    views,
    contacts: await db.selectFrom('contacts').selectAll().where('workspace_id', '=', ws).where('id', 'in', ids).orderBy('id').execute(),
    identities: await db
      .selectFrom('identities')
      .selectAll()
      .where('workspace_id', '=', ws)
      .where('contact_id', 'in', ids)
      .orderBy('id')
      .execute(),
    conversations: await db
      .selectFrom('conversations')
      .selectAll()
      .where('workspace_id', '=', ws)
      .where('contact_id', 'in', ids)
      .orderBy('id')
      .execute(),
    consent: await db
      .selectFrom('consent_records')
      .selectAll()
      .where('workspace_id', '=', ws)
      .where('contact_id', 'in', ids)
      .orderBy('id')
      .execute(),
    activities: await db
      .selectFrom('contact_activities')
      .selectAll()
      .where('workspace_id', '=', ws)
      .where('contact_id', 'in', ids)
      .orderBy('id')
      .execute(),
  };
}

for (const dialect of dialects) {
  describe(`merge suggestions, merges and unmerges through the API on ${dialect}`, () => {
    test('a suggestion accepted and then unmerged restores both contacts exactly', async (t) => {
      const running = await boot(t, dialect);
      if (!running) return;
      const db = running.app.database.db;
      const ws = running.workspaceId;
      const call = api(running);
      const a = await say(running, { id: 'app-ana', email: 'ana@example.com', name: 'Ana Souza' }, 'oi');
      const b = await say(running, { id: 'app-ana-2', phone: '+5521987650000', name: 'Ána  souza' }, 'bom dia');
      assert.notEqual(a.contactId, b.contactId);
      // Facts on both sides: attributes, tags, a consent record and a timeline event on B. Written
      // through the repository, which keeps the name-and-city match key the suggestion looks up.
      const at = new Date().toISOString();
      const contacts = createContactRepository(db, ws);
      await contacts.write(a.contactId, { attributes: { city: 'São Paulo', plan: 'gold' }, tags: ['vip'] }, at);
      await contacts.write(b.contactId, { attributes: { city: 'sao paulo', cpf: '12345678909' }, tags: ['lead', 'vip'] }, at);
      await db
        .insertInto('consent_records')
        .values({
          id: 'cr-b',
          workspace_id: ws,
          contact_id: b.contactId,
          channel_type: 'api',
          purpose: 'marketing',
          status: 'granted',
          source: 'api',
          evidence_message_id: null,
          created_at: at,
        })
        .execute();
      await db
        .insertInto('contact_activities')
        .values({
          workspace_id: ws,
          contact_id: b.contactId,
          kind: 'event',
          name: 'order_placed',
          properties_json: '{"total":10}',
          source: 'api',
          external_id: 'ord-1',
          occurred_at: at,
          created_at: at,
        })
        .execute();
      const deps = running.app.deps;
      const suggested = await running.app.database.transact(async (tx) => {
        const byName = await suggestMergesFor(tx, deps, { workspaceId: ws, contactId: b.contactId, now: at });
        const typed = await noteTypedIdentity(tx, deps, {
          workspaceId: ws,
          contactId: b.contactId,
          claim: { kind: 'email', value: 'Ana@Example.com' },
          source: 'chat',
          now: at,
        });
        await appendEvents(tx, [...byName.events, ...typed.events]);
        return { byName, typed };
      });
      assert.equal(suggested.typed.outcome, 'suggested');
      assert.deepEqual(suggested.byName.suggestionIds, [suggested.typed.suggestionId]);

      const list = await call('GET', `/api/v1/merge-suggestions?status=open&contactId=${a.contactId}`);
      assert.equal(list.status, 200);
      const items = list.body['data'] as Array<{ id: string; score: number; reasons: Array<{ kind: string }> }>;
      assert.equal(items.length, 1);
      assert.deepEqual(
        items[0]?.reasons.map((r) => r.kind),
        ['name_city', 'typed_email'],
      );
      assert.equal(items[0]?.score, 0.85);

      const before = await stateOf(running, [a.contactId, b.contactId]);
      const accepted = await call('POST', `/api/v1/merge-suggestions/${items[0]?.id}/accept`, {});
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      assert.equal(accepted.body['survivorId'], a.contactId, 'the older contact survives');
      const mergeId = String(accepted.body['mergeId']);

      const merged = await stateOf(running, [a.contactId, b.contactId]);
      const survivor = merged.contacts.find((c) => c.id === a.contactId);
      assert.deepEqual(
        JSON.parse(survivor?.attributes_json ?? ''),
        { city: 'São Paulo', plan: 'gold', cpf: '12345678909' },
        "the survivor's values win",
      );
      assert.deepEqual(JSON.parse(survivor?.tags_json ?? ''), ['vip', 'lead']);
      assert.equal(survivor?.phone, '+5521987650000', 'an empty profile field is filled');
      assert.equal(merged.contacts.find((c) => c.id === b.contactId)?.merged_into, a.contactId);
      assert.ok(merged.identities.every((i) => i.contact_id === a.contactId));
      assert.ok(merged.consent.every((c) => c.contact_id === a.contactId) && merged.activities.every((c) => c.contact_id === a.contactId));
      assert.equal(merged.conversations.filter((c) => c.status !== 'resolved').length, 1, 'one open conversation per contact');
      assert.equal(
        merged.conversations.find((c) => c.status !== 'resolved')?.id,
        b.conversationId,
        'the one with the latest message stays open',
      );
      const audit = await call('GET', `/api/v1/contacts/${a.contactId}/merges`);
      assert.deepEqual(
        (audit.body['data'] as Array<Record<string, unknown>>).map((m) => [
          m['id'],
          m['survivorId'],
          m['mergedId'],
          String(m['actor']).startsWith('token:'),
          m['unmergedAt'],
        ]),
        [[mergeId, a.contactId, b.contactId, true, null]],
      );
      assert.equal((await call('POST', `/api/v1/merge-suggestions/${items[0]?.id}/accept`, {})).body.code, 'suggestion_not_open');

      const undone = await call('POST', `/api/v1/merges/${mergeId}/unmerge`);
      assert.equal(undone.status, 200, JSON.stringify(undone.body));
      const after = await stateOf(running, [a.contactId, b.contactId]);
      assert.deepEqual(after, before);
      const again = await call('POST', `/api/v1/merges/${mergeId}/unmerge`);
      assert.deepEqual([again.status, again.body.code], [409, 'merge_already_undone']);
      const rejected = await call('GET', `/api/v1/merge-suggestions?contactId=${b.contactId}`);
      assert.deepEqual(
        (rejected.body['data'] as Array<{ status: string }>).map((s) => s.status),
        ['rejected'],
        'an undone merge is never suggested again',
      );
      const events = await db
        .selectFrom('events')
        .select('type')
        .where('workspace_id', '=', ws)
        .where('type', 'in', ['contact.merged', 'contact.unmerged', 'contact.merge_suggested'])
        .execute();
      assert.deepEqual(events.map((e) => e.type).sort(), ['contact.merge_suggested', 'contact.merged', 'contact.unmerged']);
    });

    test('an unmerge after further messages keeps every message; refusals are coded', async (t) => {
      const running = await boot(t, dialect);
      if (!running) return;
      const db = running.app.database.db;
      const call = api(running);
      const a = await say(running, { id: 'app-c1', name: 'Carla' }, 'oi');
      const b = await say(running, { id: 'app-c2', name: 'Carla' }, 'olá');
      const merged = await call('POST', `/api/v1/contacts/${a.contactId}/merge`, {
        otherId: b.contactId,
        reason: 'same person, confirmed by phone',
      });
      assert.equal(merged.status, 200, JSON.stringify(merged.body));
      const firstMerge = String(merged.body['mergeId']);
      // B writes again after the merge: it lands in the survivor's one open conversation.
      const later1 = await say(running, { id: 'app-c2' }, 'ainda estou aqui');
      const later2 = await say(running, { id: 'app-c1' }, 'e eu também');
      assert.equal(later1.contactId, a.contactId);
      assert.equal(later1.conversationId, later2.conversationId);
      const allMessages = async () =>
        (await db.selectFrom('messages').select(['id', 'conversation_id', 'text']).orderBy('id').execute()).map(
          (m) => `${m.id}:${m.conversation_id}:${m.text}`,
        );
      const messagesBefore = await allMessages();

      // A later merge of the survivor blocks undoing the first until it is undone itself.
      const c = await say(running, { id: 'app-c3', name: 'Carla' }, 'oi de novo');
      const second = await call('POST', `/api/v1/contacts/${c.contactId}/merge`, { otherId: a.contactId, reason: 'again' });
      assert.equal(second.status, 200);
      assert.deepEqual((await call('POST', `/api/v1/merges/${firstMerge}/unmerge`)).body.code, 'unmerge_blocked');
      assert.equal((await call('POST', `/api/v1/merges/${String(second.body['mergeId'])}/unmerge`)).status, 200);
      assert.equal((await call('POST', `/api/v1/merges/${firstMerge}/unmerge`)).status, 200);

      const messagesAfter = await allMessages();
      assert.deepEqual(
        messagesBefore.filter((m) => !messagesAfter.includes(m)),
        [],
        'every message is kept, in the conversation it was in',
      );
      const texts = (await db.selectFrom('messages').select('text').where('direction', '=', 'inbound').execute()).map((m) => m.text).sort();
      assert.deepEqual(texts, ['ainda estou aqui', 'e eu também', 'oi', 'oi de novo', 'olá'].sort());
      const contacts = await db.selectFrom('contacts').select(['id', 'merged_into']).orderBy('id').execute();
      assert.ok(contacts.every((x) => x.merged_into === null));
      // Each contact has at most one open conversation after all of this.
      const open = await db.selectFrom('conversations').select('contact_id').where('status', '<>', 'resolved').execute();
      assert.equal(new Set(open.map((o) => o.contact_id)).size, open.length);

      assert.deepEqual(
        (await call('POST', `/api/v1/contacts/${a.contactId}/merge`, { otherId: a.contactId, reason: 'x' })).body.code,
        'cannot_merge_self',
      );
      assert.deepEqual((await call('POST', `/api/v1/merges/nope/unmerge`)).body.code, 'merge_not_found');
      assert.deepEqual((await call('POST', `/api/v1/merge-suggestions/nope/reject`)).body.code, 'suggestion_not_found');
      assert.equal(
        (await call('POST', `/api/v1/contacts/${a.contactId}/merge`, { otherId: b.contactId })).status,
        400,
        'a reason is required',
      );

      // Another workspace's token sees none of it; a bot editor may not decide merges.
      const foreign = api(running, await createApiToken(db, 'ws_elsewhere', 'other', 'admin', new Date().toISOString()));
      assert.deepEqual((await foreign('GET', `/api/v1/contacts/${a.contactId}/merges`)).body.code, 'contact_not_found');
      assert.deepEqual((await foreign('POST', `/api/v1/merges/${firstMerge}/unmerge`)).body.code, 'merge_not_found');
      assert.deepEqual(
        (await foreign('POST', `/api/v1/contacts/${a.contactId}/merge`, { otherId: b.contactId, reason: 'x' })).body.code,
        'contact_not_found',
      );
      assert.deepEqual(((await foreign('GET', '/api/v1/merge-suggestions')).body['data'] as unknown[]).length, 0);
      const editor = api(running, await createApiToken(db, running.workspaceId, 'editor', 'bot_editor', new Date().toISOString()));
      assert.equal((await editor('GET', '/api/v1/merge-suggestions')).status, 403);
      assert.equal((await editor('POST', `/api/v1/contacts/${a.contactId}/merge`, { otherId: b.contactId, reason: 'x' })).status, 403);
    });
  });
}
