import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createChannelCatalog } from '../../src/channels/channel-catalog.ts';
import { createConsentRepository } from '../../src/compliance/index.ts';
import {
  buildContactView,
  createContact,
  createContactRepository,
  createSegmentRepository,
  createSegmentService,
  exportContactsCsv,
  importContacts,
  listContactIds,
  listTimeline,
  recordActivity,
  recordBusinessEvents,
  updateContact,
  type ProfileWriterDeps,
} from '../../src/contacts/index.ts';
import { type DatabaseHandle } from '../../src/storage/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { createWorkspaceRegistry } from '../../src/workspace-registry.ts';
import { dialects, openTestDatabase, type DialectName } from '../support/databases.ts';

const ws = 'ws_profile_functions';
const now = '2026-03-02T12:00:00.000Z';
const demoDir = new URL('../../../../workspaces/demo', import.meta.url).pathname;

/** A migrated database with the demo workspace's fields and segments, and the real segment service. */
async function setUp(t: TestContext, dialect: DialectName): Promise<{ handle: DatabaseHandle; deps: ProfileWriterDeps } | null> {
  const handle = await openTestDatabase(t, dialect, { workspace: { id: ws, slug: 'profile-test', name: 'Profile test', at: now } });
  if (!handle) return null;
  const channelSchemas = new Map(
    [...createChannelCatalog()].map(([type, a]) => [
      type,
      { configSchema: a.definition.configSchema, secretsSchema: a.definition.secretsSchema },
    ]),
  );
  const loaded = await loadWorkspace(demoDir, { env: process.env, channelSchemas });
  assert.ok(loaded.ok, JSON.stringify(loaded));
  const workspaces = createWorkspaceRegistry();
  workspaces.set({ id: ws, slug: 'profile-test', definition: loaded.workspace });
  for (const segment of loaded.workspace.segments ?? []) await createSegmentRepository(handle.db).upsert(ws, segment, 'file', now);
  const segments = createSegmentService({ db: handle.db, transact: handle.transact, clock: () => new Date(now) });
  return { handle, deps: { segments, workspaces, transact: handle.transact } };
}

