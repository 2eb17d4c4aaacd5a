import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { IdentityClaim } from '@fio/contracts';
import { type DatabaseHandle, type DbOrTx } from '../../src/storage/index.ts';
import {
  attachVerifiedIdentity,
  createContactRepository,
  createSegmentService,
  mergeContacts,
  noteTypedIdentity,
  resolveContact,
  suggestMergesFor,
  unmergeContacts,
  type MergeDeps,
} from '../../src/contacts/index.ts';
import { appendEvents } from '../../src/events/event-log.ts';
import { dialects, openTestDatabase, type DialectName } from '../support/databases.ts';

const workspaceId = 'ws_test_merge';
const now = '2026-03-02T12:00:00.000Z';
const later = '2026-03-02T13:00:00.000Z';

async function emptyDatabase(t: TestContext, dialect: DialectName): Promise<{ handle: DatabaseHandle; deps: MergeDeps } | null> {
  const handle = await openTestDatabase(t, dialect, {
    workspace: { id: workspaceId, slug: 'merge-test', name: 'Merge test', at: now },
    poolSize: 10,
  });
  if (!handle) return null;
  return { handle, deps: { segments: createSegmentService({ db: handle.db, transact: handle.transact, clock: () => new Date(now) }) } };
}

const claim = (kind: IdentityClaim['kind'], value: string, verified = true): IdentityClaim => ({ kind, value, verified });

function inTx<T>(handle: DatabaseHandle, work: (tx: DbOrTx) => Promise<T & { events: Parameters<typeof appendEvents>[1] }>) {
  return handle.db.transaction().execute(async (tx) => {
    const out = await work(tx);
    await appendEvents(tx, out.events);
    return out;
  });
}

function resolve(h: { handle: DatabaseHandle; deps: MergeDeps }, claims: IdentityClaim[], at = now, displayName?: string) {
  return inTx(h.handle, (tx) => resolveContact(tx, h.deps, { workspaceId, claims, profile: displayName ? { displayName } : {}, now: at }));
}

async function identitiesOf(db: DbOrTx, contactId: string) {
  const rows = await db
    .selectFrom('identities')
    .select(['kind', 'value', 'verified'])
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contactId)
    .execute();
  return rows.map((r) => `${r.kind}:${r.value}${r.verified ? '' : ' (unverified)'}`).sort();
}

