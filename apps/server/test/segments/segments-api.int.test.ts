import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken } from '../../src/security/bootstrap-admin.ts';
import { createTestEnvironment, eventually, startTestApp, type RunningApp } from '../support/test-app.ts';
import { dialects, postgresSkipReason } from '../support/databases.ts';

const demoSegments = ['abandoned-cart', 'asked-for-price', 'asked-for-support', 'new-customers', 'returning-customers'];

async function call(app: RunningApp, method: string, path: string, body?: unknown, token = app.adminToken) {
  const res = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> & { data?: unknown[] } };
}

async function addContact(app: RunningApp, id: string, attributes: Record<string, unknown>, createdAt: string): Promise<void> {
  await app.app.database.db
    .insertInto('contacts')
    .values({
      id,
      workspace_id: app.workspaceId,
      display_name: id,
      email: null,
      phone: null,
      locale: null,
      attributes_json: JSON.stringify(attributes),
      tags_json: '[]',
      created_at: createdAt,
      updated_at: createdAt,
    })
    .execute();
}

describe('segments API', () => {
  test('lists the demo segments, defines, changes, previews and deletes API segments, and refuses to change file ones', async (t) => {
    const te = await createTestEnvironment('sqlite');
    const app = await startTestApp(te);
    t.after(async () => {
      await app.app.close();
      await te.cleanup();
    });
    const now = new Date().toISOString();
    await addContact(app, 'ct_seg_a', { plan: 'premium', city: 'Santos' }, now);
    await addContact(app, 'ct_seg_b', { plan: 'basico', city: 'Santos' }, now);
    await addContact(app, 'ct_seg_c', { plan: 'premium', city: 'Campinas' }, now);

    const openapi = await call(app, 'GET', '/api/v1/openapi.json');
    const paths = Object.keys(openapi.body['paths'] as Record<string, unknown>).filter((p) => p.startsWith('/api/v1/segments'));
    assert.deepEqual(paths.sort(), [
      '/api/v1/segments',
      '/api/v1/segments/preview',
      '/api/v1/segments/{id}',
      '/api/v1/segments/{id}/contacts',
    ]);

    const list = await call(app, 'GET', '/api/v1/segments');
    assert.equal(list.status, 200);
    const listed = list.body.data as { id: string; source: string }[];
    assert.deepEqual(
      listed.map((s) => s.id),
      demoSegments,
    );
    assert.ok(listed.every((s) => s.source === 'file'));

    const definition = {
      id: 'premium-santos',
      name: { 'pt-BR': 'Premium em Santos', en: 'Premium in Santos' },
      when: {
        all: [
          { attribute: 'plan', equals: 'premium' },
          { attribute: 'city', equals: 'santos' },
        ],
      },
    };
    const preview = await call(app, 'POST', '/api/v1/segments/preview', { when: definition.when });
    assert.equal(preview.status, 200);
    assert.deepEqual(preview.body, { count: 1, contactIds: ['ct_seg_a'], scanned: 3, complete: true });

    const created = await call(app, 'POST', '/api/v1/segments', definition);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body['source'], 'api');
    const computed = await eventually(
      async () => {
        const got = await call(app, 'GET', '/api/v1/segments/premium-santos');
        return got.body['computed'] === true ? got.body : undefined;
      },
      5000,
      'the backfill of the new segment',
    );
    assert.equal(computed['memberCount'], 1);
    const members = await call(app, 'GET', '/api/v1/segments/premium-santos/contacts?limit=10');
    assert.deepEqual(
      members.body.data?.map((m) => (m as { contactId: string }).contactId),
      ['ct_seg_a'],
    );
    assert.equal(members.body['nextCursor'], null);

    assert.equal((await call(app, 'POST', '/api/v1/segments', definition)).body['code'], 'segment_exists');

    // A wider condition is a new version: recomputed in the background.
    const changed = await call(app, 'PUT', '/api/v1/segments/premium-santos', {
      ...definition,
      when: { attribute: 'plan', equals: 'premium' },
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    const recomputed = await eventually(
      async () => {
        const got = await call(app, 'GET', '/api/v1/segments/premium-santos');
        return got.body['computed'] === true && got.body['memberCount'] === 2 ? got.body : undefined;
      },
      5000,
      'the backfill of the changed segment',
    );
    assert.notEqual(recomputed['version'], computed['version']);
    const page1 = await call(app, 'GET', '/api/v1/segments/premium-santos/contacts?limit=1');
    assert.equal(page1.body.data?.length, 1);
    const page2 = await call(app, 'GET', `/api/v1/segments/premium-santos/contacts?limit=1&cursor=${String(page1.body['nextCursor'])}`);
    assert.deepEqual(
      [...(page1.body.data ?? []), ...(page2.body.data ?? [])].map((m) => (m as { contactId: string }).contactId),
      ['ct_seg_a', 'ct_seg_c'],
    );

    const fileEdit = await call(app, 'PUT', '/api/v1/segments/abandoned-cart', definition);
    assert.deepEqual([fileEdit.status, fileEdit.body['code']], [409, 'segment_read_only']);
    const fileDelete = await call(app, 'DELETE', '/api/v1/segments/new-customers');
    assert.deepEqual([fileDelete.status, fileDelete.body['code']], [409, 'segment_read_only']);

    const deleted = await call(app, 'DELETE', '/api/v1/segments/premium-santos');
    assert.equal(deleted.status, 200);
    assert.equal((await call(app, 'GET', '/api/v1/segments/premium-santos')).body['code'], 'segment_not_found');
    const left = await app.app.database.db
      .selectFrom('segment_memberships')
      .selectAll()
      .where('segment_id', '=', 'premium-santos')
      .execute();
    assert.deepEqual(left, []);
  });

  test('bad definitions are refused with the field named; agents may read but not write', async (t) => {
    const te = await createTestEnvironment('sqlite');
    const app = await startTestApp(te);
    t.after(async () => {
      await app.app.close();
      await te.cleanup();
    });
    const bad = await call(app, 'POST', '/api/v1/segments', {
      id: 'bad',
      name: { en: 'No default language' },
      when: {
        all: [
          { event: 'cart_updated', within: 'a week' },
          { attribute: 'shoe_size', gt: 40 },
          { tag: 'vip', colour: 'red' },
        ],
      },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body['code'], 'validation_failed');
    const fields = (bad.body['details'] as { field: string }[]).map((d) => d.field);
    assert.deepEqual(fields.sort(), ['when.all[0].within', 'when.all[2].colour']);
    const unknownField = await call(app, 'POST', '/api/v1/segments', {
      id: 'bad',
      name: { en: 'No default language' },
      when: { attribute: 'shoe_size', gt: 40 },
    });
    assert.deepEqual(
      (unknownField.body['details'] as { field: string }[]).map((d) => d.field),
      ['name', 'when.attribute'],
    );
    const preview = await call(app, 'POST', '/api/v1/segments/preview', { when: { event: 'x', after: 'y' } });
    assert.deepEqual(
      (preview.body['details'] as { field: string }[]).map((d) => d.field),
      ['when.after'],
    );

    const agent = await createApiToken(app.app.database.db, app.workspaceId, 'agent', 'agent', new Date().toISOString());
    assert.equal((await call(app, 'GET', '/api/v1/segments', undefined, agent)).status, 200);
    const refused = await call(app, 'POST', '/api/v1/segments', { id: 'x', name: { 'pt-BR': 'X' }, when: { tag: 'x' } }, agent);
    assert.deepEqual([refused.status, refused.body['code']], [403, 'forbidden']);
    assert.equal((await call(app, 'GET', '/api/v1/segments/nope', undefined, agent)).body['code'], 'segment_not_found');
  });

  test('the abandoned-cart timer runs at cart + 2h on the app clock and the contact enters', async (t) => {
    const te = await createTestEnvironment('sqlite');
    let now = Date.parse('2026-05-04T10:00:00.000Z');
    const app = await startTestApp(te, { clock: () => new Date(now) });
    t.after(async () => {
      await app.app.close();
      await te.cleanup();
    });
    const db = app.app.database.db;
    const cartAt = new Date(now).toISOString();
    await addContact(app, 'ct_cart', {}, cartAt);
    await app.app.database.transact(async (tx) => {
      await tx
        .insertInto('contact_activities')
        .values({
          workspace_id: app.workspaceId,
          contact_id: 'ct_cart',
          kind: 'event',
          name: 'cart_updated',
          properties_json: '{"value": 120}',
          source: 'api',
          external_id: null,
          occurred_at: cartAt,
          created_at: cartAt,
        })
        .execute();
      await app.app.deps.segments.refresh(tx, app.workspaceId, ['ct_cart'], ['activity'], cartAt);
    });
    const memberships = () => app.app.deps.segments.listForContact(db, app.workspaceId, 'ct_cart');
    assert.ok(!(await memberships()).includes('abandoned-cart'));

    now += 2 * 3_600_000 - 60_000;
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!(await memberships()).includes('abandoned-cart'), 'a minute before the two hours the contact is not in yet');

    now += 60_000;
    await eventually(async () => (await memberships()).includes('abandoned-cart'), 5000, 'the timer job');
    const entered = await db
      .selectFrom('events')
      .select(['occurred_at', 'payload_json'])
      .where('contact_id', '=', 'ct_cart')
      .where('type', '=', 'segment.entered')
      .where('payload_json', 'like', '%abandoned-cart%')
      .execute();
    assert.deepEqual(
      entered.map((e) => [e.occurred_at, JSON.parse(e.payload_json)]),
      [[new Date(Date.parse(cartAt) + 2 * 3_600_000).toISOString(), { segmentId: 'abandoned-cart' }]],
    );
    // The job left behind the next timer: the cart leaving the 7-day window.
    const next = await db
      .selectFrom('jobs')
      .select('run_at')
      .where('queue', '=', 'segment')
      .where('conversation_id', '=', 'ct_cart')
      .execute();
    assert.deepEqual(
      next.map((j) => j.run_at),
      [new Date(Date.parse(cartAt) + 7 * 86_400_000).toISOString()],
    );
  });
});

for (const dialect of dialects) {
  describe(`segment membership through POST /api/v1/events on ${dialect}`, () => {
    test('a cart event puts the contact in "abandoned cart" two hours later; an order takes them out', async (t) => {
      if (dialect === 'postgres') {
        const why = await postgresSkipReason();
        if (why) return t.skip(why);
      }
      const te = await createTestEnvironment(dialect);
      let now = Date.parse('2026-07-01T09:00:00.000Z');
      const app = await startTestApp(te, { clock: () => new Date(now) });
      t.after(async () => {
        await app.app.close();
        await te.cleanup();
      });
      await addContact(app, 'ct_shopper', {}, new Date(now - 30 * 86_400_000).toISOString());
      const post = (name: string, id: string) =>
        call(app, 'POST', '/api/v1/events', { id, name, contact: { id: 'ct_shopper' }, properties: { total: 99.9 } });
      const members = () => call(app, 'GET', '/api/v1/segments/abandoned-cart/contacts');
      const ids = async () => ((await members()).body.data ?? []).map((m) => (m as { contactId: string }).contactId);

      assert.equal((await post('cart_updated', 'cart-1')).status, 202);
      assert.deepEqual(await ids(), []);
      now += 2 * 3_600_000;
      await eventually(async () => (await ids()).includes('ct_shopper'), 5000, 'the contact entering abandoned cart');

      assert.equal((await post('order_placed', 'order-1')).status, 202);
      assert.deepEqual(await ids(), [], 'the order, recorded after the cart, takes the contact out at once');
      const events = await app.app.database.db
        .selectFrom('events')
        .select(['type', 'payload_json'])
        .where('contact_id', '=', 'ct_shopper')
        .where('type', 'in', ['segment.entered', 'segment.left'])
        .orderBy('id')
        .execute();
      assert.deepEqual(
        events.map((e) => `${e.type} ${(JSON.parse(e.payload_json) as { segmentId: string }).segmentId}`),
        ['segment.entered abandoned-cart', 'segment.left abandoned-cart'],
      );
    });
  });
}
