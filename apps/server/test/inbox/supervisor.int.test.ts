import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSupervisorOverview } from '../../src/inbox/index.ts';
import { summariseQueues } from '../../src/inbox/supervisor/summarise-queues.ts';
import { dialects, openTestDatabase } from '../support/databases.ts';
import { at, buildConversation, buildSlaTimer, buildTeam, buildUser, buildWorkspace } from './support/build-inbox.ts';

// The clock of these tests: one hour after the builders' epoch.
const now = new Date(at(3600));

describe('queue figures', () => {
  test('measures each queue at the given instant, the no-team line last', () => {
    const lines = summariseQueues(
      [{ id: 't1', name: 'Vendas' }],
      [
        { team_id: 't1', queued_at: at(3000), created_at: at(0) },
        { team_id: 't1', queued_at: at(3500), created_at: at(0) },
        { team_id: null, queued_at: null, created_at: at(3590) },
        { team_id: 'deleted-team', queued_at: at(3400), created_at: at(0) },
      ],
      now,
    );
    assert.deepEqual(lines, [
      { teamId: 't1', teamName: 'Vendas', waiting: 2, oldestQueuedAt: at(3000), longestWaitSeconds: 600, averageWaitSeconds: 350 },
      { teamId: null, teamName: null, waiting: 2, oldestQueuedAt: at(3400), longestWaitSeconds: 200, averageWaitSeconds: 105 },
    ]);
    assert.deepEqual(summariseQueues([], [], now), [
      { teamId: null, teamName: null, waiting: 0, oldestQueuedAt: null, longestWaitSeconds: 0, averageWaitSeconds: 0 },
    ]);
  });
});

for (const dialect of dialects) {
  describe(`the supervisor overview (${dialect})`, () => {
    test('shows load against capacity, queue waits, breaches newest first and live conversations at a fixed clock', async (t) => {
      const h = await openTestDatabase(t, dialect, { migrate: true });
      if (!h) return;
      const ws = await buildWorkspace(h.db);
      const vendas = await buildTeam(h.db, ws, { key: 'vendas', name: 'Vendas' });
      const suporte = await buildTeam(h.db, ws, { key: 'suporte', name: 'Suporte', restricted: true });
      const ana = await buildUser(h.db, ws, { name: 'Ana', capacity: 3, presence: 'online', teamIds: [vendas, suporte] });
      const bia = await buildUser(h.db, ws, { name: 'Bia', capacity: 2, presence: 'away' });
      await buildUser(h.db, ws, { name: 'Editor', role: 'bot_editor' });
      const sup = await buildUser(h.db, ws, { name: 'Sofia', role: 'supervisor' });

      await buildConversation(h.db, ws, { assigneeId: ana, messages: [{ at: at(100) }] });
      const anaLive = await buildConversation(h.db, ws, { assigneeId: ana, teamId: suporte, messages: [{ at: at(3300) }] });
      await buildConversation(h.db, ws, { assigneeId: ana, status: 'resolved' });
      await buildConversation(h.db, ws, { status: 'queued', teamId: vendas, queuedAt: at(600) });
      await buildConversation(h.db, ws, { status: 'queued', teamId: vendas, queuedAt: at(2400) });
      await buildConversation(h.db, ws, { status: 'queued', queuedAt: at(3000) });
      await buildConversation(h.db, ws, { status: 'queued', teamId: vendas, queuedAt: at(0), snoozedUntil: at(9000) });
      const botLive = await buildConversation(h.db, ws, { status: 'bot', messages: [{ at: at(3500) }] });
      await buildConversation(h.db, ws, { status: 'bot', messages: [{ at: at(2000) }] });
      const oldBreach = await buildConversation(h.db, ws, { assigneeId: bia, slaState: 'breached' });
      await buildSlaTimer(h.db, ws, oldBreach, { kind: 'first_response', status: 'breached', dueAt: at(1000) });
      const newBreach = await buildConversation(h.db, ws, {
        status: 'queued',
        queuedAt: at(3550),
        slaState: 'breached',
        priority: 'urgent',
      });
      await buildSlaTimer(h.db, ws, newBreach, { kind: 'first_response', status: 'breached', dueAt: at(3000) });
      await buildConversation(h.db, ws, { status: 'resolved', slaState: 'breached' });

      const overview = await loadSupervisorOverview(h.db, { workspaceId: ws, viewerUserId: sup, now });
      assert.deepEqual(
        overview.agents.map((a) => [a.name, a.role, a.presence, a.open, a.capacity, a.teamIds.length]),
        [
          ['Ana', 'agent', 'online', 2, 3, 2],
          ['Bia', 'agent', 'away', 1, 2, 0],
          ['Sofia', 'supervisor', 'offline', 0, 5, 0],
        ],
      );
      assert.deepEqual(overview.queues, [
        { teamId: suporte, teamName: 'Suporte', waiting: 0, oldestQueuedAt: null, longestWaitSeconds: 0, averageWaitSeconds: 0 },
        { teamId: vendas, teamName: 'Vendas', waiting: 2, oldestQueuedAt: at(600), longestWaitSeconds: 3000, averageWaitSeconds: 2100 },
        { teamId: null, teamName: null, waiting: 2, oldestQueuedAt: at(3000), longestWaitSeconds: 600, averageWaitSeconds: 325 },
      ]);
      assert.deepEqual(
        overview.breaches.map((c) => c.id),
        [newBreach, oldBreach],
      );
      assert.equal(overview.breaches[0]?.sla.state, 'breached');
      assert.equal(overview.breaches[0]?.sla.kind, 'first_response');
      // Live: a message in the last 15 minutes, bot or assigned; a restricted team's too (supervisors see all).
      assert.deepEqual(
        overview.live.map((c) => c.id),
        [botLive, anaLive],
      );
      assert.equal(overview.live[1]?.assigneeName, 'Ana');
    });
  });
}