for (const dialect of dialects) {
  test(`profile writes, activities, timeline and CSV on ${dialect}`, async (t) => {
    const ready = await setUp(t, dialect);
    if (!ready) return;
    const { handle, deps } = ready;
    const repo = createContactRepository(handle.db, ws);

    const created = await handle.transact((tx) =>
      createContact(tx, deps, {
        workspaceId: ws,
        profile: { displayName: 'Rita', email: 'Rita@Example.com', attributes: { city: 'Olinda', state: 'PE' } },
        tags: ['vip'],
        source: 'api',
        identitySource: 'api',
        now,
      }),
    );
    assert.ok(created.ok, JSON.stringify(created));
    const id = created.contact.id;
    assert.equal(created.contact.email, 'rita@example.com');
    assert.deepEqual(Object.keys(created.contact.fieldMeta).sort(), [
      'attributes.city',
      'attributes.state',
      'displayName',
      'email',
      'tags',
    ]);

    const later = '2026-03-02T13:00:00.000Z';
    const updated = await handle.transact((tx) =>
      updateContact(tx, deps, {
        workspaceId: ws,
        contactId: id,
        profile: { attributes: { city: 'Olinda', plan: 'premium' } },
        tags: { add: ['atacado'] },
        source: 'token:tok_test',
        identitySource: 'api',
        whenIdentityTaken: 'suggest',
        now: later,
      }),
    );
    assert.ok(updated.ok);
    assert.deepEqual(updated.changed, ['attributes.plan', 'tags']);
    assert.deepEqual(updated.contact.fieldMeta['attributes.plan'], { at: later, source: 'token:tok_test' });
    assert.deepEqual(updated.contact.fieldMeta['attributes.city'], { at: now, source: 'api' }, 'an unchanged value keeps its stamp');

    // The flow path: a bad value is dropped (never thrown), a good one coerced and stamped 'bot'.
    const changed = await handle.transact((tx) =>
      createContactRepository(tx, ws).mergeAttributes(id, { birthday: '31/12/1990', marketing_opt_in: 'sim' }, later, {
        fields: deps.workspaces.get(ws)?.definition.contactFields ?? [],
      }),
    );
    assert.deepEqual(changed, ['attributes.marketing_opt_in']);
    const rita = await repo.get(id);
    assert.equal(rita?.attributes['marketing_opt_in'], true);
    assert.equal(rita?.attributes['birthday'], undefined);
    assert.equal(rita?.fieldMeta['attributes.marketing_opt_in']?.source, 'bot');

    const first = await handle.transact((tx) =>
      recordActivity(tx, deps, {
        workspaceId: ws,
        contactId: id,
        kind: 'intent',
        name: 'talk_to_human',
        properties: { confidence: 0.9 },
        source: 'bot',
        externalId: 'turn-1',
        occurredAt: later,
        now: later,
      }),
    );
    const again = await handle.transact((tx) =>
      recordActivity(tx, deps, {
        workspaceId: ws,
        contactId: id,
        kind: 'intent',
        name: 'talk_to_human',
        properties: {},
        source: 'bot',
        externalId: 'turn-1',
        occurredAt: later,
        now: later,
      }),
    );
    assert.deepEqual(again, { ...first, duplicate: true });
    assert.ok((await deps.segments.listForContact(handle.db, ws, id)).includes('asked-for-support'));

    const results = await recordBusinessEvents(deps, {
      workspaceId: ws,
      items: [
        { id: 'o-1', name: 'order_placed', contact: { email: 'rita@example.com' }, occurredAt: '2026-03-01T09:00:00Z' },
        { id: 'o-2', name: 'order_placed', contact: { id }, occurredAt: '2026-03-01T10:00:00-03:00' },
        { name: 'order placed', contact: { id } },
      ],
      now: later,
    });
    assert.deepEqual(
      results.map((r) => r.status),
      ['recorded', 'recorded', 'error'],
    );
    assert.ok((await deps.segments.listForContact(handle.db, ws, id)).includes('returning-customers'));

    const all = await listTimeline(handle.db, { workspaceId: ws, contactId: id, kinds: ['event', 'intent', 'segment'], limit: 100 });
    const paged = [];
    let after;
    do {
      const page = await listTimeline(handle.db, {
        workspaceId: ws,
        contactId: id,
        kinds: ['event', 'intent', 'segment'],
        after,
        limit: 1,
      });
      paged.push(...page.items);
      after = page.next ?? undefined;
    } while (after);
    assert.deepEqual(
      paged.map((i) => i.id),
      all.items.map((i) => i.id),
    );
    assert.deepEqual(
      all.items.filter((i) => i.kind === 'event').map((i) => i.at),
      ['2026-03-01T13:00:00.000Z', '2026-03-01T09:00:00.000Z'],
    );

    // A merged id is read through to its survivor.
    const other = await handle.transact((tx) =>
      createContact(tx, deps, { workspaceId: ws, profile: { displayName: 'Rita 2' }, source: 'api', identitySource: 'api', now }),
    );
    assert.ok(other.ok);
    await handle.db.updateTable('contacts').set({ merged_into: id }).where('id', '=', other.contact.id).execute();
    assert.equal((await repo.getFollowingMerges(other.contact.id))?.id, id);

    const consent = createConsentRepository(handle.db, ws);
    await consent.record({ contactId: id, channelType: 'whatsapp', purpose: 'messaging', status: 'granted', source: 'api' }, now);
    await consent.record({ contactId: id, channelType: 'whatsapp', purpose: 'messaging', status: 'withdrawn', source: 'keyword' }, later);
    await consent.record({ contactId: id, channelType: 'email', purpose: 'marketing', status: 'granted', source: 'api' }, later);
    const ritaNow = await repo.get(id);
    assert.ok(ritaNow);
    const view = await buildContactView(handle.db, deps, repo, ritaNow);
    assert.deepEqual(view.consent?.map((c) => [c.channelType, c.purpose, c.status]).sort(), [
      ['email', 'marketing', 'granted'],
      ['whatsapp', 'messaging', 'withdrawn'],
    ]);
    assert.deepEqual(view.segments?.slice().sort(), ['asked-for-support', 'new-customers', 'returning-customers']);
    assert.equal(view.identities[0]?.source, 'api');

    const page = { limit: 10 };
    assert.deepEqual(await listContactIds(handle.db, ws, { q: 'RI' }, page), [id], 'name prefix, any case; the tombstone left out');
    assert.deepEqual(await listContactIds(handle.db, ws, { q: 'rita@ex' }, page), [id]);
    assert.deepEqual(await listContactIds(handle.db, ws, { tag: 'atacado', segment: 'returning-customers' }, page), [id]);
    assert.deepEqual(await listContactIds(handle.db, ws, { tag: 'ata%' }, page), [], 'LIKE wildcards match literally');
    assert.deepEqual(await listContactIds(handle.db, ws, { email: 'RITA@example.com' }, page), [id]);

    let csv = '';
    for await (const chunk of exportContactsCsv(handle.db, deps, ws, deps.workspaces.get(ws)?.definition.contactFields ?? [])) csv += chunk;
    assert.equal(csv.trim().split('\r\n').length, 2, 'the header and Rita; the merged tombstone is left out');
    const before = await handle.db.selectFrom('contacts').selectAll().orderBy('id').execute();
    const back = await importContacts(deps, {
      workspaceId: ws,
      text: csv,
      dryRun: false,
      source: 'import',
      now: '2026-03-03T00:00:00.000Z',
    });
    assert.ok(back.ok);
    assert.deepEqual(
      { ...back.summary, errors: back.summary.errors.length },
      { created: 0, updated: 0, unchanged: 1, skipped: 0, errors: 0, dryRun: false },
    );
    assert.deepEqual(await handle.db.selectFrom('contacts').selectAll().orderBy('id').execute(), before);
  });
}
