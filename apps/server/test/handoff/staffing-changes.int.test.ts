import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAgent } from '../support/agents.ts';
import { dialects } from '../support/databases.ts';
import { eventually } from '../support/test-app.ts';
import { caller, conversationRow, customerWrites, eventsOf, startHandoffApp, teamId } from './handoff-support.ts';

for (const dialect of dialects) {
  describe(`staffing changes re-route on ${dialect}`, () => {
    test('a waiting conversation goes to a person as soon as they join its team; disabling them sends it back to the queue', async (t) => {
      const ctx = await startHandoffApp(t, dialect);
      if (!ctx) return;
      const { running, db } = ctx;
      const ws = running.workspaceId;
      const admin = await createAgent(db, ws, { role: 'admin', name: 'Admin' });
      const asAdmin = caller(running, admin.headers);
      // Online, but in no team yet: nothing of the sales team's comes to her.
      const vera = await createAgent(db, ws, { presence: 'online', name: 'Vera' });

      const id = await customerWrites(running, 'staff-1', 'quero falar com atendente', 'cli-staff');
      await eventually(async () => (await conversationRow(db, id)).status === 'queued', 8000, 'handoff');
      const moved = await asAdmin('POST', `/api/v1/conversations/${id}/transfer`, { teamId: await teamId(db, ws, 'vendas') });
      assert.equal(moved.status, 200);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal((await conversationRow(db, id)).assignee_id, null, 'Vera is not in sales yet');

      const members = await asAdmin('PUT', `/api/v1/teams/${await teamId(db, ws, 'vendas')}/members`, { userIds: [vera.userId] });
      assert.equal(members.status, 200);
      await eventually(async () => (await conversationRow(db, id)).assignee_id === vera.userId, 8000, 'routed to Vera once she joined');

      const disabled = await asAdmin('DELETE', `/api/v1/users/${vera.userId}`);
      assert.equal(disabled.status, 200);
      const row = await conversationRow(db, id);
      assert.deepEqual([row.status, row.assignee_id], ['queued', null], 'back in the queue the moment she is disabled');
      const unassigned = (await eventsOf(db, id)).findLast((e) => e.type === 'agent.unassigned');
      assert.equal(unassigned?.payload['reason'], 'disabled');
    });
  });
}
