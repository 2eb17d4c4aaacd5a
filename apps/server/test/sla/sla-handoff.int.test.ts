import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signApiRequest } from '@fio/channel-api';
import { createAgent } from '../support/agents.ts';
import { startCallbackReceiver } from '../support/callback-receiver.ts';
import { dialects, postgresSkipReason } from '../support/databases.ts';
import { createTestEnvironment, eventually, startTestApp, type RunningApp } from '../support/test-app.ts';

/** The SLA through the real handoff: the bot hands over, people answer, the customer writes back. */
const apiSecret = 'sla-handoff-api-secret-0123456789';

for (const dialect of dialects) {
  describe(`SLA through a real handoff on ${dialect}`, () => {
    test('"quero falar com um atendente" starts the default policy; the agent reply meets it; the customer\'s next message owes the next response', async (t) => {
      if (dialect === 'postgres') {
        const why = await postgresSkipReason();
        if (why) return t.skip(why);
      }
      // Monday 2026-03-09 10:00 in São Paulo.
      let now = Date.parse('2026-03-09T13:00:00.000Z');
      const receiver = await startCallbackReceiver(apiSecret);
      const te = await createTestEnvironment(dialect, { FIO_DEMO_API_CALLBACK_URL: receiver.url, FIO_DEMO_API_SECRET: apiSecret });
      const running: RunningApp = await startTestApp(te, { clock: () => new Date(now) });
      t.after(async () => {
        await running.app.close();
        await receiver.close();
        await te.cleanup();
      });
      const { db } = running.app.database;
      const customerWrites = async (messageId: string, text: string): Promise<string> => {
        const body = JSON.stringify({ messageId, from: { id: 'app-sla-handoff', name: 'Joana' }, text });
        const res = await fetch(`${running.baseUrl}/webhooks/api/demo-api`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signApiRequest(apiSecret, body, new Date(now)) },
          body,
        });
        assert.equal(res.status, 200, await res.clone().text());
        const id = ((await res.json()) as { messages: Array<{ conversationId: string }> }).messages[0]?.conversationId;
        assert.ok(id);
        return id;
      };
      const timers = async (conversationId: string) =>
        new Map(
          (
            await db
              .selectFrom('sla_timers')
              .select(['kind', 'policy_id', 'status', 'due_at'])
              .where('conversation_id', '=', conversationId)
              .execute()
          ).map((r) => [r.kind, r]),
        );

      const conversationId = await customerWrites('sla-h-1', 'quero falar com um atendente');
      const started = await eventually(
        async () => {
          const found = await timers(conversationId);
          return found.size > 0 ? found : undefined;
        },
        8000,
        'the SLA timers of the handoff',
      );
      assert.equal(started.get('first_response')?.policy_id, 'padrao');
      assert.equal(started.get('first_response')?.status, 'running');
      assert.equal(started.get('first_response')?.due_at, '2026-03-09T14:00:00.000Z');
      const row = await db
        .selectFrom('conversations')
        .select(['status', 'sla_state', 'sla_due_at'])
        .where('id', '=', conversationId)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'queued');
      assert.equal(row.sla_state, 'ok');
      assert.equal(row.sla_due_at, '2026-03-09T14:00:00.000Z');

      // 10:20 an agent answers from the inbox: the first response is met in time.
      now = Date.parse('2026-03-09T13:20:00.000Z');
      const agent = await createAgent(db, running.workspaceId, { role: 'agent', teams: ['atendimento'] });
      const res = await fetch(`${running.baseUrl}/api/v1/conversations/${conversationId}/replies`, {
        method: 'POST',
        headers: { ...agent.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ content: { kind: 'text', text: 'Oi, Joana! Sou a Ana, como posso ajudar?' } }),
      });
      assert.equal(res.status, 201, await res.text());
      let state = await timers(conversationId);
      assert.equal(state.get('first_response')?.status, 'met');
      assert.equal(state.get('resolution')?.status, 'paused');

      // 10:30 the customer writes back: the next response (2 h) is owed.
      now = Date.parse('2026-03-09T13:30:00.000Z');
      await customerWrites('sla-h-2', 'é sobre o pedido 123456');
      state = await eventually(
        async () => {
          const found = await timers(conversationId);
          return found.get('next_response')?.status === 'running' ? found : undefined;
        },
        5000,
        'the next response timer',
      );
      assert.equal(state.get('next_response')?.due_at, '2026-03-09T15:30:00.000Z');
      assert.equal(state.get('resolution')?.status, 'running');
      const met = await db
        .selectFrom('events')
        .select('payload_json')
        .where('conversation_id', '=', conversationId)
        .where('type', '=', 'sla.met')
        .execute();
      assert.deepEqual(
        met.map((m) => JSON.parse(m.payload_json) as { timer: string; breached: boolean }).map((p) => [p.timer, p.breached]),
        [['first_response', false]],
      );
    });
  });
}
