import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { signApiRequest } from '@fio/channel-api';
import type { Priority } from '@fio/contracts';
import { createAgent } from '../support/agents.ts';
import { startCallbackReceiver } from '../support/callback-receiver.ts';
import { dialects, postgresSkipReason, type DialectName } from '../support/databases.ts';
import { createTestEnvironment, eventually, startTestApp, type RunningApp } from '../support/test-app.ts';

/**
 * SLA timers through the real app on a moved clock: the demo workspace (São Paulo, weekdays 9–18,
 * Saturday 9–13) and its policies: `urgente` (urgent/high: 15m first response, 30m next, 8h
 * resolution, warning 5m before) and `padrao` (1h, 2h, 1d, warning at 20% left).
 */
const apiSecret = 'sla-test-api-secret-0123456789';

interface Harness {
  running: RunningApp;
  setNow(iso: string): void;
  now(): Date;
  alerts: { timer: string; state: string; dueAt: string }[];
}

async function start(t: TestContext, dialect: DialectName, startAt: string): Promise<Harness | null> {
  if (dialect === 'postgres') {
    const why = await postgresSkipReason();
    if (why) {
      t.skip(why);
      return null;
    }
  }
  let now = Date.parse(startAt);
  const receiver = await startCallbackReceiver(apiSecret);
  const te = await createTestEnvironment(dialect, { FIO_DEMO_API_CALLBACK_URL: receiver.url, FIO_DEMO_API_SECRET: apiSecret });
  const running = await startTestApp(te, { clock: () => new Date(now) });
  t.after(async () => {
    await running.app.close();
    await receiver.close();
    await te.cleanup();
  });
  const alerts: Harness['alerts'] = [];
  running.app.deps.bus.on('sla.alert', (a) => alerts.push({ timer: a.timer, state: a.state, dueAt: a.dueAt }));
  return { running, setNow: (iso) => void (now = Date.parse(iso)), now: () => new Date(now), alerts };
}

