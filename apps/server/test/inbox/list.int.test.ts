import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { InboxListQuery } from '@fio/contracts';
import { countInbox, listInboxConversations, markRead } from '../../src/inbox/index.ts';
import type { Principal } from '../../src/http/auth.ts';
import type { DatabaseHandle } from '../../src/storage/index.ts';
import { dialects, openTestDatabase } from '../support/databases.ts';
import { appendMessages, at, buildConversation, buildTeam, buildUser, buildWorkspace } from './support/build-inbox.ts';
import { personPrincipal, tokenPrincipal } from './support/principals.ts';

const query = (q: Partial<InboxListQuery> = {}): InboxListQuery => ({ view: 'all', limit: 50, ...q });

async function ids(h: DatabaseHandle, principal: Principal, q: Partial<InboxListQuery> = {}): Promise<string[]> {
  return (await listInboxConversations(h.db, principal, query(q))).data.map((c) => c.id);
}

/** Every page of a list, following nextCursor. */
async function walk(h: DatabaseHandle, principal: Principal, q: Partial<InboxListQuery>, between?: (page: number) => Promise<void>) {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const result = await listInboxConversations(h.db, principal, query({ ...q, cursor }));
    seen.push(...result.data.map((c) => c.id));
    if (!result.nextCursor) return seen;
    cursor = result.nextCursor;
    await between?.(page);
  }
  throw new Error('the list never ends');
}

/**
 * A small inbox: Ana (agent, team vendas) and Bia (agent, no team), a restricted team "vip" of which
 * Ana is not a member, and one conversation of each kind.
 */
async function seedInbox(t: TestContext, dialect: (typeof dialects)[number]) {
  const h = await openTestDatabase(t, dialect, { migrate: true });
  if (!h) return null;
  const ws = await buildWorkspace(h.db);
  const vendas = await buildTeam(h.db, ws, { key: 'vendas', name: 'Vendas' });
  const vip = await buildTeam(h.db, ws, { key: 'vip', name: 'VIP', restricted: true });
  const ana = await buildUser(h.db, ws, { name: 'Ana', teamIds: [vendas] });
  const bia = await buildUser(h.db, ws, { name: 'Bia' });
  const carla = await buildUser(h.db, ws, { name: 'Carla', teamIds: [vip] });
  const c = {
    bot: await buildConversation(h.db, ws, { status: 'bot', channel: 'webchat', messages: [{ at: at(10) }] }),
    queued: await buildConversation(h.db, ws, { status: 'queued', teamId: vendas, queuedAt: at(20), messages: [{ at: at(20) }] }),
    queuedUrgent: await buildConversation(h.db, ws, { status: 'queued', priority: 'urgent', queuedAt: at(30), messages: [{ at: at(30) }] }),
    anas: await buildConversation(h.db, ws, {
      assigneeId: ana,
      teamId: vendas,
      language: 'en',
      tags: ['refund'],
      slaState: 'warning',
      channel: 'whatsapp',
      messages: [{ at: at(40) }],
    }),
    biasSnoozed: await buildConversation(h.db, ws, { assigneeId: bia, snoozedUntil: at(9000), messages: [{ at: at(50) }] }),
    waitingReply: await buildConversation(h.db, ws, { assigneeId: bia, snoozedForReply: true, messages: [{ at: at(55) }] }),
    vipQueued: await buildConversation(h.db, ws, { status: 'queued', teamId: vip, queuedAt: at(60), messages: [{ at: at(60) }] }),
    vipAnas: await buildConversation(h.db, ws, { assigneeId: ana, teamId: vip, messages: [{ at: at(65) }] }),
    resolved: await buildConversation(h.db, ws, { status: 'resolved', messages: [{ at: at(70) }] }),
  };
  return { h, ws, vendas, vip, ana, bia, carla, c };
}

