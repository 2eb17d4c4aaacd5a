import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { Migrator, type Kysely } from 'kysely';
import { migrateToLatest, migrations, type Database, type DatabaseHandle } from '../../src/storage/index.ts';
import {
  createContactRepository,
  createSegmentService,
  listMergeSuggestions,
  mergeContacts,
  suggestMergesFor,
  unmergeContacts,
  type MergeDeps,
} from '../../src/contacts/index.ts';
import { dialects, openTestDatabase, type DialectName } from '../support/databases.ts';

const workspaceId = 'ws_test_match_key';
const now = '2026-03-02T12:00:00.000Z';

/** A database of this dialect, migrated up to `until` (all migrations when omitted), with the workspace. */
async function database(t: TestContext, dialect: DialectName, until?: string): Promise<DatabaseHandle | null> {
  const handle = await openTestDatabase(t, dialect);
  if (!handle) return null;
  if (until === undefined) await migrateToLatest(handle.db, handle.dialect);
  else await migrateTo(handle.db, handle.dialect, until);
  await handle.db
    .insertInto('workspaces')
    .values({ id: workspaceId, slug: 'match-key', name: 'Match key', settings_json: '{}', created_at: now, updated_at: now })
    .execute();
  return handle;
}

async function migrateTo(db: Kysely<Database>, dialect: DialectName, name: string): Promise<void> {
  const provider = {
    getMigrations: () =>
      Promise.resolve(Object.fromEntries(Object.entries(migrations).map(([n, up]) => [n, { up: (d: Kysely<unknown>) => up(d, dialect) }]))),
  };
  const { error } = await new Migrator({ db, provider }).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(`migration to ${name} failed`, { cause: error });
}

const segmentsOf = (h: DatabaseHandle): MergeDeps => ({
  segments: createSegmentService({ db: h.db, transact: h.transact, clock: () => new Date(now) }),
});

async function keyOf(h: DatabaseHandle, id: string): Promise<string | null> {
  const row = await h.db.selectFrom('contacts').select('match_key').where('id', '=', id).executeTakeFirstOrThrow();
  return row.match_key ?? null;
}

/** Merges one contact into another in a transaction of its own. */
function merge(h: DatabaseHandle, deps: MergeDeps, survivorId: string, mergedId: string, when: string) {
  return h.db
    .transaction()
    .execute((tx) =>
      mergeContacts(tx, deps, { workspaceId, survivorId, mergedId, actor: 'user:t', reason: 'test', evidence: null, now: when }),
    );
}

/** A time `n` seconds after `now`, so contacts created in a loop are ordered by age. */
const at = (n: number) => new Date(Date.parse(now) + n * 1000).toISOString();

