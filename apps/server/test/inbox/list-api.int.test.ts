import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { signApiRequest } from '@fio/channel-api';
import type { InboxConversation, InboxCounts, SupervisorOverview } from '@fio/contracts';
import { dialects, postgresSkipReason } from '../support/databases.ts';
import { createAgent, type TestAgent } from '../support/agents.ts';
import { createTestEnvironment, eventually, startTestApp, type RunningApp, type TestEnvironment } from '../support/test-app.ts';
import { startCallbackReceiver } from '../support/callback-receiver.ts';
import { buildTeam } from './support/build-inbox.ts';

const apiSecret = 'inbox-list-test-api-secret-0123456789';
const pgSkip = await postgresSkipReason();

for (const dialect of dialects) {
  describe(`the conversation list over HTTP (${dialect})`, { skip: dialect === 'postgres' ? (pgSkip ?? false) : false }, () => {
    let te: TestEnvironment;
    let running: RunningApp;
    let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
    let agent: TestAgent;
    let supervisor: TestAgent;
    let conversationId = '';

    const call = async <T>(method: string, path: string, headers: Record<string, string>, body?: unknown) => {
      const res = await fetch(`${running.baseUrl}${path}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as T };
    };
    const token = () => ({ authorization: `Bearer ${running.adminToken}` });
    const customerSays = async (from: { id: string; name?: string; phone?: string }, text: string) => {
      const body = JSON.stringify({ messageId: `m-${randomBytes(6).toString('hex')}`, from, text });
      const res = await fetch(`${running.baseUrl}/webhooks/api/demo-api`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signApiRequest(apiSecret, body) },
        body,
      });
      assert.equal(res.status, 200, await res.clone().text());
      return ((await res.json()) as { messages: Array<{ conversationId: string }> }).messages[0]?.conversationId ?? '';
    };
    const list = (who: Record<string, string>, query: string) =>
      call<{ data: InboxConversation[]; nextCursor: string | null }>('GET', `/api/v1/inbox/conversations?${query}`, who);

    before(async () => {
      receiver = await startCallbackReceiver(apiSecret);
      te = await createTestEnvironment(dialect, { FIO_DEMO_API_CALLBACK_URL: receiver.url, FIO_DEMO_API_SECRET: apiSecret });
      running = await startTestApp(te);
      const db = running.app.database.db;
      agent = await createAgent(db, running.workspaceId, { role: 'agent', name: 'Ana Lista', teams: ['lista-vendas'] });
      supervisor = await createAgent(db, running.workspaceId, { role: 'supervisor', name: 'Sofia' });
      conversationId = await customerSays({ id: 'lista-joao', name: 'João Araújo', phone: '+5511987650001' }, 'Meu pedido não chegou');
      // The bot answers; wait for it so the sequence numbers below are settled.
      await eventually(async () => {
        const row = await db.selectFrom('conversations').select('last_message_seq').where('id', '=', conversationId).executeTakeFirst();
        return (row?.last_message_seq ?? 0) >= 2;
      });
    });
    after(async () => {
      await running?.app.close();
      await receiver?.close();
      await te?.cleanup();
    });

    test('finds the customer by accent-free words and by phone, with unread counted for the agent', async () => {
      const byWords = await list(agent.headers, 'view=all&q=joao%20araujo%20NAO');
      assert.equal(byWords.status, 200, JSON.stringify(byWords.body));
      assert.deepEqual(
        byWords.body.data.map((c) => c.id),
        [conversationId],
      );
      const row = byWords.body.data[0];
      assert.equal(row?.contactName, 'João Araújo');
      assert.equal(row?.channelType, 'api');
      assert.equal(row?.unread, 1, "the customer's message; the bot's answer is not unread");
      const byPhone = await list(agent.headers, `q=${encodeURIComponent('98765-0001')}`);
      assert.deepEqual(
        byPhone.body.data.map((c) => c.id),
        [conversationId],
      );
      const bad = await list(agent.headers, 'view=everything');
      assert.equal(bad.status, 400);
      assert.equal((await list(agent.headers, 'limit=101')).status, 400);
    });

    test('moves the read mark forward only, answers the row, and tells the live inbox', async () => {
      const changed: string[] = [];
      const off = running.app.deps.bus.on('conversation.changed', (e) => changed.push(e.conversationId));
      try {
        const read = await call<InboxConversation>('POST', `/api/v1/inbox/conversations/${conversationId}/read`, agent.headers, { seq: 2 });
        assert.equal(read.status, 200, JSON.stringify(read.body));
        assert.equal(read.body.unread, 0);
        assert.deepEqual(changed, [conversationId]);
        const back = await call<InboxConversation>('POST', `/api/v1/inbox/conversations/${conversationId}/read`, agent.headers, { seq: 0 });
        assert.equal(back.body.unread, 0, 'a stale tab cannot move the mark back');
        assert.deepEqual(changed, [conversationId], 'nothing changed, nothing emitted');
      } finally {
        off();
      }
      await customerSays({ id: 'lista-joao' }, 'alô?');
      const counts = await call<InboxCounts>('GET', '/api/v1/inbox/counts', agent.headers);
      assert.equal(counts.status, 200);
      assert.ok(counts.body.unread.all >= 1);
      const row = (await list(agent.headers, 'q=joao')).body.data[0];
      assert.equal(row?.unread, 1);
      // Without CSRF the session may not write; an API token is no one and has no read marks.
      const noCsrf = await call('POST', `/api/v1/inbox/conversations/${conversationId}/read`, { cookie: agent.cookie }, { seq: 1 });
      assert.equal(noCsrf.status, 403);
      const byToken = await call<{ code: string }>('POST', `/api/v1/inbox/conversations/${conversationId}/read`, token(), { seq: 1 });
      assert.deepEqual([byToken.status, byToken.body.code], [403, 'forbidden']);
      const unknown = await call<{ code: string }>('POST', '/api/v1/inbox/conversations/cv_nope/read', agent.headers, { seq: 1 });
      assert.deepEqual([unknown.status, unknown.body.code], [404, 'conversation_not_found']);
    });

    test('hides a restricted team from an agent outside it, read marks included', async () => {
      const db = running.app.database.db;
      const customer = await customerSays({ id: 'lista-vip', name: 'Cliente Sigiloso' }, 'assunto reservado');
      const vip = await buildTeam(db, running.workspaceId, { key: `lista-vip-${randomBytes(3).toString('hex')}`, restricted: true });
      await db.updateTable('conversations').set({ team_id: vip }).where('id', '=', customer).execute();
      const outside = await list(agent.headers, 'q=sigiloso');
      assert.deepEqual(outside.body.data, []);
      const read = await call<{ code: string }>('POST', `/api/v1/inbox/conversations/${customer}/read`, agent.headers, { seq: 1 });
      assert.deepEqual([read.status, read.body.code], [404, 'conversation_not_found']);
      const bySupervisor = await list(supervisor.headers, 'q=sigiloso');
      assert.deepEqual(
        bySupervisor.body.data.map((c) => c.id),
        [customer],
      );
      const editor = await createAgent(db, running.workspaceId, { role: 'bot_editor' });
      assert.equal((await list(editor.headers, 'view=all')).status, 200, 'bot editors read the list');
      const mine = await list(token(), 'view=mine');
      assert.deepEqual(mine.body.data, [], "a token's mine is empty");
    });

    test('gives the supervisor overview to supervisors and admins only', async () => {
      const denied = await call<{ code: string }>('GET', '/api/v1/supervisor/overview', agent.headers);
      assert.deepEqual([denied.status, denied.body.code], [403, 'forbidden']);
      const overview = await call<SupervisorOverview>('GET', '/api/v1/supervisor/overview', supervisor.headers);
      assert.equal(overview.status, 200, JSON.stringify(overview.body));
      const ana = overview.body.agents.find((a) => a.userId === agent.userId);
      assert.equal(ana?.name, 'Ana Lista');
      assert.equal(ana?.teamIds.length, 1);
      assert.ok(
        overview.body.queues.some((q) => q.teamId === null),
        'the no-team queue',
      );
      assert.ok(
        overview.body.live.some((c) => c.id === conversationId),
        'a bot conversation with a recent message is live',
      );
      assert.equal((await call('GET', '/api/v1/supervisor/overview', token())).status, 200);
    });
  });
}