/** The customer writes through the business's app (the signed API channel): the conversation's ids. */
async function customerWrites(h: Harness, messageId: string, text: string): Promise<{ conversationId: string; contactId: string }> {
  const body = JSON.stringify({ messageId, from: { id: `app-${messageId}`, name: 'Joana' }, text });
  const res = await fetch(`${h.running.baseUrl}/webhooks/api/demo-api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signApiRequest(apiSecret, body, h.now()) },
    body,
  });
  assert.equal(res.status, 200, await res.clone().text());
  const ingest = (await res.json()) as { messages: Array<{ conversationId: string }> };
  const conversationId = ingest.messages[0]?.conversationId;
  assert.ok(conversationId);
  const row = await h.running.app.database.db
    .selectFrom('conversations')
    .select('contact_id')
    .where('id', '=', conversationId)
    .executeTakeFirstOrThrow();
  return { conversationId, contactId: row.contact_id };
}

/** Calls the SLA hooks as the handoff pipeline does: inside a transaction, at the clock's now. */
function hooks(h: Harness, ids: { conversationId: string; contactId: string }) {
  const { sla } = h.running.app.deps;
  const workspaceId = h.running.workspaceId;
  const run = (work: Parameters<typeof h.running.app.database.transact>[0]) => h.running.app.database.transact(work);
  const base = () => ({ workspaceId, conversationId: ids.conversationId, at: h.now() });
  return {
    queued: (priority: Priority) => run((tx) => sla.onQueued(tx, { ...base(), contactId: ids.contactId, priority })),
    priority: (priority: Priority) => run((tx) => sla.onPriorityChanged(tx, { ...base(), contactId: ids.contactId, priority })),
    agentReply: () => run((tx) => sla.onAgentReply(tx, base())),
    customerMessage: () => run((tx) => sla.onCustomerMessage(tx, base())),
    snoozed: () => run((tx) => sla.onSnoozed(tx, base())),
    unsnoozed: () => run((tx) => sla.onUnsnoozed(tx, base())),
    closed: (outcome: 'resolved' | 'handed_back') => run((tx) => sla.onClosed(tx, { ...base(), outcome })),
  };
}

async function timers(h: Harness, conversationId: string) {
  const rows = await h.running.app.database.db
    .selectFrom('sla_timers')
    .select(['kind', 'policy_id', 'status', 'elapsed_ms', 'warn_at', 'due_at', 'warned_at', 'breached_at', 'met_at'])
    .where('conversation_id', '=', conversationId)
    .execute();
  return new Map(rows.map((r) => [r.kind, { ...r, elapsed_ms: Number(r.elapsed_ms) }]));
}

async function conversationSla(h: Harness, conversationId: string) {
  return h.running.app.database.db
    .selectFrom('conversations')
    .select(['sla_state', 'sla_due_at', 'sla_policy_id'])
    .where('id', '=', conversationId)
    .executeTakeFirstOrThrow();
}

async function pendingSlaJobs(h: Harness, conversationId: string): Promise<string[]> {
  const rows = await h.running.app.database.db
    .selectFrom('jobs')
    .select('run_at')
    .where('queue', '=', 'sla')
    .where('conversation_id', '=', conversationId)
    .where('status', '=', 'pending')
    .execute();
  return rows.map((r) => r.run_at);
}

async function slaEvents(h: Harness, conversationId: string) {
  const rows = await h.running.app.database.db
    .selectFrom('events')
    .select(['type', 'payload_json'])
    .where('conversation_id', '=', conversationId)
    .where('type', 'like', 'sla.%')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ type: r.type, payload: JSON.parse(r.payload_json) as Record<string, unknown> }));
}

const minute = 60_000;
const hour = 60 * minute;

for (const dialect of dialects) {
  describe(`SLA timers on ${dialect}`, () => {
    test('queued on Friday at 17:50 with 15 min to answer: warned at closing, breached on Saturday at 09:05, once each; answered late is met late', async (t) => {
      // Friday 2026-03-06 17:50 in São Paulo (UTC-3).
      const h = await start(t, dialect, '2026-03-06T20:50:00.000Z');
      if (!h) return;
      const { db } = h.running.app.database;
      const ids = await customerWrites(h, 'sla-1', 'oi, tudo bem?');
      const agent = await createAgent(db, h.running.workspaceId, { role: 'agent', presence: 'online' });
      const supervisor = await createAgent(db, h.running.workspaceId, { role: 'supervisor' });
      await db.updateTable('conversations').set({ assignee_id: agent.userId }).where('id', '=', ids.conversationId).execute();
      const sla = hooks(h, ids);

      await sla.queued('urgent');
      let rows = await timers(h, ids.conversationId);
      assert.deepEqual([...rows.keys()].sort(), ['first_response', 'resolution']);
      const first = rows.get('first_response');
      assert.equal(first?.policy_id, 'urgente');
      assert.equal(first?.status, 'running');
      // 10 business minutes on Friday, then 5 on Saturday morning.
      assert.equal(first?.due_at, '2026-03-07T12:05:00.000Z');
      assert.equal(first?.warn_at, '2026-03-06T21:00:00.000Z');
      // 8 h: 10 min on Friday, 4 h on Saturday, 3 h 50 min on Monday.
      assert.equal(rows.get('resolution')?.due_at, '2026-03-09T15:50:00.000Z');
      assert.deepEqual(await conversationSla(h, ids.conversationId), {
        sla_state: 'ok',
        sla_due_at: '2026-03-07T12:05:00.000Z',
        sla_policy_id: 'urgente',
      });
      assert.deepEqual(await pendingSlaJobs(h, ids.conversationId), ['2026-03-06T21:00:00.000Z']);

      // Friday 18:00: five business minutes left → the warning.
      h.setNow('2026-03-06T21:00:30.000Z');
      await eventually(async () => (await conversationSla(h, ids.conversationId)).sla_state === 'warning', 5000, 'the warning');
      assert.deepEqual(await pendingSlaJobs(h, ids.conversationId), ['2026-03-07T12:05:00.000Z']);
      await eventually(() => h.alerts.length === 1, 2000, 'the warning alert');
      assert.deepEqual(h.alerts[0], { timer: 'first_response', state: 'warning', dueAt: '2026-03-07T12:05:00.000Z' });

      // Saturday 09:05: breached, shown on the conversation.
      h.setNow('2026-03-07T12:06:00.000Z');
      await eventually(async () => (await conversationSla(h, ids.conversationId)).sla_state === 'breached', 5000, 'the breach');
      rows = await timers(h, ids.conversationId);
      assert.equal(rows.get('first_response')?.status, 'breached');
      assert.equal(rows.get('first_response')?.breached_at, '2026-03-07T12:05:00.000Z');
      assert.equal(rows.get('resolution')?.status, 'running');
      // Only the resolution's warning is left to wait for: 7 h 55 of business time, Monday at 12:45 local.
      assert.deepEqual(await pendingSlaJobs(h, ids.conversationId), ['2026-03-09T15:45:00.000Z']);
      await eventually(() => h.alerts.length === 2, 2000, 'the breach alert');
      assert.deepEqual(h.alerts[1], { timer: 'first_response', state: 'breached', dueAt: '2026-03-07T12:05:00.000Z' });

      const notifications = await db
        .selectFrom('notifications')
        .select(['user_id', 'kind'])
        .where('conversation_id', '=', ids.conversationId)
        .execute();
      const byKind = (kind: string) =>
        notifications
          .filter((n) => n.kind === kind)
          .map((n) => n.user_id)
          .sort();
      assert.deepEqual(byKind('sla_warning'), [agent.userId]);
      assert.ok(byKind('sla_breached').includes(agent.userId));
      assert.ok(byKind('sla_breached').includes(supervisor.userId));

      // Later: nothing more happens twice.
      h.setNow('2026-03-07T13:00:00.000Z');
      await new Promise((r) => setTimeout(r, 300));
      const types = (await slaEvents(h, ids.conversationId)).map((e) => `${e.type} ${String(e.payload['timer'])}`);
      assert.deepEqual(types, [
        'sla.started first_response',
        'sla.started resolution',
        'sla.warning first_response',
        'sla.breached first_response',
      ]);

      // The agent answers at last: met, late; the resolution waits on the customer.
      await sla.agentReply();
      rows = await timers(h, ids.conversationId);
      assert.equal(rows.get('first_response')?.status, 'met');
      assert.equal(rows.get('resolution')?.status, 'paused');
      const met = (await slaEvents(h, ids.conversationId)).find((e) => e.type === 'sla.met');
      assert.equal(met?.payload['breached'], true);
      assert.deepEqual(await conversationSla(h, ids.conversationId), { sla_state: 'ok', sla_due_at: null, sla_policy_id: 'urgente' });
      assert.deepEqual(await pendingSlaJobs(h, ids.conversationId), []);
    });

    test('resolution pauses while waiting on the customer and everything pauses while snoozed; used budget carries over', async (t) => {
      // Monday 2026-03-09 10:00 in São Paulo.
      const h = await start(t, dialect, '2026-03-09T13:00:00.000Z');
      if (!h) return;
      const ids = await customerWrites(h, 'sla-2', 'oi, tudo bem?');
      const sla = hooks(h, ids);
      await sla.queued('normal');
      let rows = await timers(h, ids.conversationId);
      assert.equal(rows.get('first_response')?.policy_id, 'padrao');
      assert.equal(rows.get('first_response')?.due_at, '2026-03-09T14:00:00.000Z');
      // 1 business day = 24 business hours: Monday 8 h, Tuesday 9 h, Wednesday until 16:00.
      assert.equal(rows.get('resolution')?.due_at, '2026-03-11T19:00:00.000Z');

      // 10:30 the agent answers: first response met after 30 minutes; resolution waits on the customer.
      h.setNow('2026-03-09T13:30:00.000Z');
      await sla.agentReply();
      rows = await timers(h, ids.conversationId);
      assert.equal(rows.get('first_response')?.status, 'met');
      assert.equal(rows.get('first_response')?.elapsed_ms, 30 * minute);
      assert.equal(rows.get('resolution')?.status, 'paused');
      assert.equal(rows.get('resolution')?.elapsed_ms, 30 * minute);
      assert.equal(rows.get('next_response'), undefined);
      assert.deepEqual(await pendingSlaJobs(h, ids.conversationId), []);

      // 14:00 the customer writes back: the next response is owed (2 h) and resolution counts again.
      h.setNow('2026-03-09T17:00:00.000Z');
      await sla.customerMessage();
      rows = await timers(h, ids.conversationId);
      assert.equal(rows.get('next_response')?.status, 'running');
      assert.equal(rows.get('next_response')?.due_at, '2026-03-09T19:00:00.000Z');
      // 23 h 30 left: Monday 4 h, Tuesday 9 h, Wednesday 9 h, Thursday until 10:30.
      assert.equal(rows.get('resolution')?.due_at, '2026-03-12T13:30:00.000Z');
      assert.equal((await conversationSla(h, ids.conversationId)).sla_due_at, '2026-03-09T19:00:00.000Z');

      // 15:00 snoozed until tomorrow: nothing counts.
      h.setNow('2026-03-09T18:00:00.000Z');
      await sla.snoozed();
      rows = await timers(h, ids.conversationId);
      assert.equal(rows.get('next_response')?.status, 'paused');
      assert.equal(rows.get('next_response')?.elapsed_ms, hour);
      assert.equal(rows.get('resolution')?.elapsed_ms, 90 * minute);
      assert.deepEqual(await pendingSlaJobs(h, ids.conversationId), []);
      assert.equal((await conversationSla(h, ids.conversationId)).sla_state, 'ok');

      // Tuesday 10:00 it wakes: one hour of the next response is left, 22 h 30 of the resolution.
      h.setNow('2026-03-10T13:00:00.000Z');
      await sla.unsnoozed();
      rows = await timers(h, ids.conversationId);
      assert.equal(rows.get('next_response')?.due_at, '2026-03-10T14:00:00.000Z');
      // Warned with 20% (24 min) of its 2 h left: 36 business minutes from now.
      assert.equal(rows.get('next_response')?.warn_at, '2026-03-10T13:36:00.000Z');
      assert.equal(rows.get('resolution')?.due_at, '2026-03-12T17:30:00.000Z');
      assert.deepEqual(await pendingSlaJobs(h, ids.conversationId), ['2026-03-10T13:36:00.000Z']);

      // Resolved: resolution met in time, the next response no longer owed.
      h.setNow('2026-03-10T13:10:00.000Z');
      await sla.closed('resolved');
      rows = await timers(h, ids.conversationId);
      assert.equal(rows.get('resolution')?.status, 'met');
      assert.equal(rows.get('next_response')?.status, 'cancelled');
      assert.deepEqual(await conversationSla(h, ids.conversationId), { sla_state: 'none', sla_due_at: null, sla_policy_id: 'padrao' });
      assert.deepEqual(await pendingSlaJobs(h, ids.conversationId), []);
      const met = (await slaEvents(h, ids.conversationId))
        .filter((e) => e.type === 'sla.met')
        .map((e) => [e.payload['timer'], e.payload['breached']]);
      assert.deepEqual(met, [
        ['first_response', false],
        ['resolution', false],
      ]);
    });

    test('a policy for a segment applies to its contacts, on the wall clock when it says so', async (t) => {
      // Saturday 2026-03-07 20:00 in São Paulo: closed, but this policy ignores business hours.
      const h = await start(t, dialect, '2026-03-07T23:00:00.000Z');
      if (!h) return;
      const { workspaces } = h.running.app.deps;
      const workspace = workspaces.get(h.running.workspaceId);
      assert.ok(workspace);
      const vip = {
        id: 'fieis',
        name: 'Clientes fiéis',
        match: { segment: ['returning-customers'] },
        firstResponse: '5m',
        businessHours: false,
      };
      workspaces.set({ ...workspace, definition: { ...workspace.definition, sla: [vip, ...workspace.definition.sla] } });

      const loyal = await customerWrites(h, 'sla-4a', 'oi, tudo bem?');
      await h.running.app.database.db
        .insertInto('segment_memberships')
        .values({
          workspace_id: h.running.workspaceId,
          segment_id: 'returning-customers',
          contact_id: loyal.contactId,
          entered_at: h.now().toISOString(),
        })
        .execute();
      const other = await customerWrites(h, 'sla-4b', 'olá');
      await hooks(h, loyal).queued('normal');
      await hooks(h, other).queued('normal');

      const loyalTimers = await timers(h, loyal.conversationId);
      assert.equal(loyalTimers.get('first_response')?.policy_id, 'fieis');
      assert.equal(loyalTimers.get('first_response')?.due_at, '2026-03-07T23:05:00.000Z');
      // The policy has no resolution budget: only the first response runs.
      assert.equal(loyalTimers.get('resolution'), undefined);
      // Everyone else: the default policy in business hours, Monday 09:00 + 1 h.
      assert.equal((await timers(h, other.conversationId)).get('first_response')?.due_at, '2026-03-09T13:00:00.000Z');
    });

    test('a priority change picks the policy again and keeps the budget already used; handing back cancels', async (t) => {
      const h = await start(t, dialect, '2026-03-09T13:00:00.000Z');
      if (!h) return;
      const ids = await customerWrites(h, 'sla-3', 'oi, tudo bem?');
      const sla = hooks(h, ids);
      await sla.queued('normal');
      h.setNow('2026-03-09T13:10:00.000Z');
      await sla.priority('high');
      const rows = await timers(h, ids.conversationId);
      assert.equal(rows.get('first_response')?.policy_id, 'urgente');
      // 10 of the urgent 15 minutes are gone.
      assert.equal(rows.get('first_response')?.due_at, '2026-03-09T13:15:00.000Z');
      assert.equal(rows.get('first_response')?.warn_at, '2026-03-09T13:10:00.000Z');
      assert.equal(rows.get('resolution')?.due_at, '2026-03-09T21:00:00.000Z');
      assert.equal((await conversationSla(h, ids.conversationId)).sla_policy_id, 'urgente');
      // The warning instant is now: the worker warns at once.
      await eventually(async () => (await conversationSla(h, ids.conversationId)).sla_state === 'warning', 5000, 'the warning');

      await sla.closed('handed_back');
      const after = await timers(h, ids.conversationId);
      assert.deepEqual(
        [...after.values()].map((r) => r.status),
        ['cancelled', 'cancelled'],
      );
      assert.equal((await conversationSla(h, ids.conversationId)).sla_state, 'none');
      assert.deepEqual(await pendingSlaJobs(h, ids.conversationId), []);
    });
  });
}