for (const dialect of dialects) {
  describe(`the conversation list (${dialect})`, () => {
    test('puts each conversation in its views, working views leaving out snoozed and resolved ones', async (t) => {
      const s = await seedInbox(t, dialect);
      if (!s) return;
      const { h, ws, c } = s;
      const ana = personPrincipal(ws, s.ana, 'agent', [s.vendas]);
      assert.deepEqual(await ids(h, ana, { view: 'mine' }), [c.vipAnas, c.anas]);
      // Urgent first, then the oldest in the queue; the restricted team's queue is not Ana's to see.
      assert.deepEqual(await ids(h, ana, { view: 'unassigned' }), [c.queuedUrgent, c.queued]);
      assert.deepEqual(await ids(h, ana, { view: 'my_teams' }), [c.anas, c.queued]);
      // All: bot conversations too (supervisors watch them), newest activity first.
      assert.deepEqual(await ids(h, ana, { view: 'all' }), [c.vipAnas, c.anas, c.queuedUrgent, c.queued, c.bot]);
      assert.deepEqual(await ids(h, ana, { view: 'snoozed' }), [c.waitingReply, c.biasSnoozed]);
      assert.deepEqual(await ids(h, ana, { view: 'resolved' }), [c.resolved]);

      const bia = personPrincipal(ws, s.bia);
      assert.deepEqual(await ids(h, bia, { view: 'mine' }), [], 'snoozed ones leave mine');
      assert.deepEqual(await ids(h, bia, { view: 'my_teams' }), [], 'no team, nothing');
    });

    test('hides a restricted team from agents outside it, but not from its members, its assignee or supervisors', async (t) => {
      const s = await seedInbox(t, dialect);
      if (!s) return;
      const { h, ws, c } = s;
      const outsider = await ids(h, personPrincipal(ws, s.bia), { view: 'all' });
      assert.ok(!outsider.includes(c.vipQueued) && !outsider.includes(c.vipAnas));
      const assignee = await ids(h, personPrincipal(ws, s.ana, 'agent', [s.vendas]), { view: 'all' });
      assert.ok(!assignee.includes(c.vipQueued) && assignee.includes(c.vipAnas), 'Ana sees only the one assigned to her');
      const member = await ids(h, personPrincipal(ws, s.carla, 'agent', [s.vip]), { view: 'all' });
      assert.ok(member.includes(c.vipQueued) && member.includes(c.vipAnas));
      assert.deepEqual(await ids(h, personPrincipal(ws, s.carla, 'agent', [s.vip]), { view: 'unassigned' }), [
        c.queuedUrgent,
        c.queued,
        c.vipQueued,
      ]);
      const supervisor = await ids(h, personPrincipal(ws, await buildUser(h.db, ws, { role: 'supervisor' }), 'supervisor'), {
        view: 'all',
      });
      assert.equal(supervisor.length, 6, 'every open, unsnoozed conversation');
      // Searching or filtering by the team does not reveal it either.
      assert.deepEqual(await ids(h, personPrincipal(ws, s.bia), { team: 'vip' }), []);
      assert.deepEqual(await ids(h, tokenPrincipal(ws, 'agent'), { team: 'vip' }), []);
    });

    test('filters by channel, status, team id or key, tag, priority, SLA state and language', async (t) => {
      const s = await seedInbox(t, dialect);
      if (!s) return;
      const { h, ws, c } = s;
      const sup = tokenPrincipal(ws, 'supervisor');
      assert.deepEqual(await ids(h, sup, { channel: 'webchat' }), [c.bot]);
      assert.deepEqual(await ids(h, sup, { channel: 'whatsapp' }), [c.anas]);
      assert.deepEqual(await ids(h, sup, { status: 'queued' }), [c.vipQueued, c.queuedUrgent, c.queued]);
      assert.deepEqual(await ids(h, sup, { team: 'vendas' }), [c.anas, c.queued]);
      assert.deepEqual(await ids(h, sup, { team: s.vendas }), [c.anas, c.queued]);
      assert.deepEqual(await ids(h, sup, { team: 'nope' }), []);
      assert.deepEqual(await ids(h, sup, { tag: 'refund' }), [c.anas]);
      assert.deepEqual(await ids(h, sup, { priority: 'urgent' }), [c.queuedUrgent]);
      assert.deepEqual(await ids(h, sup, { sla: 'warning' }), [c.anas]);
      assert.deepEqual(await ids(h, sup, { language: 'en' }), [c.anas]);
      assert.deepEqual(await ids(h, sup, { language: 'en', status: 'queued' }), [], 'filters AND');
      // An API token is no one: nothing is its own.
      assert.deepEqual(await ids(h, sup, { view: 'mine' }), []);
      assert.deepEqual(await ids(h, sup, { view: 'my_teams' }), []);
    });

    test('searches messages and contacts ignoring case and accents, and phone numbers as typed', async (t) => {
      const h = await openTestDatabase(t, dialect, { migrate: true });
      if (!h) return;
      const ws = await buildWorkspace(h.db);
      const joao = await buildConversation(h.db, ws, {
        contact: { name: 'João Conceição', email: 'Joao.C@Example.com', phone: '+5511987654321' },
        messages: [{ text: 'oi', at: at(1) }],
      });
      const pao = await buildConversation(h.db, ws, {
        contact: { name: 'Maria' },
        messages: [
          { text: 'O PÃO DE QUEIJO chegou frio', at: at(2) },
          { text: 'Atendimento: lamentamos', author: 'agent', at: at(3) },
        ],
      });
      const decomposed = await buildConversation(h.db, ws, {
        contact: { name: 'Jose\u0301 Ame\u0301lia' },
        messages: [{ text: 'promoção 50%_off', at: at(4) }],
      });
      const other = await buildConversation(h.db, ws, { contact: { name: 'Pedro' }, messages: [{ text: 'joanete', at: at(5) }] });
      const sup = tokenPrincipal(ws);
      assert.deepEqual(await ids(h, sup, { q: 'joao' }), [joao]);
      assert.deepEqual(await ids(h, sup, { q: 'JOÃO conceicao' }), [joao]);
      assert.deepEqual(await ids(h, sup, { q: 'pão de queijo' }), [pao]);
      assert.deepEqual(await ids(h, sup, { q: 'pao frio' }), [pao], 'every word, anywhere in the conversation');
      assert.deepEqual(await ids(h, sup, { q: 'pao quente' }), []);
      assert.deepEqual(await ids(h, sup, { q: 'lamentamos' }), [pao], "the agents' messages too");
      assert.deepEqual(await ids(h, sup, { q: 'jose amelia' }), [decomposed], 'decomposed accents');
      assert.deepEqual(await ids(h, sup, { q: 'PROMOCAO' }), [decomposed]);
      assert.deepEqual(await ids(h, sup, { q: '50%_' }), [decomposed], 'wildcards are literal');
      assert.deepEqual(await ids(h, sup, { q: '%' }), [decomposed]);
      assert.deepEqual(await ids(h, sup, { q: 'example.com' }), [joao]);
      assert.deepEqual(await ids(h, sup, { q: '(11) 98765-4321' }), [joao]);
      assert.deepEqual(await ids(h, sup, { q: '98765 4321' }), [joao]);
      assert.deepEqual(await ids(h, sup, { q: 'joa' }), [other, joao]);
    });

    test('pages with a keyset cursor that neither repeats nor skips when conversations arrive meanwhile', async (t) => {
      const h = await openTestDatabase(t, dialect, { migrate: true });
      if (!h) return;
      const ws = await buildWorkspace(h.db);
      const sup = tokenPrincipal(ws);
      const recent: string[] = [];
      // Pairs with the same instant prove the id tie-break.
      for (let i = 0; i < 9; i++) recent.push(await buildConversation(h.db, ws, { messages: [{ at: at(100 + Math.floor(i / 2)) }] }));
      const queue: string[] = [];
      for (let i = 0; i < 7; i++)
        queue.push(
          await buildConversation(h.db, ws, {
            status: 'queued',
            priority: i % 3 === 0 ? 'high' : 'normal',
            queuedAt: at(Math.floor(i / 2)),
          }),
        );
      const allAtOnce = await ids(h, sup, { view: 'all', limit: 100 });
      let arrivals = 0;
      const walked = await walk(h, sup, { view: 'all', limit: 2 }, async () => {
        arrivals++;
        await buildConversation(h.db, ws, { messages: [{ at: at(5000 + arrivals) }] });
      });
      assert.deepEqual(walked, allAtOnce, 'the newcomers sort before the cursor');
      const queueAtOnce = await ids(h, sup, { view: 'unassigned', limit: 100 });
      assert.equal(queueAtOnce.length, 7);
      const walkedQueue = await walk(h, sup, { view: 'unassigned', limit: 3 }, async () => {
        await buildConversation(h.db, ws, { status: 'queued', queuedAt: at(10_000 + arrivals++) });
      });
      assert.deepEqual(walkedQueue.slice(0, 7), queueAtOnce, 'later arrivals join the end of the queue');
      const page = await listInboxConversations(h.db, sup, query({ view: 'all', limit: 2 }));
      await assert.rejects(
        listInboxConversations(h.db, sup, query({ view: 'unassigned', cursor: page.nextCursor ?? '' })),
        (e: { code?: string }) => e.code === 'invalid_cursor',
      );
      await assert.rejects(
        listInboxConversations(h.db, sup, query({ cursor: 'garbage' })),
        (e: { code?: string }) => e.code === 'invalid_cursor',
      );
    });

    test('counts each view and the conversations with unread messages, which read marks clear', async (t) => {
      const s = await seedInbox(t, dialect);
      if (!s) return;
      const { h, ws, c } = s;
      const ana = personPrincipal(ws, s.ana, 'agent', [s.vendas]);
      assert.deepEqual(await countInbox(h.db, ana), {
        mine: 2,
        unassigned: 2,
        myTeams: 2,
        all: 5,
        snoozed: 2,
        unread: { mine: 2, unassigned: 2, myTeams: 2, all: 5 },
      });
      await markRead(h.db, ws, c.anas, s.ana, 1);
      await markRead(h.db, ws, c.queued, s.ana, 1);
      // Her own reply does not make it unread again; the customer's answer does.
      await appendMessages(h.db, ws, c.anas, [{ author: 'agent', authorId: s.ana, text: 'posso ajudar?' }]);
      assert.deepEqual((await countInbox(h.db, ana)).unread, { mine: 1, unassigned: 1, myTeams: 0, all: 3 });
      await appendMessages(h.db, ws, c.anas, [{ text: 'sim' }]);
      assert.deepEqual((await countInbox(h.db, ana)).unread, { mine: 2, unassigned: 1, myTeams: 1, all: 4 });
      const row = (await listInboxConversations(h.db, ana, query({ view: 'mine' }))).data.find((r) => r.id === c.anas);
      assert.equal(row?.unread, 1);
      const token = await countInbox(h.db, tokenPrincipal(ws, 'agent'));
      // An agent-role token is in no team: the restricted team's two stay hidden.
      assert.deepEqual(token, {
        mine: 0,
        unassigned: 2,
        myTeams: 0,
        all: 4,
        snoozed: 2,
        unread: { mine: 0, unassigned: 0, myTeams: 0, all: 0 },
      });
    });
  });
}