for (const dialect of dialects) {
  describe(`resolution and merges on ${dialect}`, () => {
    test('keeps a malformed phone or e-mail as an unverified raw identity and never crashes or joins on it', async (t) => {
      const h = await emptyDatabase(t, dialect);
      if (!h) return;
      const first = await resolve(h, [claim('phone', 'not a phone'), claim('email', 'ana@', true)]);
      assert.equal(first.created, true);
      assert.deepEqual(await identitiesOf(h.handle.db, first.contact.id), [
        'email:raw:ana@ (unverified)',
        'phone:raw:not a phone (unverified)',
      ]);
      assert.equal(first.contact.phone, null, 'a raw value never fills the profile');
      // The same odd sender again is the same contact (its own address), but a raw e-mail joins nobody.
      const again = await resolve(h, [claim('phone', ' not a phone ')]);
      assert.equal(again.contact.id, first.contact.id);
      const other = await resolve(h, [claim('api_user', 'someone'), claim('email', 'ana@')]);
      assert.notEqual(other.contact.id, first.contact.id);
      const blank = await resolve(h, [claim('external', '   ')]);
      assert.equal(blank.created, true, 'no usable claim at all still resolves (a new contact), never throws');
    });

    test('merges two contacts into the older one when one message proves a verified phone and channel address of both', async (t) => {
      const h = await emptyDatabase(t, dialect);
      if (!h) return;
      const older = await resolve(h, [claim('api_user', 'app-1'), claim('phone', '+55 11 98765-4321')], now, 'Ana');
      const newer = await resolve(h, [claim('telegram_user', '777')], later);
      const both = await resolve(h, [claim('telegram_user', '777'), claim('phone', '+551187654321')], later);
      assert.equal(both.contact.id, older.contact.id);
      assert.equal(both.mergeIds.length, 1);
      const merged = both.events.find((e) => e.type === 'contact.merged');
      assert.equal(merged?.contactId, older.contact.id);
      assert.deepEqual(
        { ...merged?.payload, filled: undefined, movedConversationIds: undefined, closedConversationId: undefined },
        {
          survivorId: older.contact.id,
          mergedId: newer.contact.id,
          mergeId: both.mergeIds[0],
          actor: 'rule:verified_phone',
          reason: merged?.payload['reason'],
          filled: undefined,
          movedConversationIds: undefined,
          closedConversationId: undefined,
        },
      );
      assert.deepEqual(await identitiesOf(h.handle.db, older.contact.id), ['api_user:app-1', 'phone:+5511987654321', 'telegram_user:777']);
      const tomb = await h.handle.db.selectFrom('contacts').select('merged_into').where('id', '=', newer.contact.id).executeTakeFirst();
      assert.equal(tomb?.merged_into, older.contact.id);
      // And back: the telegram user is its own contact again.
      await inTx(h.handle, (tx) =>
        unmergeContacts(tx, h.deps, { workspaceId, mergeId: both.mergeIds[0] ?? '', actor: 'user:test', now: later }),
      );
      assert.deepEqual(await identitiesOf(h.handle.db, newer.contact.id), ['telegram_user:777']);
    });

    test('an unverified e-mail another contact holds makes a suggestion, never a merge', async (t) => {
      const h = await emptyDatabase(t, dialect);
      if (!h) return;
      const owner = await resolve(h, [claim('api_user', 'owner'), claim('email', 'Ana@Example.com')]);
      const visitor = await resolve(h, [claim('webchat_visitor', 'v1', false), claim('email', 'ana@example.com', false)]);
      assert.notEqual(visitor.contact.id, owner.contact.id);
      assert.equal(visitor.mergeIds.length, 0);
      const suggested = visitor.events.find((e) => e.type === 'contact.merge_suggested');
      assert.equal(suggested?.payload['candidateId'], owner.contact.id);
      // Plus-addressing is another address: no match, no suggestion.
      const plus = await resolve(h, [claim('webchat_visitor', 'v2', false), claim('email', 'ana+promo@example.com', false)]);
      assert.ok(!plus.events.some((e) => e.type === 'contact.merge_suggested'));
      assert.deepEqual(await identitiesOf(h.handle.db, plus.contact.id), [
        'email:ana+promo@example.com (unverified)',
        'webchat_visitor:v2 (unverified)',
      ]);
    });

    test('noteTypedIdentity adds a free identity unverified and suggests when it is taken; a rejected pair is never suggested again', async (t) => {
      const h = await emptyDatabase(t, dialect);
      if (!h) return;
      const a = await resolve(h, [claim('api_user', 'a'), claim('phone', '+5511912345678')], now, 'José da Silva');
      const b = await resolve(h, [claim('api_user', 'b')], later, 'jose  DA silva');
      const typed = await inTx(h.handle, (tx) =>
        noteTypedIdentity(tx, h.deps, {
          workspaceId,
          contactId: b.contact.id,
          claim: { kind: 'email', value: ' B@x.com ' },
          source: 'chat',
          now,
        }),
      );
      assert.equal(typed.outcome, 'added');
      assert.deepEqual(await identitiesOf(h.handle.db, b.contact.id), ['api_user:b', 'email:b@x.com (unverified)']);
      const taken = await inTx(h.handle, (tx) =>
        noteTypedIdentity(tx, h.deps, {
          workspaceId,
          contactId: b.contact.id,
          claim: { kind: 'phone', value: 'meu zap' },
          source: 'chat',
          now,
        }),
      );
      assert.equal(taken.outcome, 'invalid', 'not a phone: nothing stored');
      const taken2 = await inTx(h.handle, (tx) =>
        noteTypedIdentity(tx, h.deps, {
          workspaceId,
          contactId: b.contact.id,
          claim: { kind: 'phone', value: '+55 11 1234-5678' },
          source: 'chat',
          now,
        }),
      );
      assert.equal(taken2.outcome, 'added', 'a landline nobody holds');
      const heldByA = await inTx(h.handle, (tx) =>
        noteTypedIdentity(tx, h.deps, {
          workspaceId,
          contactId: b.contact.id,
          claim: { kind: 'phone', value: '+5511912345678' },
          source: 'chat',
          now,
        }),
      );
      assert.equal(heldByA.outcome, 'suggested');
      // Name and city (accents and case folded) strengthen the same suggestion.
      for (const [id, city] of [
        [a.contact.id, 'São Paulo'],
        [b.contact.id, 'sao paulo'],
      ] as const)
        await createContactRepository(h.handle.db, workspaceId).write(id, { attributes: { city } }, now);
      const byName = await inTx(h.handle, (tx) => suggestMergesFor(tx, h.deps, { workspaceId, contactId: b.contact.id, now }));
      assert.deepEqual(byName.suggestionIds, [heldByA.suggestionId]);
      const row = await h.handle.db
        .selectFrom('merge_suggestions')
        .selectAll()
        .where('id', '=', heldByA.suggestionId ?? '')
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        (JSON.parse(row.reasons_json) as Array<{ kind: string }>).map((r) => r.kind),
        ['typed_phone', 'name_city'],
      );
      assert.equal(row.score, 0.85);
      await h.handle.db.updateTable('merge_suggestions').set({ status: 'rejected' }).where('id', '=', row.id).execute();
      const again = await inTx(h.handle, (tx) => suggestMergesFor(tx, h.deps, { workspaceId, contactId: a.contact.id, now }));
      assert.deepEqual(again.suggestionIds, [], 'rejected, in either direction');
      const contacts = await h.handle.db.selectFrom('contacts').select(['id', 'merged_into']).execute();
      assert.ok(
        contacts.every((c) => c.merged_into === null),
        'weak evidence never merges',
      );
    });

    test('attachVerifiedIdentity merges the holder into the older contact and keeps the caller’s conversation open', async (t) => {
      const h = await emptyDatabase(t, dialect);
      if (!h) return;
      const emailOwner = await resolve(h, [claim('email', 'ana@example.com')], now);
      const chatter = await resolve(h, [claim('webchat_visitor', 'visitor-9', false)], later);
      const open = async (contactId: string, id: string, lastMessageAt: string) =>
        h.handle.db
          .insertInto('conversations')
          .values({
            id,
            workspace_id: workspaceId,
            contact_id: contactId,
            status: 'bot',
            reply_connection_id: null,
            reply_channel_type: null,
            reply_address: null,
            bot_state_json: '{}',
            last_message_seq: 1,
            last_message_at: lastMessageAt,
            last_inbound_at: lastMessageAt,
            created_at: now,
            updated_at: lastMessageAt,
            resolved_at: null,
          })
          .execute();
      await open(emailOwner.contact.id, 'cv-mail', later); // the newer message, but not the caller's
      await open(chatter.contact.id, 'cv-chat', now);
      const out = await inTx(h.handle, (tx) =>
        attachVerifiedIdentity(tx, h.deps, {
          workspaceId,
          contactId: chatter.contact.id,
          claim: { kind: 'email', value: 'ANA@example.com' },
          actor: 'rule:verified_code',
          reason: 'one-time code answered',
          now: later,
        }),
      );
      assert.deepEqual([out.contactId, out.merged], [emailOwner.contact.id, true]);
      const conversations = await h.handle.db.selectFrom('conversations').select(['id', 'contact_id', 'status']).orderBy('id').execute();
      assert.deepEqual(conversations, [
        { id: 'cv-chat', contact_id: emailOwner.contact.id, status: 'bot' },
        { id: 'cv-mail', contact_id: emailOwner.contact.id, status: 'resolved' },
      ]);
      // Merging the same pair again is refused: the chatter is a tombstone now.
      await assert.rejects(
        inTx(h.handle, (tx) =>
          mergeContacts(tx, h.deps, {
            workspaceId,
            survivorId: emailOwner.contact.id,
            mergedId: chatter.contact.id,
            actor: 'user:x',
            reason: 'again',
            evidence: null,
            now: later,
          }),
        ),
        (err: Error & { code?: string }) => err.code === 'contact_already_merged',
      );
    });
  });
}
