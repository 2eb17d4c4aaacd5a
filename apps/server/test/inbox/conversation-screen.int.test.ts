import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { InboxConversationDetail, InboxMessage } from '@fio/contracts';
import { createAgent, type TestAgent } from '../support/agents.ts';
import { dialects, postgresSkipReason } from '../support/databases.ts';
import { eventually } from '../support/test-app.ts';
import { startConversationScreenHarness, type ConversationScreenHarness } from './conversation-screen-harness.ts';

const pgSkip = await postgresSkipReason();
const phone = '+5511987654321';

for (const dialect of dialects) {
  describe(`the conversation screen's server side on ${dialect}`, { skip: dialect === 'postgres' ? (pgSkip ?? false) : false }, () => {
    let h: ConversationScreenHarness;
    let conversationId: string;
    let ana: TestAgent;
    let bruno: TestAgent;
    let editor: TestAgent;
    let supervisor: TestAgent;

    before(async () => {
      h = await startConversationScreenHarness(dialect, { FIO_MEDIA_MAX_BYTES: '200000' });
      const db = h.running.app.database.db;
      const ws = h.running.workspaceId;
      ana = await createAgent(db, ws, { name: 'Ana Lima', email: 'ana.lima@loja.test', teams: ['vendas'] });
      bruno = await createAgent(db, ws, { name: 'Bruno Costa', email: 'bruno@loja.test' });
      editor = await createAgent(db, ws, { role: 'bot_editor', name: 'Edu Bot' });
      supervisor = await createAgent(db, ws, { role: 'supervisor', name: 'Sofia Reis' });

      // One customer on two channels: WhatsApp first, then the business's app (API) asking for a person.
      const greeted = await h.whatsapp.customer.sendText({ address: phone, name: 'Ana Souza' }, 'oi');
      assert.equal(greeted.status, 200, greeted.body);
      await eventually(() => h.whatsapp.delivered.length > 0, 8000, 'the bot greets on WhatsApp');
      conversationId = await h.apiCustomerSays({ id: 'app-user-1', phone, name: 'Ana Souza' }, 'quero falar com um atendente');
      await eventually(
        async () => (await h.call('GET', `/api/v1/inbox/conversations/${conversationId}`, h.admin())).json?.handoff !== null,
        8000,
        'the handoff',
      );
    });
    after(async () => {
      await h?.close();
    });

    test('shows the thread across both channels, the context card of the handoff and the reply window', async () => {
      const res = await h.call('GET', `/api/v1/inbox/conversations/${conversationId}`, ana.headers);
      assert.equal(res.status, 200, JSON.stringify(res.json));
      const detail = res.json as InboxConversationDetail;
      assert.equal(detail.conversation.id, conversationId);
      assert.equal(detail.conversation.replyConnectionId, 'demo-api');
      assert.equal(detail.conversation.channelType, 'api');
      const channels = new Set(detail.messages.map((m) => m.channelType));
      assert.ok(channels.has('whatsapp') && channels.has('api'), `channels: ${[...channels].join(', ')}`);
      const inbound = detail.messages.filter((m) => m.direction === 'inbound');
      assert.deepEqual(
        inbound.map((m) => [m.channelType, m.text]),
        [
          ['whatsapp', 'oi'],
          ['api', 'quero falar com um atendente'],
        ],
      );
      assert.deepEqual(
        detail.messages.map((m) => m.seq),
        [...detail.messages.map((m) => m.seq)].sort((a, b) => a - b),
        'oldest first',
      );
      assert.equal(detail.hasEarlier, false);
      assert.ok(detail.handoff);
      assert.equal(detail.handoff.reason, 'customer_asked');
      assert.ok(detail.handoff.summary.length > 0);
      assert.ok(detail.handoff.sentiment.series.length >= 1, 'one sentiment reading per customer message');
      assert.ok(detail.handoff.requestedAt);
      assert.deepEqual(detail.replyWindow, { open: true, closesAt: null, reason: null, templates: false });
      assert.equal(detail.conversation.status, 'queued');
    });

    test('pages older messages back with beforeSeq and the cursor', async () => {
      const all = (await h.call('GET', `/api/v1/inbox/conversations/${conversationId}`, ana.headers)).json as InboxConversationDetail;
      const seen: InboxMessage[] = [];
      let path = `/api/v1/inbox/conversations/${conversationId}/messages?limit=1&beforeSeq=${all.conversation.lastMessageSeq + 1}`;
      for (let i = 0; i < 50; i++) {
        const page = await h.call('GET', path, ana.headers);
        assert.equal(page.status, 200, JSON.stringify(page.json));
        seen.unshift(...(page.json.data as InboxMessage[]));
        if (!page.json.nextCursor) break;
        path = `/api/v1/inbox/conversations/${conversationId}/messages?limit=1&cursor=${encodeURIComponent(page.json.nextCursor)}`;
      }
      assert.deepEqual(
        seen.map((m) => m.id),
        all.messages.map((m) => m.id),
      );
    });

    test('lets a bot editor read the screen but not act in it', async () => {
      assert.equal((await h.call('GET', `/api/v1/inbox/conversations/${conversationId}`, editor.headers)).status, 200);
      assert.equal((await h.call('POST', `/api/v1/conversations/${conversationId}/notes`, editor.headers, { text: 'oi' })).status, 403);
      const reply = await h.call('POST', `/api/v1/conversations/${conversationId}/replies`, editor.headers, {
        content: { kind: 'text', text: 'oi' },
      });
      assert.equal(reply.status, 403);
      assert.equal(reply.json.code, 'forbidden');
      assert.equal((await h.call('POST', `/api/v1/conversations/${conversationId}/typing`, editor.headers, { on: true })).status, 403);
    });

    test("hides a restricted team's conversation from an agent outside it on every route", async () => {
      const db = h.running.app.database.db;
      const now = new Date().toISOString();
      await db
        .insertInto('teams')
        .values({
          id: `team_vip_${dialect}`,
          workspace_id: h.running.workspaceId,
          key: 'vip',
          name: 'VIP',
          routing: 'manual',
          restricted: 1,
          required_skills_json: '[]',
          source: 'api',
          created_at: now,
          updated_at: now,
        })
        .execute();
      await db
        .updateTable('conversations')
        .set({ team_id: `team_vip_${dialect}` })
        .where('id', '=', conversationId)
        .execute();
      try {
        const c = `/api/v1/conversations/${conversationId}`;
        for (const [method, path, body] of [
          ['GET', `/api/v1/inbox/conversations/${conversationId}`],
          ['GET', `/api/v1/inbox/conversations/${conversationId}/messages`],
          ['GET', `${c}/notes`],
          ['POST', `${c}/notes`, { text: 'escondido' }],
          ['GET', `${c}/templates`],
          ['POST', `${c}/typing`, { on: true }],
          ['POST', `${c}/replies`, { content: { kind: 'text', text: 'oi' } }],
          ['POST', `${c}/canned-responses/whatever/render`],
        ] as const) {
          const res = await h.call(method, path, bruno.headers, body);
          assert.equal(res.status, 404, `${method} ${path}`);
          assert.equal(res.json.code, 'conversation_not_found');
        }
        assert.equal((await h.call('GET', `/api/v1/inbox/conversations/${conversationId}`, supervisor.headers)).status, 200);
      } finally {
        await db.updateTable('conversations').set({ team_id: null }).where('id', '=', conversationId).execute();
      }
    });

    test('stores a note, notifies the people it mentions once, and lists it', async () => {
      const heard: unknown[] = [];
      const stop = h.running.app.deps.bus.on('note.added', (e) => heard.push(e.note));
      const res = await h.call('POST', `/api/v1/conversations/${conversationId}/notes`, ana.headers, {
        text: '@Bruno Costa pode olhar o pedido? @ana.lima eu acompanho. cc @bruno',
      });
      stop();
      assert.equal(res.status, 201, JSON.stringify(res.json));
      assert.equal(res.json.authorId, ana.userId);
      assert.equal(res.json.authorName, 'Ana Lima');
      assert.deepEqual(res.json.mentions, [bruno.userId, ana.userId]);
      assert.deepEqual(heard, [res.json]);

      const brunos = await h.call('GET', '/api/v1/notifications', bruno.headers);
      assert.equal(brunos.status, 200);
      assert.equal(brunos.json.data.length, 1);
      const [notification] = brunos.json.data;
      assert.equal(notification.kind, 'mention');
      assert.equal(notification.conversationId, conversationId);
      assert.equal(notification.readAt, null);
      assert.equal(notification.payload.noteId, res.json.id);
      // The author mentioning herself is not notified.
      assert.equal((await h.call('GET', '/api/v1/notifications', ana.headers)).json.data.length, 0);
      // Someone else cannot mark it read; Bruno can, and it stays listed, read.
      assert.equal((await h.call('POST', `/api/v1/notifications/${notification.id}/read`, ana.headers)).status, 404);
      assert.equal((await h.call('POST', `/api/v1/notifications/${notification.id}/read`, bruno.headers)).status, 200);
      const after = await h.call('GET', '/api/v1/notifications', bruno.headers);
      assert.ok(after.json.data[0].readAt);

      await h.call('POST', `/api/v1/conversations/${conversationId}/notes`, bruno.headers, { text: 'vi, obrigado' });
      const notes = await h.call('GET', `/api/v1/conversations/${conversationId}/notes?limit=1`, ana.headers);
      assert.equal(notes.json.data[0].id, res.json.id, 'oldest first');
      const next = await h.call(
        'GET',
        `/api/v1/conversations/${conversationId}/notes?limit=1&cursor=${notes.json.nextCursor}`,
        ana.headers,
      );
      assert.equal(next.json.data[0].text, 'vi, obrigado');
      assert.equal(next.json.nextCursor, null);
      const detail = (await h.call('GET', `/api/v1/inbox/conversations/${conversationId}`, bruno.headers)).json as InboxConversationDetail;
      assert.deepEqual(
        detail.notes.map((n) => n.text),
        ['@Bruno Costa pode olhar o pedido? @ana.lima eu acompanho. cc @bruno', 'vi, obrigado'],
      );
      const events = await h.call('GET', `/api/v1/conversations/${conversationId}/events`, h.admin());
      assert.equal(events.json.data.filter((e: { type: string }) => e.type === 'note.added').length, 2);
    });

    test('pages notifications unread first, newest first', async () => {
      const db = h.running.app.database.db;
      const carla = await createAgent(db, h.running.workspaceId, { name: 'Carla Dias', email: 'carla@loja.test' });
      for (const text of ['@Carla Dias um', '@carla dois', '@carla três'])
        await h.call('POST', `/api/v1/conversations/${conversationId}/notes`, ana.headers, { text });
      const first = await h.call('GET', '/api/v1/notifications?limit=3', carla.headers);
      const oldest = first.json.data[2];
      await h.call('POST', `/api/v1/notifications/${oldest.id}/read`, carla.headers);
      const texts: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await h.call('GET', `/api/v1/notifications?limit=1${cursor ? `&cursor=${cursor}` : ''}`, carla.headers);
        texts.push(...page.json.data.map((n: { payload: { text: string } }) => n.payload.text));
        cursor = page.json.nextCursor;
      } while (cursor);
      assert.deepEqual(texts, ['@carla três', '@carla dois', '@Carla Dias um']);
      const token = await h.call('GET', '/api/v1/notifications', h.admin());
      assert.deepEqual(token.json, { data: [], nextCursor: null });
    });

    test('sends an agent reply on the reply channel and names its author', async () => {
      const res = await h.call('POST', `/api/v1/conversations/${conversationId}/replies`, ana.headers, {
        content: { kind: 'text', text: 'Oi Ana, aqui é a Ana Lima. Como posso ajudar?' },
      });
      assert.equal(res.status, 201, JSON.stringify(res.json));
      const [message] = res.json.data;
      assert.equal(message.channelType, 'api');
      await eventually(
        () => h.callbacks.received.find((c) => JSON.stringify(c.body).includes('aqui é a Ana Lima')),
        8000,
        'the reply delivered',
      );
      const detail = (await h.call('GET', `/api/v1/inbox/conversations/${conversationId}`, ana.headers)).json as InboxConversationDetail;
      const shown = detail.messages.find((m) => m.id === message.id);
      assert.equal(shown?.author, 'agent');
      assert.deepEqual([shown?.authorId, shown?.authorName], [ana.userId, 'Ana Lima']);
    });

    test('uploads an attachment, serves it to the signed-in agent, and sends it in a reply', async () => {
      const png = new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));
      const upload = await fetch(`${h.running.baseUrl}/api/v1/conversations/${conversationId}/attachments?filename=nota%20fiscal.png`, {
        method: 'POST',
        headers: { ...ana.headers, 'content-type': 'image/png' },
        body: png,
      });
      const uploaded = (await upload.json()) as {
        content: { kind: string; mediaType: string; url: string; filename: string; sizeBytes: number };
      };
      assert.equal(upload.status, 201, JSON.stringify(uploaded));
      assert.deepEqual(
        { ...uploaded.content, url: undefined },
        { kind: 'media', mediaType: 'image', url: undefined, mimeType: 'image/png', filename: 'nota fiscal.png', sizeBytes: 3000 },
      );
      assert.match(uploaded.content.url, /^\/media\/med_[0-9a-z]{22}$/);
      const served = await fetch(`${h.running.baseUrl}${uploaded.content.url}`, { headers: { cookie: ana.cookie } });
      assert.equal(served.status, 200);
      assert.deepEqual(new Uint8Array(await served.arrayBuffer()), png);

      const reply = await h.call('POST', `/api/v1/conversations/${conversationId}/replies`, ana.headers, { content: uploaded.content });
      assert.equal(reply.status, 201, JSON.stringify(reply.json));
      const sent = await eventually(
        () => h.callbacks.received.find((c) => JSON.stringify(c.body).includes('nota fiscal.png')),
        8000,
        'the attachment delivered',
      );
      assert.match(JSON.stringify(sent.body), /\/media\/med_[0-9a-z]{22}\?exp=\d+&sig=/, 'the provider gets a signed link');

      const tooLarge = await fetch(`${h.running.baseUrl}/api/v1/conversations/${conversationId}/attachments`, {
        method: 'POST',
        headers: { ...ana.headers, 'content-type': 'image/png' },
        body: new Uint8Array(200_001),
      });
      assert.equal(tooLarge.status, 413);
      const refused = await fetch(`${h.running.baseUrl}/api/v1/conversations/${conversationId}/attachments?filename=x.exe`, {
        method: 'POST',
        headers: { ...ana.headers, 'content-type': 'application/x-msdownload' },
        body: new Uint8Array(10),
      });
      assert.equal(refused.status, 415);
      assert.equal(((await refused.json()) as { code: string }).code, 'unsupported_media_type');
    });

    test('tells the other agents an agent is typing, without a provider call on a channel that shows none', async () => {
      const heard: unknown[] = [];
      const stop = h.running.app.deps.bus.on('conversation.typing', (e) => heard.push(e));
      const providerCalls: unknown[] = [];
      const stopProvider = h.running.app.deps.bus.on('bot.typing', (e) => providerCalls.push(e));
      const res = await h.call('POST', `/api/v1/conversations/${conversationId}/typing`, ana.headers, { on: true });
      stop();
      stopProvider();
      assert.equal(res.status, 200);
      assert.deepEqual(res.json, { forwarded: false });
      assert.deepEqual(heard, [{ workspaceId: h.running.workspaceId, conversationId, who: 'agent', userId: ana.userId, on: true }]);
      assert.deepEqual(providerCalls, []);
    });
  });
}
