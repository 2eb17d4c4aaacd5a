import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { signApiRequest } from '@fio/channel-api';
import type { InboxServerFrame, ServerFrame } from '@fio/contracts';
import { newId } from '../../src/storage/index.ts';
import { createAgent, type TestAgent } from '../support/agents.ts';
import { dialects, postgresSkipReason } from '../support/databases.ts';
import { createTestEnvironment, eventually, startTestApp, type RunningApp, type TestEnvironment } from '../support/test-app.ts';
import { connectWidget } from '../support/widget-client.ts';
import { connectInbox, type EventFrame } from './inbox-client.ts';

const apiSecret = 'inbox-live-test-api-secret-0123456789';
const pgSkip = await postgresSkipReason();
type Inbox = Awaited<ReturnType<typeof connectInbox>>;

for (const dialect of dialects) {
  describe(`the inbox live connection on ${dialect}`, { skip: dialect === 'postgres' ? (pgSkip ?? false) : false }, () => {
    let te: TestEnvironment;
    let running: RunningApp;
    let admin: TestAgent;
    const open: Inbox[] = [];
    const connect = async (agent: TestAgent | null, origin?: string | null) => {
      const inbox = await connectInbox(running.baseUrl, {
        ...(agent ? { cookie: agent.cookie } : {}),
        ...(origin !== undefined ? { origin } : {}),
      });
      open.push(inbox);
      return inbox;
    };
    /** A customer writes through the business's app (the signed API channel); answers the conversation id. */
    const customerWrites = async (userId: string, text: string) => {
      const body = JSON.stringify({
        messageId: `m-${randomBytes(6).toString('hex')}`,
        from: { id: userId, name: `Cliente ${userId}` },
        text,
      });
      const res = await fetch(`${running.baseUrl}/webhooks/api/demo-api`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signApiRequest(apiSecret, body) },
        body,
      });
      assert.equal(res.status, 200, await res.clone().text());
      const id = ((await res.json()) as { messages: Array<{ conversationId: string }> }).messages[0]?.conversationId;
      assert.ok(id);
      return id;
    };
    const restrictedTeam = async (key: string) => {
      const now = new Date().toISOString();
      const id = newId('team');
      await running.app.database.db
        .insertInto('teams')
        .values({
          id,
          workspace_id: running.workspaceId,
          key,
          name: key,
          routing: 'manual',
          restricted: 1,
          required_skills_json: '[]',
          source: 'api',
          created_at: now,
          updated_at: now,
        })
        .execute();
      return id;
    };
    /** What the handoff routes do: change who holds the conversation, then tell the bus after the commit. */
    const moveToTeam = async (conversationId: string, teamId: string | null) => {
      const row = await running.app.database.db
        .updateTable('conversations')
        .set({ team_id: teamId, status: 'queued' })
        .where('id', '=', conversationId)
        .returning('contact_id')
        .executeTakeFirstOrThrow();
      running.app.deps.bus.emit('conversation.changed', { workspaceId: running.workspaceId, conversationId, contactId: row.contact_id });
    };

    before(async () => {
      te = await createTestEnvironment(dialect, { FIO_DEMO_API_SECRET: apiSecret });
      running = await startTestApp(te);
      admin = await createAgent(running.app.database.db, running.workspaceId, { role: 'admin', name: 'Ana Admin' });
    });
    after(async () => {
      await Promise.all(open.map((i) => (i.ws.readyState === i.ws.OPEN ? i.close() : Promise.resolve())));
      await running.app.close();
      await te.cleanup();
    });

    test('refuses a socket without a session (4401) and one from another origin (4403)', async () => {
      const anonymous = await connect(null);
      assert.equal((await anonymous.closed).code, 4401);
      const forged = await connect(null, null);
      assert.equal((await forged.closed).code, 4403, 'no Origin header');
      const foreign = await connectInbox(running.baseUrl, { cookie: admin.cookie, origin: 'https://evil.example' });
      assert.equal((await foreign.closed).code, 4403);
      const revoked = await createAgent(running.app.database.db, running.workspaceId, { role: 'agent' });
      await running.app.database.db
        .updateTable('sessions')
        .set({ revoked_at: new Date().toISOString() })
        .where('user_id', '=', revoked.userId)
        .execute();
      assert.equal((await (await connect(revoked)).closed).code, 4401, 'revoked session');
    });

    test('a bad frame gets an error frame and the socket carries on', async () => {
      const inbox = await connect(admin);
      inbox.send({ type: 'typing', conversationId: 'x', on: true });
      assert.equal((await inbox.waitFor((f) => f.type === 'error')).type, 'error', 'hello first');
      await inbox.hello();
      inbox.send('not json');
      inbox.send({ type: 'shout' } as never);
      inbox.send({ type: 'read', conversationId: 'c', seq: -1 });
      inbox.send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(5000) }));
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push(((await inbox.waitFor((f) => f.type === 'error')) as { code: string }).code);
      assert.deepEqual(codes, ['bad_frame', 'unknown_frame', 'bad_frame', 'frame_too_large']);
      inbox.send({ type: 'typing', conversationId: 'cnv_nope', on: true });
      assert.equal(((await inbox.waitFor((f) => f.type === 'error')) as { code: string }).code, 'conversation_not_found');
      inbox.send({ type: 'ping' });
      await inbox.waitFor((f) => f.type === 'pong');
    });

    test('a customer message reaches a connected inbox within 100 ms, with the conversation row', async () => {
      const inbox = await connect(admin);
      await inbox.hello();
      const sentAt = performance.now();
      const conversationId = await customerWrites('live-1', 'Olá, meu pedido não chegou');
      const answeredAt = performance.now();
      const frame = await inbox.waitForEvent('message', (e) => e.conversationId === conversationId && e.message.direction === 'inbound');
      const latency = (inbox.arrivedAt.get(frame) ?? Infinity) - sentAt;
      console.log(
        `inbox live latency (${dialect}): ${latency.toFixed(1)} ms from POST to frame (the POST answered after ${(answeredAt - sentAt).toFixed(1)} ms)`,
      );
      assert.ok(latency < 1000, `arrived after ${latency} ms`);
      assert.equal(frame.event.message.text, 'Olá, meu pedido não chegou');
      assert.equal(frame.event.message.authorId, null);
      assert.match(frame.cursor, /^[0-9a-f]+\.\d+$/);
      const row = await inbox.waitForEvent('conversation', (e) => e.conversation.id === conversationId);
      assert.equal(row.event.conversation.contactName, 'Cliente live-1');
      assert.ok(row.event.conversation.unread >= 1, 'an admin who never read it has it unread');
    });

    test('a restricted team conversation reaches its members and leaves the others’ sight', async () => {
      const teamId = await restrictedTeam('financeiro-live');
      const member = await createAgent(running.app.database.db, running.workspaceId, { teams: ['financeiro-live'] });
      const outsider = await createAgent(running.app.database.db, running.workspaceId, {});
      const [m, o] = [await connect(member), await connect(outsider)];
      await Promise.all([m.hello(), o.hello()]);
      const conversationId = await customerWrites('live-restricted', 'quero negociar minha dívida');
      await o.waitForEvent('message', (e) => e.conversationId === conversationId);

      await moveToTeam(conversationId, teamId);
      const row = await m.waitForEvent('conversation', (e) => e.conversation.id === conversationId && e.conversation.teamId === teamId);
      assert.equal(row.event.conversation.status, 'queued');
      await o.waitForEvent('conversation_removed', (e) => e.conversationId === conversationId);
      const outsiderSawUpTo = o.frames.length;

      await customerWrites('live-restricted', 'ainda estou aqui');
      await m.waitForEvent('message', (e) => e.conversationId === conversationId && e.message.text === 'ainda estou aqui');
      m.send({ type: 'typing', conversationId, on: true });
      o.send({ type: 'typing', conversationId, on: true });
      assert.equal(((await o.waitFor((f) => f.type === 'error')) as { code: string }).code, 'conversation_not_found');
      // A frame published after everything above, to be sure the outsider's socket is caught up.
      running.app.deps.bus.emit('agent.presence', { workspaceId: running.workspaceId, userId: 'usr_marker', presence: 'away' });
      await o.waitForEvent('presence', (e) => e.userId === 'usr_marker');
      const leaked = o.frames.slice(outsiderSawUpTo).filter((f) => JSON.stringify(f).includes(conversationId));
      assert.deepEqual(leaked, [], 'the outsider got frames of a restricted conversation');
    });

    test('presence and typing: online on connect, away on request; typing reaches the others and the customer, not the typist', async () => {
      const a = await createAgent(running.app.database.db, running.workspaceId, { name: 'Bia' });
      const watcher = await connect(admin);
      await watcher.hello();
      const tabA = await connect(a);
      await watcher.waitForEvent('presence', (e) => e.userId === a.userId && e.presence === 'online');
      const welcome = await tabA.hello();
      assert.ok(welcome.presence.some((p) => p.userId === a.userId && p.presence === 'online'));
      tabA.send({ type: 'presence', presence: 'away' });
      await watcher.waitForEvent('presence', (e) => e.userId === a.userId && e.presence === 'away');

      // The customer on the website chat, typing; then the agent typing back.
      const widget = await connectWidget(running.wsUrl);
      const visitorId = `visitor_${randomBytes(8).toString('hex')}`;
      widget.send({ type: 'hello', connectionId: 'demo-webchat', visitorId, locale: 'pt-BR' });
      await widget.waitFor((f) => f.type === 'welcome');
      widget.send({
        type: 'message',
        clientMessageId: `client_${randomBytes(6).toString('hex')}`,
        content: { kind: 'text', text: 'oi, preciso de ajuda' },
      });
      const inbound = await watcher.waitForEvent('message', (e) => e.message.text === 'oi, preciso de ajuda');
      const conversationId = inbound.event.conversationId;
      widget.send({ type: 'typing', on: true });
      const customerTyping = await watcher.waitForEvent('typing', (e) => e.conversationId === conversationId);
      assert.deepEqual(customerTyping.event, { kind: 'typing', conversationId, who: 'contact', userId: null, on: true });

      tabA.send({ type: 'typing', conversationId, on: true });
      const agentTyping = await watcher.waitForEvent('typing', (e) => e.conversationId === conversationId && e.who === 'agent');
      assert.equal(agentTyping.event.userId, a.userId);
      await widget.waitFor((f: ServerFrame) => f.type === 'typing' && f.author === 'agent' && f.on);
      assert.ok(!tabA.events().some((f) => f.event.kind === 'typing' && f.event.who === 'agent'), 'typing echoed to the typist');
      await widget.close();

      await tabA.close();
      await watcher.waitForEvent('presence', (e) => e.userId === a.userId && e.presence === 'offline');
    });

    test('a reconnect with the last cursor replays exactly the missed frames, then carries on live', async () => {
      const observer = await connect(admin);
      await observer.hello();
      const tab = await connect(admin);
      await tab.hello();
      const conversationId = await customerWrites('live-replay', 'primeira');
      const last = await tab.waitForEvent('message', (e) => e.conversationId === conversationId && e.message.text === 'primeira');
      await observer.waitForEvent('message', (e) => e.message.text === 'primeira');
      // Let the bot's answer to the first message land before the cursor is taken.
      await eventually(() =>
        tab
          .events()
          .some((f) => f.event.kind === 'message' && f.event.message.author === 'bot' && f.event.conversationId === conversationId),
      );
      const since = tab.events().at(-1)?.cursor ?? last.cursor;
      await tab.close();

      await customerWrites('live-replay', 'segunda');
      await customerWrites('live-replay', 'terceira');
      const seqOf = (cursor: string) => Number(cursor.split('.')[1]);
      const isTerceira = (f: InboxServerFrame) => f.type === 'event' && f.event.kind === 'message' && f.event.message.text === 'terceira';
      await eventually(() => observer.log.some(isTerceira));
      await new Promise((r) => setTimeout(r, 300));
      const after = (log: InboxServerFrame[]) => log.filter((f): f is EventFrame => f.type === 'event' && seqOf(f.cursor) > seqOf(since));
      assert.ok(after(observer.log).length >= 2);

      const back = await connect(admin);
      const welcome = await back.hello(since);
      assert.equal(welcome.resync, false);
      assert.equal(welcome.cursor, since);
      // Live frames follow the replay: the reconnected tab and the one that never left end up with the same.
      await customerWrites('live-replay', 'quarta');
      const isQuarta = (f: InboxServerFrame) => f.type === 'event' && f.event.kind === 'message' && f.event.message.text === 'quarta';
      await eventually(() => back.log.some(isQuarta) && observer.log.some(isQuarta));
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(
        after(back.log).map((f) => f.cursor),
        after(observer.log).map((f) => f.cursor),
      );
      assert.deepEqual(
        after(back.log).map((f) => f.event),
        after(observer.log).map((f) => f.event),
      );
    });

    test('an unknown epoch or a dropped cursor asks for a resync', async () => {
      const tab = await connect(admin);
      const welcome = await tab.hello('deadbeef0000.12');
      assert.equal(welcome.resync, true);
      assert.notEqual(welcome.cursor, 'deadbeef0000.12');
      const epoch = welcome.cursor.split('.')[0];
      const future = await connect(admin);
      assert.equal((await future.hello(`${epoch}.999999999`)).resync, true);
    });

    test('a read frame moves the read mark and the reader’s row shows nothing unread', async () => {
      const reader = await createAgent(running.app.database.db, running.workspaceId, {});
      const tab = await connect(reader);
      await tab.hello();
      const conversationId = await customerWrites('live-read', 'pode me ligar?');
      const message = await tab.waitForEvent('message', (e) => e.conversationId === conversationId && e.message.direction === 'inbound');
      tab.send({ type: 'read', conversationId, seq: message.event.message.seq });
      const row = await tab.waitForEvent('conversation', (e) => e.conversation.id === conversationId && e.conversation.unread === 0);
      assert.equal(row.event.conversation.id, conversationId);
      const mark = await running.app.database.db
        .selectFrom('conversation_reads')
        .select('last_read_seq')
        .where('conversation_id', '=', conversationId)
        .where('user_id', '=', reader.userId)
        .executeTakeFirst();
      assert.equal(mark?.last_read_seq, message.event.message.seq);
    });
  });
}