for (const dialect of dialects) {
  describe(`contacts.match_key on ${dialect}`, () => {
    test('the migration backfills the folded name and city of the contacts already there', async (t) => {
      const h = await database(t, dialect, '0013-resolve-indexes');
      if (!h) return;
      const row = (id: string, name: string | null, attributes: object) => ({
        id,
        workspace_id: workspaceId,
        display_name: name,
        email: null,
        phone: null,
        locale: null,
        attributes_json: JSON.stringify(attributes),
        tags_json: '[]',
        created_at: now,
        updated_at: now,
      });
      await h.db
        .insertInto('contacts')
        .values([
          row('ct_a', 'José  da Silva', { city: 'São Paulo', plan: 'gold' }),
          row('ct_b', 'Ana', { plan: 'gold' }),
          row('ct_c', null, { city: 'Recife' }),
          row('ct_d', 'Bia', { city: '   ' }),
        ])
        .execute();
      // 0014 runs first; later migrations follow it.
      assert.equal((await migrateToLatest(h.db, h.dialect))[0], '0014-match-keys');
      assert.equal(await keyOf(h, 'ct_a'), 'jose da silva|sao paulo');
      for (const id of ['ct_b', 'ct_c', 'ct_d']) assert.equal(await keyOf(h, id), null, id);
    });

    test('every writer of a name or the attributes keeps the key, merge and unmerge included', async (t) => {
      const h = await database(t, dialect);
      if (!h) return;
      const repo = createContactRepository(h.db, workspaceId);
      const jose = await repo.create({ displayName: 'José  da Silva', attributes: { city: 'São Paulo' } }, now);
      assert.equal(await keyOf(h, jose.id), 'jose da silva|sao paulo');

      const ana = await repo.create({ displayName: 'Ana' }, now);
      assert.equal(await keyOf(h, ana.id), null);
      await repo.write(ana.id, { attributes: { city: 'Recife' } }, now);
      assert.equal(await keyOf(h, ana.id), 'ana|recife');
      await repo.write(ana.id, { displayName: 'Ána Lima' }, now);
      assert.equal(await keyOf(h, ana.id), 'ana lima|recife');
      assert.deepEqual(await repo.mergeAttributes(ana.id, { city: 'Olinda' }, now), ['attributes.city']);
      assert.equal(await keyOf(h, ana.id), 'ana lima|olinda');
      await repo.mergeAttributes(ana.id, { plan: 'gold' }, now);
      assert.equal(await keyOf(h, ana.id), 'ana lima|olinda');
      await repo.mergeAttributes(ana.id, { city: null }, now);
      assert.equal(await keyOf(h, ana.id), null);

      const nameless = await repo.create({ attributes: { city: 'Natal' } }, now);
      await repo.fillProfile(nameless, { displayName: 'Bia' }, now);
      assert.equal(await keyOf(h, nameless.id), 'bia|natal');

      // The survivor has a name but no city; the merge fills the city from the merged contact.
      const survivor = await repo.create({ displayName: 'Carla Dias' }, now);
      const merged = await repo.create({ displayName: 'Carla', attributes: { city: 'Curitiba' } }, at(1));
      const deps = segmentsOf(h);
      const { mergeId } = await merge(h, deps, survivor.id, merged.id, now);
      assert.equal(await keyOf(h, survivor.id), 'carla dias|curitiba');
      await h.db.transaction().execute((tx) => unmergeContacts(tx, deps, { workspaceId, mergeId, actor: 'user:t', now: at(2) }));
      assert.equal(await keyOf(h, survivor.id), null);
      assert.equal(await keyOf(h, merged.id), 'carla|curitiba');
    });

    test('name-and-city suggestions: folded, live contacts only, rejected pairs left out, at most 20; a merge supersedes both sides', async (t) => {
      const h = await database(t, dialect);
      if (!h) return;
      const repo = createContactRepository(h.db, workspaceId);
      const deps = segmentsOf(h);
      const spellings = ['Maria Souza', 'MARIA  SOUZA', 'Mária Souza', 'maria souza'];
      const same: string[] = [];
      for (let i = 0; i < 25; i++) {
        const city = i % 2 === 0 ? 'São Paulo' : 'sao paulo';
        same.push((await repo.create({ displayName: spellings[i % 4], attributes: { city } }, at(i))).id);
      }
      const elsewhere = await repo.create({ displayName: 'Maria Souza', attributes: { city: 'Santos' } }, at(30));
      const newcomer = await repo.create({ displayName: 'Maria Souza', attributes: { city: 'São Paulo' } }, at(40));
      // The oldest was merged into another, the second was rejected as the newcomer before.
      await merge(h, deps, same[24]!, same[0]!, now);
      await h.db
        .insertInto('merge_suggestions')
        .values({
          id: 'ms_rejected',
          workspace_id: workspaceId,
          contact_id: same[1]!,
          candidate_id: newcomer.id,
          score: 0.5,
          reasons_json: '[]',
          status: 'rejected',
          created_at: now,
          updated_at: now,
          decided_at: now,
          decided_by: 'user:t',
          merge_id: null,
        })
        .execute();

      const suggested = await h.db
        .transaction()
        .execute((tx) => suggestMergesFor(tx, deps, { workspaceId, contactId: newcomer.id, now: at(50) }));
      assert.equal(suggested.suggestionIds.length, 20);
      const open = await listMergeSuggestions(h.db, workspaceId, { status: 'open', contactId: newcomer.id, limit: 50 });
      // The 20 oldest live candidates after the merged and the rejected one: same[2] .. same[21].
      assert.deepEqual(open.map((s) => s.candidateId).sort(), same.slice(2, 22).sort());
      assert.ok(!open.some((s) => s.candidateId === elsewhere.id));
      assert.ok(open.every((s) => s.contactId === newcomer.id && s.reasons[0]?.kind === 'name_city'));

      // A suggestion naming the candidate from the other side too; merging the candidate away supersedes both.
      const fromOtherSide = await h.db
        .transaction()
        .execute((tx) => suggestMergesFor(tx, deps, { workspaceId, contactId: same[2]!, now: at(60) }));
      assert.ok(fromOtherSide.suggestionIds.length > 0);
      const naming = await listMergeSuggestions(h.db, workspaceId, { status: 'open', contactId: same[2]!, limit: 50 });
      assert.ok(naming.some((s) => s.contactId === same[2]) && naming.some((s) => s.candidateId === same[2]));
      await merge(h, deps, same[3]!, same[2]!, at(70));
      assert.deepEqual(await listMergeSuggestions(h.db, workspaceId, { status: 'open', contactId: same[2]!, limit: 50 }), []);
      const superseded = await listMergeSuggestions(h.db, workspaceId, { status: 'superseded', contactId: same[2]!, limit: 50 });
      assert.deepEqual(superseded.map((s) => s.id).sort(), naming.map((s) => s.id).sort());
    });
  });
}
