import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { routeWaitingConversations } from '../../src/handoff/index.ts';
import type { Db } from '../../src/storage/index.ts';
import { createAgent } from '../support/agents.ts';
import { dialects } from '../support/databases.ts';
import { eventually } from '../support/test-app.ts';
import { caller, handoffDepsOf, insertQueued, startHandoffApp, startSecondNode, teamId } from './handoff-support.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 12, minute)).toISOString();

async function routingIdle(db: Db): Promise<void> {
  await eventually(
    async () => (await db.selectFrom('jobs').select('id').where('queue', '=', 'routing').execute()).length === 0,
    8000,
    'routing idle',
  );
}

async function assigneesOf(db: Db, ids: string[]): Promise<(string | null)[]> {
  const rows = await db.selectFrom('conversations').select(['id', 'assignee_id']).where('id', 'in', ids).execute();
  return ids.map((id) => rows.find((r) => r.id === id)?.assignee_id ?? null);
}

const count = (list: (string | null)[], who: string) => list.filter((a) => a === who).length;

for (const dialect of dialects) {
  describe(`routing on ${dialect}`, () => {
    test('round robin spreads, least busy fills the emptiest, manual teams wait, away and offline agents get none', async (t) => {
      const ctx = await startHandoffApp(t, dialect);
      if (!ctx) return;
      const { running, db } = ctx;
      const ws = running.workspaceId;
      await routingIdle(db);
      const deps = handoffDepsOf(running.app);

      const rr = await Promise.all([1, 2, 3].map(() => createAgent(db, ws, { teams: ['atendimento'], presence: 'online' })));
      const away = await createAgent(db, ws, { teams: ['atendimento'], presence: 'away' });
      const offline = await createAgent(db, ws, { teams: ['atendimento'], presence: 'offline' });
      const atendimento = await teamId(db, ws, 'atendimento');
      const rrConversations = [];
      for (let i = 0; i < 6; i++) rrConversations.push(await insertQueued(db, ws, { teamId: atendimento, queuedAt: at(i) }));

      const [v1, v2] = await Promise.all([1, 2].map(() => createAgent(db, ws, { teams: ['vendas'], presence: 'online' })));
      assert.ok(v1 && v2);
      const vendas = await teamId(db, ws, 'vendas');
      // v1 already holds two conversations.
      for (let i = 0; i < 2; i++) {
        const busy = await insertQueued(db, ws, { teamId: vendas, queuedAt: at(i) });
        await db.updateTable('conversations').set({ status: 'assigned', assignee_id: v1.userId }).where('id', '=', busy).execute();
      }
      const salesConversations = [];
      for (let i = 0; i < 3; i++) salesConversations.push(await insertQueued(db, ws, { teamId: vendas, queuedAt: at(10 + i) }));

      const financeiro = await teamId(db, ws, 'financeiro');
      await db.updateTable('teams').set({ routing: 'manual' }).where('id', '=', financeiro).execute();
      await createAgent(db, ws, { teams: ['financeiro'], presence: 'online' });
      const manual = await insertQueued(db, ws, { teamId: financeiro, queuedAt: at(0) });

      await routeWaitingConversations(deps, ws);

      const rrAssignees = await assigneesOf(db, rrConversations);
      for (const agent of rr) assert.equal(count(rrAssignees, agent.userId), 2, 'round robin: two each');
      assert.equal(count(rrAssignees, away.userId) + count(rrAssignees, offline.userId), 0, 'away and offline get none');
      const salesAssignees = await assigneesOf(db, salesConversations);
      assert.deepEqual([count(salesAssignees, v2.userId), count(salesAssignees, v1.userId)], [2, 1], 'least busy: the emptiest first');
      assert.deepEqual(await assigneesOf(db, [manual]), [null], 'a manual team waits for a person');
      const event = await db
        .selectFrom('events')
        .select('payload_json')
        .where('conversation_id', '=', rrConversations[0] ?? '')
        .where('type', '=', 'agent.assigned')
        .executeTakeFirstOrThrow();
      assert.equal(JSON.parse(event.payload_json).by, 'routing');
    });

    test('capacity, per-channel capacity, priority order, required skills and language', async (t) => {
      const ctx = await startHandoffApp(t, dialect);
      if (!ctx) return;
      const { running, db } = ctx;
      const ws = running.workspaceId;
      await routingIdle(db);
      const deps = handoffDepsOf(running.app);

      const suporte = await teamId(db, ws, 'suporte');
      const s1 = await createAgent(db, ws, { teams: ['suporte'], presence: 'online', capacity: 2 });
      const s2 = await createAgent(db, ws, { teams: ['suporte'], presence: 'online', capacity: 5 });
      await db
        .updateTable('users')
        .set({ channel_capacity_json: JSON.stringify({ whatsapp: 1 }) })
        .where('id', '=', s2.userId)
        .execute();
      const low = await insertQueued(db, ws, { teamId: suporte, channelType: 'whatsapp', priority: 'low', queuedAt: at(0) });
      const support = [];
      for (let i = 0; i < 3; i++)
        support.push(await insertQueued(db, ws, { teamId: suporte, channelType: 'whatsapp', queuedAt: at(1 + i) }));
      const urgent = await insertQueued(db, ws, { teamId: suporte, channelType: 'whatsapp', priority: 'urgent', queuedAt: at(30) });

      const logistica = await teamId(db, ws, 'logistica');
      await db
        .updateTable('teams')
        .set({ required_skills_json: JSON.stringify(['product:frete']) })
        .where('id', '=', logistica)
        .execute();
      const english = await createAgent(db, ws, { teams: ['logistica'], presence: 'online', skills: ['product:frete', 'language:en'] });
      const portuguese = await createAgent(db, ws, { teams: ['logistica'], presence: 'online', skills: ['product:frete', 'language:pt'] });
      const unskilled = await createAgent(db, ws, { teams: ['logistica'], presence: 'online', skills: ['language:en', 'language:pt'] });
      const inEnglish = await insertQueued(db, ws, { teamId: logistica, language: 'en', queuedAt: at(0) });
      const inPortuguese = await insertQueued(db, ws, { teamId: logistica, language: 'pt-BR', queuedAt: at(1) });
      const inSpanish = await insertQueued(db, ws, { teamId: logistica, language: 'es', queuedAt: at(2) });

      await routeWaitingConversations(deps, ws);

      const supportAssignees = await assigneesOf(db, [urgent, ...support, low]);
      assert.equal(count(supportAssignees, s1.userId), 2, 'capacity 2');
      assert.equal(count(supportAssignees, s2.userId), 1, 'one WhatsApp conversation at most');
      assert.ok(supportAssignees[0], 'the urgent one, though newest, is served first');
      assert.equal(supportAssignees[4], null, 'the low-priority one waits');
      assert.deepEqual(await assigneesOf(db, [inEnglish, inPortuguese, inSpanish]), [english.userId, portuguese.userId, null]);
      assert.equal(
        (await db.selectFrom('conversations').select('id').where('assignee_id', '=', unskilled.userId).execute()).length,
        0,
        'without the required skill, none',
      );
    });

    test('concurrent routing passes on two nodes and agents taking conversations by hand never double-assign nor overfill', async (t) => {
      const ctx = await startHandoffApp(t, dialect);
      if (!ctx) return;
      const { running, db, te, otherNodes } = ctx;
      const ws = running.workspaceId;
      await routingIdle(db);
      // PostgreSQL: a second Fio node on the same database; SQLite (one process) races within one.
      const second = dialect === 'postgres' ? await startSecondNode(te, otherNodes) : running;
      const atendimento = await teamId(db, ws, 'atendimento');
      const routed = await Promise.all(
        [1, 2, 3, 4, 5].map(() => createAgent(db, ws, { teams: ['atendimento'], presence: 'online', capacity: 3 })),
      );
      const takers = await Promise.all([1, 2, 3, 4].map(() => createAgent(db, ws, { presence: 'offline' })));
      const ids: string[] = [];
      for (let i = 0; i < 25; i++) ids.push(await insertQueued(db, ws, { teamId: atendimento, queuedAt: at(i) }));

      const passes = [running, second, running, second, running, second].map((node) =>
        routeWaitingConversations(handoffDepsOf(node.app), ws),
      );
      const takes = takers.flatMap((taker) =>
        ids.slice(0, 6).map(async (id) => {
          const res = await caller(running, taker.headers)('POST', `/api/v1/conversations/${id}/assign`, { userId: 'me' });
          return { id, taker: taker.userId, status: res.status, body: res.body };
        }),
      );
      const [assignedByPasses, taken] = await Promise.all([Promise.all(passes), Promise.all(takes)]);

      for (const take of taken) assert.ok(take.status === 200 || take.status === 409, JSON.stringify(take));
      const rows = await db.selectFrom('conversations').select(['id', 'status', 'assignee_id']).where('id', 'in', ids).execute();
      for (const id of ids.slice(0, 6)) {
        const wins = taken.filter((x) => x.id === id && x.status === 200);
        assert.ok(wins.length <= 1, `one agent takes ${id}`);
        if (wins[0]) assert.equal(rows.find((r) => r.id === id)?.assignee_id, wins[0].taker);
      }
      const assignedEvents = await db
        .selectFrom('events')
        .select(['conversation_id'])
        .where('type', '=', 'agent.assigned')
        .where('conversation_id', 'in', ids)
        .execute();
      for (const row of rows) {
        const n = assignedEvents.filter((e) => e.conversation_id === row.id).length;
        assert.equal(n, row.assignee_id ? 1 : 0, `conversation ${row.id} assigned once`);
        assert.equal(row.status, row.assignee_id ? 'assigned' : 'queued');
      }
      for (const agent of routed)
        assert.ok(
          count(
            rows.map((r) => r.assignee_id ?? null),
            agent.userId,
          ) <= 3,
          'capacity 3 held',
        );
      const routedTotal = rows.filter((r) => routed.some((a) => a.userId === r.assignee_id)).length;
      assert.equal(routedTotal, 15, 'every routed agent filled to capacity, no more');
      assert.equal(
        assignedByPasses.reduce((a, b) => a + b, 0),
        routedTotal,
        'passes report what they assigned',
      );
    });
  });
}
