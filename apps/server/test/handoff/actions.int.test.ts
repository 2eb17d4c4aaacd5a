import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPresenceService } from '../../src/handoff/index.ts';
import { createAgent } from '../support/agents.ts';
import { dialects } from '../support/databases.ts';
import { eventually } from '../support/test-app.ts';
import { caller, conversationRow, customerWrites, eventsOf, handoffDepsOf, startHandoffApp, teamId } from './handoff-support.ts';

interface State {
  status: string;
  assigneeId: string | null;
  teamId: string | null;
  priority: string;
  tags: string[];
  snoozedUntil: string | null;
  snoozedForReply: boolean;
  conversation: { id: string; priority: string } | null;
}

for (const dialect of dialects) {
  describe(`assignment actions on ${dialect}`, () => {
    test('roles, transfer to a team with a note, priority, tags, snoozes that wake, and the offline grace period', async (t) => {
      let now = Date.now();
      const clock = () => new Date(now);
      const ctx = await startHandoffApp(t, dialect, { clock });
      if (!ctx) return;
      const { running, db } = ctx;
      const ws = running.workspaceId;
      const ana = await createAgent(db, ws, { teams: ['atendimento'], presence: 'online', name: 'Ana' });
      const bruno = await createAgent(db, ws, { teams: ['vendas'], presence: 'online', name: 'Bruno' });
      const editor = await createAgent(db, ws, { role: 'bot_editor' });
      const supervisor = await createAgent(db, ws, { role: 'supervisor' });
      const asAna = caller(running, ana.headers);
      const asBruno = caller(running, bruno.headers);

      const id = await customerWrites(running, 'act-1', 'quero falar com atendente', 'cli-act');
      await eventually(async () => (await conversationRow(db, id)).assignee_id === ana.userId, 10_000, 'routed to Ana');

      // Who may do what.
      const byEditor = await caller(running, editor.headers)<{ code: string }>('POST', `/api/v1/conversations/${id}/assign`, {
        userId: 'me',
      });
      assert.deepEqual([byEditor.status, byEditor.body.code], [403, 'forbidden']);
      const grab = await asBruno<{ code: string }>('POST', `/api/v1/conversations/${id}/assign`, { userId: 'me' });
      assert.deepEqual([grab.status, grab.body.code], [409, 'already_assigned']);
      const forOther = await asBruno<{ code: string }>('POST', `/api/v1/conversations/${id}/assign`, { userId: ana.userId });
      assert.deepEqual([forOther.status, forOther.body.code], [403, 'forbidden']);
      const toEditor = await caller(running, supervisor.headers)<{ code: string }>('POST', `/api/v1/conversations/${id}/assign`, {
        userId: editor.userId,
      });
      assert.deepEqual([toEditor.status, toEditor.body.code], [422, 'assignee_unavailable']);
      const missing = await asAna<{ code: string }>('POST', `/api/v1/conversations/cv_missing/assign`, { userId: 'me' });
      assert.deepEqual([missing.status, missing.body.code], [404, 'conversation_not_found']);

      // Ana transfers to sales with a note: queued there, routed to Bruno, the note kept.
      const transferred = await asAna<State>('POST', `/api/v1/conversations/${id}/transfer`, {
        teamId: await teamId(db, ws, 'vendas'),
        note: 'Cliente quer comprar à vista; já conferi o CEP.',
      });
      assert.equal(transferred.status, 200, JSON.stringify(transferred.body));
      assert.equal(transferred.body.teamId, await teamId(db, ws, 'vendas'));
      assert.ok(transferred.body.conversation, 'the inbox row comes with the answer');
      await eventually(async () => (await conversationRow(db, id)).assignee_id === bruno.userId, 8000, 'routed to Bruno');
      const note = await db.selectFrom('conversation_notes').selectAll().where('conversation_id', '=', id).executeTakeFirstOrThrow();
      assert.equal(note.text, 'Cliente quer comprar à vista; já conferi o CEP.');
      assert.equal(note.author, `user:${ana.userId}`);
      const transfer = (await eventsOf(db, id)).find((e) => e.type === 'conversation.transferred');
      assert.deepEqual([transfer?.payload['fromUserId'], transfer?.payload['noteId']], [ana.userId, note.id]);
      const badTeam = await asBruno<{ code: string }>('POST', `/api/v1/conversations/${id}/transfer`, { teamId: 'team_nope' });
      assert.deepEqual([badTeam.status, badTeam.body.code], [404, 'team_not_found']);

      // Priority and tags.
      const priority = await asBruno<State>('PUT', `/api/v1/conversations/${id}/priority`, { priority: 'high' });
      assert.deepEqual([priority.status, priority.body.priority], [200, 'high']);
      const tags = await asBruno<State>('PUT', `/api/v1/conversations/${id}/tags`, { tags: ['vip', 'entrega', 'vip'] });
      assert.deepEqual([tags.status, tags.body.tags], [200, ['entrega', 'vip']]);
      const tooMany = await asBruno('PUT', `/api/v1/conversations/${id}/tags`, { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) });
      assert.equal(tooMany.status, 400);
      const changed = (await eventsOf(db, id)).find((e) => e.type === 'conversation.tags_changed');
      assert.deepEqual(changed?.payload['added'], ['vip', 'entrega']);

      // Snoozed until the customer replies: their message wakes it.
      const untilReply = await asBruno<State>('POST', `/api/v1/conversations/${id}/snooze`, { untilReply: true });
      assert.deepEqual([untilReply.status, untilReply.body.snoozedForReply], [200, true]);
      await customerWrites(running, 'act-2', 'voltei, pode seguir', 'cli-act');
      const woken = await conversationRow(db, id);
      assert.deepEqual([woken.snoozed_for_reply, woken.snoozed_until], [0, null]);
      assert.equal((await eventsOf(db, id)).findLast((e) => e.type === 'conversation.unsnoozed')?.payload['reason'], 'customer_replied');

      // A person may end a snooze at once.
      await asBruno('POST', `/api/v1/conversations/${id}/snooze`, { untilReply: true });
      const unsnoozed = await asBruno<State>('POST', `/api/v1/conversations/${id}/unsnooze`);
      assert.deepEqual([unsnoozed.status, unsnoozed.body.snoozedForReply, unsnoozed.body.snoozedUntil], [200, false, null]);
      assert.equal((await eventsOf(db, id)).findLast((e) => e.type === 'conversation.unsnoozed')?.payload['reason'], 'manual');

      // Snoozed for an hour: the handoff timer wakes it when the hour has passed.
      const until = new Date(now + 3_600_000).toISOString();
      const timed = await asBruno<State>('POST', `/api/v1/conversations/${id}/snooze`, { until });
      assert.equal(timed.status, 200, JSON.stringify(timed.body));
      assert.equal(Date.parse(timed.body.snoozedUntil ?? ''), Date.parse(until));
      const past = await asBruno<{ code: string }>('POST', `/api/v1/conversations/${id}/snooze`, {
        until: new Date(now - 1000).toISOString(),
      });
      assert.equal(past.status, 400);
      await new Promise((r) => setTimeout(r, 200));
      assert.ok((await conversationRow(db, id)).snoozed_until, 'still snoozed before its time');
      now += 3_600_000 + 1000;
      running.app.deps.wake.handoff?.();
      await eventually(async () => (await conversationRow(db, id)).snoozed_until === null, 8000, 'the snooze timer');
      assert.equal((await eventsOf(db, id)).findLast((e) => e.type === 'conversation.unsnoozed')?.payload['reason'], 'time');

      // Bruno's inbox disconnects: after the grace period his conversation returns to the queue.
      const presence = createPresenceService({ ...handoffDepsOf(running.app), graceMs: 120_000 });
      await presence.connected(ws, bruno.userId);
      await presence.disconnected(ws, bruno.userId);
      assert.equal(
        (await db.selectFrom('users').select('presence').where('id', '=', bruno.userId).executeTakeFirstOrThrow()).presence,
        'offline',
      );
      now += 60_000;
      running.app.deps.wake.handoff?.();
      await new Promise((r) => setTimeout(r, 300));
      assert.equal((await conversationRow(db, id)).assignee_id, bruno.userId, 'kept within the grace period');
      now += 61_000;
      running.app.deps.wake.handoff?.();
      await eventually(async () => (await conversationRow(db, id)).status === 'queued', 8000, 'requeued after the grace period');
      const unassigned = (await eventsOf(db, id)).findLast((e) => e.type === 'agent.unassigned');
      assert.deepEqual([unassigned?.payload['userId'], unassigned?.payload['reason']], [bruno.userId, 'offline']);
      // He comes back: routing gives it to him again; away, he would get nothing new.
      await presence.connected(ws, bruno.userId);
      await eventually(async () => (await conversationRow(db, id)).assignee_id === bruno.userId, 8000, 'routed back to Bruno');
      await presence.set(ws, bruno.userId, 'away');
      assert.deepEqual(
        (await presence.list(ws)).find((p) => p.userId === bruno.userId),
        { userId: bruno.userId, presence: 'away' },
      );

      // Resolved: the actions that need an open conversation say so.
      assert.equal((await asBruno('POST', `/api/v1/conversations/${id}/resolve`)).status, 200);
      const late = await asBruno<{ code: string }>('POST', `/api/v1/conversations/${id}/snooze`, { untilReply: true });
      assert.deepEqual([late.status, late.body.code], [409, 'conversation_resolved']);
      const lateAssign = await asAna<{ code: string }>('POST', `/api/v1/conversations/${id}/assign`, { userId: 'me' });
      assert.deepEqual([lateAssign.status, lateAssign.body.code], [409, 'conversation_resolved']);
    });
  });
}
