import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { type DatabaseHandle } from '../../src/storage/index.ts';
import { createSegmentService, type SegmentDefinition, type SegmentService } from '../../src/contacts/index.ts';
import { dialects, openTestDatabase, type DialectName } from '../support/databases.ts';

const ws = 'ws_segments';
const t0 = Date.parse('2026-03-02T12:00:00.000Z');
const at = (ms: number) => new Date(t0 + ms).toISOString();
const hour = 3_600_000;

const abandonedCart: SegmentDefinition = {
  id: 'abandoned-cart',
  name: { en: 'Abandoned cart' },
  when: {
    all: [{ event: 'cart_updated', olderThan: '2h', within: '7d' }, { none: [{ event: 'order_placed', after: 'cart_updated' }] }],
  },
};
const returning: SegmentDefinition = { id: 'returning', name: { en: 'Returning' }, when: { event: 'order_placed', count: { gte: 2 } } };
const vip: SegmentDefinition = { id: 'vip', name: { en: 'VIP' }, when: { tag: 'vip' } };
const premium: SegmentDefinition = {
  id: 'premium-sp',
  name: { en: 'Premium in SP' },
  when: {
    all: [
      { attribute: 'plan', equals: 'premium' },
      { attribute: 'state', in: ['SP', 'RJ'] },
    ],
  },
};
const pricey: SegmentDefinition = {
  id: 'asked-for-price',
  name: { en: 'Asked for price' },
  when: { intent: 'price_info', within: '7d' },
};

function openDb(t: TestContext, dialect: DialectName): Promise<DatabaseHandle | null> {
  return openTestDatabase(t, dialect, { workspace: { id: ws, slug: 'seg', name: 'Seg', at: at(0) } });
}

async function addContact(
  h: DatabaseHandle,
  id: string,
  fields: { attributes?: Record<string, unknown>; tags?: string[]; createdAt?: string } = {},
): Promise<void> {
  await h.db
    .insertInto('contacts')
    .values({
      id,
      workspace_id: ws,
      display_name: id,
      email: null,
      phone: null,
      locale: null,
      attributes_json: JSON.stringify(fields.attributes ?? {}),
      tags_json: JSON.stringify(fields.tags ?? []),
      created_at: fields.createdAt ?? at(0),
      updated_at: at(0),
    })
    .execute();
}

async function addActivity(
  h: DatabaseHandle,
  contactId: string,
  kind: 'event' | 'intent',
  name: string,
  occurredAt: string,
): Promise<void> {
  await h.db
    .insertInto('contact_activities')
    .values({
      workspace_id: ws,
      contact_id: contactId,
      kind,
      name,
      properties_json: '{}',
      source: 'api',
      external_id: null,
      occurred_at: occurredAt,
      created_at: occurredAt,
    })
    .execute();
}

function service(h: DatabaseHandle, now: () => number): SegmentService {
  return createSegmentService({ db: h.db, transact: h.transact, clock: () => new Date(now()) });
}

async function segmentEvents(h: DatabaseHandle, contactId: string): Promise<string[]> {
  const rows = await h.db
    .selectFrom('events')
    .select(['type', 'payload_json'])
    .where('workspace_id', '=', ws)
    .where('contact_id', '=', contactId)
    .where('type', 'in', ['segment.entered', 'segment.left'])
    .orderBy('id')
    .execute();
  return rows.map((r) => `${r.type} ${(JSON.parse(r.payload_json) as { segmentId: string }).segmentId}`);
}

async function pendingTimers(h: DatabaseHandle, contactId: string): Promise<string[]> {
  const rows = await h.db
    .selectFrom('jobs')
    .select('run_at')
    .where('queue', '=', 'segment')
    .where('conversation_id', '=', contactId)
    .where('status', '=', 'pending')
    .execute();
  return rows.map((r) => r.run_at);
}

