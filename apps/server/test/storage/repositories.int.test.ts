import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { IdentityClaim, InboundMessageEvent } from '@fio/contracts';
import { isUniqueViolation, type DatabaseHandle } from '../../src/storage/index.ts';
import { createContactRepository, resolveContact } from '../../src/contacts/index.ts';
import { createConversationRepository } from '../../src/conversation/conversation.repository.ts';
import { createMessageRepository } from '../../src/conversation/message.repository.ts';
import { handleInboundEvent, type PipelineDeps } from '../../src/conversation/index.ts';
import { createSegmentService } from '../../src/contacts/index.ts';
import { createJobQueue, enqueueJobs } from '../../src/jobs/job-queue.ts';
import { createEventBus } from '../../src/realtime/event-bus.ts';
import { createMetrics } from '../../src/observability/metrics.ts';
import { createConnectionRegistry, type ConnectionRuntime } from '../../src/channels/connection-registry.ts';
import { createWorkspaceRegistry } from '../../src/workspace-registry.ts';
import { dialects, openTestDatabase, type DialectName } from '../support/databases.ts';

const workspaceId = 'ws_test_repositories';
const now = '2026-03-02T12:00:00.000Z';
const route = { connectionId: 'conn-api', channelType: 'api' as const, address: 'someone' };

/** A migrated, empty database with one workspace and an API connection; dropped after the test. */
function emptyDatabase(t: TestContext, dialect: DialectName): Promise<DatabaseHandle | null> {
  return openTestDatabase(t, dialect, {
    workspace: { id: workspaceId, slug: 'repo-test', name: 'Repo test', at: now },
    apiConnectionId: 'conn-api',
    poolSize: 10,
  });
}

const claim = (kind: IdentityClaim['kind'], value: string, verified = true): IdentityClaim => ({ kind, value, verified });

async function resolve(handle: DatabaseHandle, claims: IdentityClaim[]) {
  const segments = createSegmentService({ db: handle.db, transact: handle.transact, clock: () => new Date(now) });
  return handle.db.transaction().execute((tx) => resolveContact(tx, { segments }, { workspaceId, claims, profile: {}, now }));
}

async function newContactId(handle: DatabaseHandle, address: string): Promise<string> {
  return (await resolve(handle, [claim('api_user', address)])).contact.id;
}

for (const dialect of dialects) {
  describe(`repositories on ${dialect}`, () => {
    test('resolves one contact when the same verified e-mail arrives from two channels', async (t) => {
      const handle = await emptyDatabase(t, dialect);
      if (!handle) return;
      const first = await resolve(handle, [claim('api_user', 'app-7'), claim('email', 'Maria@Example.com')]);
      assert.equal(first.created, true);
      const second = await resolve(handle, [claim('webchat_visitor', 'visitor_abcdefgh'), claim('email', 'maria@example.com ')]);
      assert.equal(second.created, false);
      assert.equal(second.contact.id, first.contact.id);
      const identities = await createContactRepository(handle.db, workspaceId).listIdentities(first.contact.id);
      assert.deepEqual(identities.map((i) => `${i.kind}:${i.value}`).sort(), [
        'api_user:app-7',
        'email:maria@example.com',
        'webchat_visitor:visitor_abcdefgh',
      ]);
      const contact = await createContactRepository(handle.db, workspaceId).get(first.contact.id);
      assert.equal(contact?.email, 'maria@example.com');
    });

    test('keeps a new contact apart when it claims a known e-mail without verification', async (t) => {
      const handle = await emptyDatabase(t, dialect);
      if (!handle) return;
      const owner = await resolve(handle, [claim('api_user', 'app-1'), claim('email', 'owner@example.com')]);
      const stranger = await resolve(handle, [claim('webchat_visitor', 'visitor_stranger1'), claim('email', 'owner@example.com', false)]);
      assert.equal(stranger.created, true);
      assert.notEqual(stranger.contact.id, owner.contact.id);
      assert.equal(stranger.contact.email, null, 'an unproven e-mail does not fill the profile');
      const repo = createContactRepository(handle.db, workspaceId);
      const holders = await repo.findIdentities([claim('email', 'owner@example.com')]);
      assert.deepEqual(
        holders.map((h) => [h.contactId, h.verified]),
        [[owner.contact.id, true]],
        'the e-mail stays with its verified owner',
      );
      // The stranger comes back the same way: still themselves, never the owner.
      const again = await resolve(handle, [claim('webchat_visitor', 'visitor_stranger1'), claim('email', 'owner@example.com', false)]);
      assert.equal(again.contact.id, stranger.contact.id);
    });

    test('resolves one contact when a Brazilian mobile arrives with and without the 9th digit', async (t) => {
      const handle = await emptyDatabase(t, dialect);
      if (!handle) return;
      const old = await resolve(handle, [claim('api_user', 'wa-old'), claim('phone', '+55 (11) 8765-4321')]);
      const modern = await resolve(handle, [claim('api_user', 'app-new'), claim('phone', '+5511987654321')]);
      assert.equal(modern.contact.id, old.contact.id);
      assert.equal(old.contact.phone, '+5511987654321');
      const phones = (await createContactRepository(handle.db, workspaceId).listIdentities(old.contact.id)).filter(
        (i) => i.kind === 'phone',
      );
      assert.deepEqual(
        phones.map((p) => p.value),
        ['+5511987654321'],
      );
    });

    test('merges an anonymous visitor into the known contact when the visitor presents a verified e-mail', async (t) => {
      const handle = await emptyDatabase(t, dialect);
      if (!handle) return;
      const known = await resolve(handle, [claim('api_user', 'app-known'), claim('email', 'known@example.com')]);
      const anonymous = await resolve(handle, [claim('webchat_visitor', 'visitor_anon0001', false)]);
      assert.notEqual(anonymous.contact.id, known.contact.id);
      const loggedIn = await resolve(handle, [claim('webchat_visitor', 'visitor_anon0001', false), claim('email', 'KNOWN@example.com')]);
      assert.equal(loggedIn.contact.id, known.contact.id);
      assert.ok(
        loggedIn.events.some(
          (e) =>
            e.type === 'contact.merged' &&
            (e.payload as { mergedId?: string; actor?: string }).mergedId === anonymous.contact.id &&
            (e.payload as { actor?: string }).actor === 'rule:verified_email',
        ),
      );
      const repo = createContactRepository(handle.db, workspaceId);
      assert.deepEqual((await repo.listIdentities(anonymous.contact.id)).length, 0);
      assert.ok((await repo.listIdentities(known.contact.id)).some((i) => i.kind === 'webchat_visitor' && i.value === 'visitor_anon0001'));
    });

    test('refuses a second open conversation for one contact and allows one after the first is resolved', async (t) => {
      const handle = await emptyDatabase(t, dialect);
      if (!handle) return;
      const contactId = await newContactId(handle, 'app-open');
      const conversations = createConversationRepository(handle.db, workspaceId);
      const first = await conversations.open(contactId, route, {}, now);
      await assert.rejects(conversations.open(contactId, route, {}, now), (err) => isUniqueViolation(err));
      assert.equal((await conversations.findOpenForContact(contactId))?.id, first.id);
      await handle.db.updateTable('conversations').set({ status: 'resolved', resolved_at: now }).where('id', '=', first.id).execute();
      const second = await conversations.open(contactId, route, {}, now);
      assert.notEqual(second.id, first.id);
      assert.equal((await conversations.findOpenForContact(contactId))?.id, second.id);
    });

    test('records a bot turn with its sequence numbers, and refuses it once a person holds the conversation', async (t) => {
      const handle = await emptyDatabase(t, dialect);
      if (!handle) return;
      const conversations = createConversationRepository(handle.db, workspaceId);
      const conversation = await conversations.open(await newContactId(handle, 'app-turn'), route, {}, now);
      assert.equal(await conversations.recordBotTurn(conversation.id, 2, { language: 'pt-BR' }, 'bot', now), 1);
      assert.equal(await conversations.recordBotTurn(conversation.id, 1, { language: 'pt-BR' }, 'bot', now), 3);
      await handle.db.updateTable('conversations').set({ status: 'assigned' }).where('id', '=', conversation.id).execute();
      assert.equal(await conversations.recordBotTurn(conversation.id, 1, { language: 'en' }, 'bot', now), null);
      const after = await conversations.get(conversation.id);
      assert.equal(after?.status, 'assigned');
      assert.equal(after?.lastMessageSeq, 3);
      assert.deepEqual(after?.botState, { language: 'pt-BR' });
    });

    test('gives dense sequence numbers when 20 messages of one customer are ingested in parallel', async (t) => {
      const handle = await emptyDatabase(t, dialect);
      if (!handle) return;
      const workspaces = createWorkspaceRegistry();
      const connections = createConnectionRegistry();
      const connection = {
        id: 'conn-api',
        workspaceId,
        type: 'api',
        name: 'App',
        adapter: { definition: {} },
      } as unknown as ConnectionRuntime;
      let turnsWoken = 0;
      const deps = {
        db: handle.db,
        dialect: handle.dialect,
        transact: handle.transact,
        jobs: createJobQueue(handle.db, handle.dialect, 'test-node', handle.transact),
        bus: createEventBus(),
        connections,
        workspaces,
        engine: {} as PipelineDeps['engine'],
        clock: () => new Date(now),
        log: { info() {}, warn() {}, error() {}, debug() {} } as unknown as PipelineDeps['log'],
        metrics: createMetrics(),
        wake: { turns: () => void turnsWoken++, deliveries: () => undefined, media: () => undefined },
        replyTokenKey: Buffer.alloc(32, 7),
        segments: createSegmentService({ db: handle.db, transact: handle.transact, clock: () => new Date(now) }),
        // The bot holds these conversations: no SLA clock is touched.
        sla: {} as PipelineDeps['sla'],
      } satisfies PipelineDeps;
      const event = (i: number): InboundMessageEvent => ({
        type: 'message',
        providerMessageId: `parallel-${i}`,
        sender: { address: 'app-parallel', identities: [claim('api_user', 'app-parallel'), claim('email', 'parallel@example.com')] },
        content: { kind: 'text', text: `message ${i}` },
      });
      const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => handleInboundEvent(deps, connection, event(i))));
      assert.equal(new Set(outcomes.map((o) => o.contactId)).size, 1, 'one contact');
      assert.equal(new Set(outcomes.map((o) => o.conversationId)).size, 1, 'one conversation');
      assert.deepEqual(
        outcomes.map((o) => o.seq).sort((a, b) => (a ?? 0) - (b ?? 0)),
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      const conversationId = outcomes[0]?.conversationId ?? '';
      const stored = await createMessageRepository(handle.db, workspaceId).listAfter(conversationId, 0, 100);
      assert.deepEqual(
        stored.map((m) => m.seq),
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      const contacts = await handle.db.selectFrom('contacts').select('id').execute();
      assert.equal(contacts.length, 1);
      const turnJobs = await handle.db.selectFrom('jobs').select('id').where('queue', '=', 'turn').execute();
      assert.equal(turnJobs.length, 20);
      assert.equal(turnsWoken, 20);
      // Provider retries of the same 20 are duplicates, not new messages.
      const replays = await Promise.all(Array.from({ length: 20 }, (_, i) => handleInboundEvent(deps, connection, event(i))));
      assert.ok(replays.every((r) => r.duplicate));
      assert.equal((await createMessageRepository(handle.db, workspaceId).listAfter(conversationId, 0, 100)).length, 20);
    });

    test('claims at most one job per conversation and none before its run_at', async (t) => {
      const handle = await emptyDatabase(t, dialect);
      if (!handle) return;
      const conversations = createConversationRepository(handle.db, workspaceId);
      const convA = await conversations.open(await newContactId(handle, 'app-a'), route, {}, now);
      const convB = await conversations.open(await newContactId(handle, 'app-b'), route, {}, now);
      const convC = await conversations.open(await newContactId(handle, 'app-c'), route, {}, now);
      const later = '2026-03-02T12:05:00.000Z';
      await enqueueJobs(
        handle.db,
        [
          { workspaceId, queue: 'delivery', conversationId: convA.id, payload: { n: 'a1' } },
          { workspaceId, queue: 'delivery', conversationId: convA.id, payload: { n: 'a2' } },
          { workspaceId, queue: 'delivery', conversationId: convB.id, payload: { n: 'b1' } },
          { workspaceId, queue: 'delivery', conversationId: convC.id, payload: { n: 'c1' }, runAt: later },
          { workspaceId, queue: 'turn', conversationId: convA.id, payload: { n: 'turn-a' } },
        ],
        now,
      );
      // Leases far longer than the test's clock moves, so only run_at and ordering decide.
      const queue = createJobQueue(handle.db, handle.dialect, 'node-1', handle.transact, 3_600_000);
      const other = createJobQueue(handle.db, handle.dialect, 'node-2', handle.transact, 3_600_000);
      const at = new Date(now);
      // Two nodes claim at the same time: together they take a1 and b1, each once.
      const [mine, theirs] = await Promise.all([queue.claim('delivery', 10, at), other.claim('delivery', 10, at)]);
      const claimed = [...mine, ...theirs].map((j) => j.payload['n']).sort();
      assert.deepEqual(claimed, ['a1', 'b1']);
      assert.ok([...mine, ...theirs].every((j) => j.attempts === 1));
      assert.deepEqual(await queue.claim('delivery', 10, at), [], 'a2 waits for a1; c1 is not due');
      assert.deepEqual(
        (await queue.claim('turn', 10, at)).map((j) => j.payload['n']),
        ['turn-a'],
        'queues are independent',
      );

      const a1 = [...mine, ...theirs].find((j) => j.payload['n'] === 'a1');
      assert.ok(a1);
      const holder = mine.includes(a1) ? queue : other;
      const stranger = holder === queue ? other : queue;
      await assert.rejects(
        // A claim that is not the current one (another node's, or an older claim of the same node).
        handle.db.transaction().execute((tx) => stranger.complete(tx, { ...a1, lockedBy: 'node-1/an-older-claim' })),
        /no longer held/,
      );
      await handle.db.transaction().execute((tx) => holder.complete(tx, a1));
      assert.deepEqual(
        (await queue.claim('delivery', 10, at)).map((j) => j.payload['n']),
        ['a2'],
      );
      assert.deepEqual(
        (await queue.claim('delivery', 10, new Date('2026-03-02T12:04:59.000Z'))).map((j) => j.payload['n']),
        [],
      );
      assert.deepEqual(
        (await queue.claim('delivery', 10, new Date(later))).map((j) => j.payload['n']),
        ['c1'],
      );

      // A job retried later blocks its conversation's next job until it is done.
      const b1 = [...mine, ...theirs].find((j) => j.payload['n'] === 'b1');
      assert.ok(b1);
      await enqueueJobs(handle.db, [{ workspaceId, queue: 'delivery', conversationId: convB.id, payload: { n: 'b2' } }], now);
      await (mine.includes(b1) ? queue : other).retryLater(b1, new Date('2026-03-02T12:10:00.000Z'), 'provider_unavailable');
      assert.deepEqual(await queue.claim('delivery', 10, new Date(later)), []);
      assert.deepEqual(
        (await queue.claim('delivery', 10, new Date('2026-03-02T12:10:00.000Z'))).map((j) => [j.payload['n'], j.attempts]),
        [['b1', 2]],
      );
    });

    test('moves a delivery status only forward', async (t) => {
      const handle = await emptyDatabase(t, dialect);
      if (!handle) return;
      const conversation = await createConversationRepository(handle.db, workspaceId).open(
        await newContactId(handle, 'app-status'),
        route,
        {},
        now,
      );
      const messages = createMessageRepository(handle.db, workspaceId);
      const base = {
        conversationId: conversation.id,
        direction: 'outbound' as const,
        author: 'bot' as const,
        connectionId: 'conn-api',
        channelType: 'api' as const,
        content: { kind: 'text' as const, text: 'oi' },
        providerMessageId: null,
        replyToMessageId: null,
        status: 'pending' as const,
      };
      const m = await messages.append({ ...base, seq: 1 }, now);
      const steps: Array<[Parameters<typeof messages.advanceStatus>[1], boolean]> = [
        ['sent', true],
        ['sent', false],
        ['pending', false],
        ['delivered', true],
        ['sent', false],
        ['read', true],
        ['delivered', false],
        ['failed', false],
      ];
      for (const [status, moved] of steps) assert.equal(await messages.advanceStatus(m.id, status, now), moved, `→ ${status}`);
      assert.equal((await messages.get(m.id))?.status, 'read');

      const f = await messages.append({ ...base, seq: 2 }, now);
      assert.equal(await messages.advanceStatus(f.id, 'failed', now, { error: { code: 'rejected', message: 'no' } }), true);
      assert.equal(await messages.advanceStatus(f.id, 'delivered', now), false, 'failed is terminal');
      assert.deepEqual((await messages.get(f.id))?.error, { code: 'rejected', message: 'no' });
      await messages.resetForRetry(f.id, now);
      assert.equal((await messages.get(f.id))?.status, 'pending', 'only an operator retry puts it back');
      assert.equal(await messages.advanceStatus(f.id, 'delivered', now), true);
    });
  });
}