for (const dialect of dialects) {
  describe(`segment membership on ${dialect}`, () => {
    test('a cart event enters "abandoned cart" two hours later and an order after it leaves it', async (t) => {
      const h = await openDb(t, dialect);
      if (!h) return;
      let now = t0;
      const segments = service(h, () => now);
      await segments.syncFileSegments(ws, [abandonedCart, returning]);
      await addContact(h, 'c1');

      await addActivity(h, 'c1', 'event', 'cart_updated', at(0));
      await h.transact((tx) => segments.refresh(tx, ws, ['c1'], ['activity'], at(0)));
      assert.deepEqual(await segments.listForContact(h.db, ws, 'c1'), []);
      assert.deepEqual(await pendingTimers(h, 'c1'), [at(2 * hour)], 'the timer is set for the moment the cart turns two hours old');

      // The timer job re-evaluates everything at its instant.
      now = t0 + 2 * hour;
      await h.transact((tx) => segments.reevaluate(tx, ws, ['c1'], at(2 * hour)));
      assert.deepEqual(await segments.listForContact(h.db, ws, 'c1'), ['abandoned-cart']);

      now = t0 + 3 * hour;
      await addActivity(h, 'c1', 'event', 'order_placed', at(3 * hour));
      await h.transact((tx) => segments.refresh(tx, ws, ['c1'], ['activity'], at(3 * hour)));
      assert.deepEqual(await segments.listForContact(h.db, ws, 'c1'), []);
      assert.deepEqual(await segmentEvents(h, 'c1'), ['segment.entered abandoned-cart', 'segment.left abandoned-cart']);

      // A second order makes a returning customer; a fresh cart after the orders starts the clock again.
      await addActivity(h, 'c1', 'event', 'order_placed', at(4 * hour));
      await addActivity(h, 'c1', 'event', 'cart_updated', at(5 * hour));
      await h.transact((tx) => segments.refresh(tx, ws, ['c1'], ['activity'], at(5 * hour)));
      assert.deepEqual(await segments.listForContact(h.db, ws, 'c1'), ['returning']);
      await h.transact((tx) => segments.reevaluate(tx, ws, ['c1'], at(7 * hour)));
      assert.deepEqual(await segments.listForContact(h.db, ws, 'c1'), ['abandoned-cart', 'returning']);
    });

    test('a cart older than the window leaves the segment when the window closes', async (t) => {
      const h = await openDb(t, dialect);
      if (!h) return;
      const segments = service(h, () => t0);
      await segments.syncFileSegments(ws, [abandonedCart]);
      await addContact(h, 'c2');
      await addActivity(h, 'c2', 'event', 'cart_updated', at(0));
      await h.transact((tx) => segments.reevaluate(tx, ws, ['c2'], at(3 * hour)));
      assert.deepEqual(await segments.listForContact(h.db, ws, 'c2'), ['abandoned-cart']);
      assert.deepEqual(await pendingTimers(h, 'c2'), [at(7 * 24 * hour)], 'next flip: the cart leaves the 7-day window');
      await h.transact((tx) => segments.reevaluate(tx, ws, ['c2'], at(7 * 24 * hour)));
      assert.deepEqual(await segments.listForContact(h.db, ws, 'c2'), []);
    });

    test('a refresh evaluates only the segments that read what changed', async (t) => {
      const h = await openDb(t, dialect);
      if (!h) return;
      const segments = service(h, () => t0);
      await segments.syncFileSegments(ws, [vip, premium, pricey]);
      await addContact(h, 'c3', { attributes: { plan: 'premium', state: 'SP' }, tags: ['VIP'] });
      await addActivity(h, 'c3', 'intent', 'price_info', at(0));

      await h.transact((tx) => segments.refresh(tx, ws, ['c3'], ['attributes'], at(hour)));
      assert.deepEqual(await segments.listForContact(h.db, ws, 'c3'), ['premium-sp'], 'tags and intents were not re-read');
      await h.transact((tx) => segments.refresh(tx, ws, ['c3'], ['tags', 'activity'], at(hour)));
      assert.deepEqual(await segments.listForContact(h.db, ws, 'c3'), ['asked-for-price', 'premium-sp', 'vip']);
      assert.deepEqual(await pendingTimers(h, 'c3'), [at(7 * 24 * hour)]);

      await h.db
        .updateTable('contacts')
        .set({ attributes_json: JSON.stringify({ plan: 'basico', state: 'SP' }) })
        .where('id', '=', 'c3')
        .execute();
      await h.transact((tx) => segments.refresh(tx, ws, ['c3'], ['attributes'], at(2 * hour)));
      assert.deepEqual(await segments.listForContact(h.db, ws, 'c3'), ['asked-for-price', 'vip']);
      assert.deepEqual(await segmentEvents(h, 'c3'), [
        'segment.entered premium-sp',
        'segment.entered asked-for-price',
        'segment.entered vip',
        'segment.left premium-sp',
      ]);
    });

    test('a merged contact leaves every segment and its survivor is re-evaluated', async (t) => {
      const h = await openDb(t, dialect);
      if (!h) return;
      const segments = service(h, () => t0);
      await segments.syncFileSegments(ws, [vip, returning]);
      await addContact(h, 'merged', { tags: ['vip'] });
      await addContact(h, 'survivor');
      await addActivity(h, 'survivor', 'event', 'order_placed', at(0));
      await addActivity(h, 'merged', 'event', 'order_placed', at(hour));
      await h.transact((tx) => segments.reevaluate(tx, ws, ['merged', 'survivor'], at(2 * hour)));
      assert.deepEqual(await segments.listForContact(h.db, ws, 'merged'), ['vip']);
      assert.deepEqual(await segments.listForContact(h.db, ws, 'survivor'), []);

      // What a merge does to the rows: the tombstone points at the survivor, which gains facts.
      await h.db.updateTable('contacts').set({ merged_into: 'survivor' }).where('id', '=', 'merged').execute();
      await h.db.updateTable('contacts').set({ tags_json: '["vip"]' }).where('id', '=', 'survivor').execute();
      await h.db.updateTable('contact_activities').set({ contact_id: 'survivor' }).where('contact_id', '=', 'merged').execute();
      await h.transact((tx) => segments.refresh(tx, ws, ['merged'], ['merge'], at(3 * hour)));
      assert.deepEqual(await segments.listForContact(h.db, ws, 'merged'), []);
      assert.deepEqual(await segments.listForContact(h.db, ws, 'survivor'), ['returning', 'vip']);
      assert.deepEqual(await segmentEvents(h, 'merged'), ['segment.entered vip', 'segment.left vip']);
    });

    test('a new or changed definition is computed for every contact in the background, in batches', async (t) => {
      const h = await openDb(t, dialect);
      if (!h) return;
      for (let i = 0; i < 45; i++)
        await addContact(h, `b${String(i).padStart(2, '0')}`, { tags: i % 3 === 0 ? ['vip'] : [], createdAt: at(-i * 60_000) });
      await addContact(h, 'gone', { tags: ['vip'] });
      await h.db.updateTable('contacts').set({ merged_into: 'b00' }).where('id', '=', 'gone').execute();
      const segments = createSegmentService({ db: h.db, transact: h.transact, clock: () => new Date(t0), backfillBatchSize: 10 });
      segments.startBackfill();
      await segments.syncFileSegments(ws, [vip]);
      await segments.idle();
      const count = async () =>
        Number(
          (
            await h.db
              .selectFrom('segment_memberships')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('workspace_id', '=', ws)
              .where('segment_id', '=', 'vip')
              .executeTakeFirstOrThrow()
          ).n,
        );
      assert.equal(await count(), 15);
      const row = await h.db.selectFrom('segments').selectAll().where('id', '=', 'vip').executeTakeFirstOrThrow();
      assert.equal(row.computed_version, row.version);

      // Same definition again: nothing to do. A changed one: recomputed (members who no longer match leave).
      await segments.syncFileSegments(ws, [{ ...vip, when: { all: [{ tag: 'vip' }, { createdWithin: '20m' }] } }]);
      await segments.idle();
      assert.equal(await count(), 7);
      await segments.stop();
    });

    test('a preview counts and lists members without writing memberships', async (t) => {
      const h = await openDb(t, dialect);
      if (!h) return;
      for (let i = 0; i < 30; i++) await addContact(h, `p${String(i).padStart(2, '0')}`, { attributes: { score: i } });
      const segments = service(h, () => t0);
      const preview = await segments.preview(ws, { id: 'high', name: { en: 'High' }, when: { attribute: 'score', gte: 5 } });
      assert.equal(preview.count, 25);
      assert.equal(preview.contactIds.length, 20);
      assert.equal(preview.contactIds[0], 'p05');
      assert.ok(preview.complete);
      const small = await segments.preview(ws, { id: 'high', name: { en: 'High' }, when: { attribute: 'score', gte: 5 } }, 10);
      assert.deepEqual([small.count, small.scanned, small.complete], [5, 10, false]);
      const stored = await h.db.selectFrom('segment_memberships').selectAll().execute();
      assert.deepEqual(stored, []);
    });
  });
}
