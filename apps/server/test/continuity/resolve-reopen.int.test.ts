import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signApiRequest } from '@fio/channel-api';
import type { ConversationView, ConversationWithSummary, ReplyOption } from '@fio/contracts';
import { createApiToken } from '../../src/security/bootstrap-admin.ts';
import { startCallbackReceiver } from '../support/callback-receiver.ts';
import { dialects, postgresSkipReason } from '../support/databases.ts';
import { writeDemoWorkspaceWith } from '../support/demo-workspace-with.ts';
import { createTestEnvironment, eventually, repoRoot, startTestApp, type RunningApp } from '../support/test-app.ts';

const apiSecret = 'continuity-test-api-secret-0123456789';

interface StatusChange {
  conversation: ConversationView;
  from: string;
  summary: ConversationWithSummary['summary'] | null;
  previousConversationId: string | null;
}

/** A second tenant in the same Fio: its token must see none of the first workspace's conversations. */
function writeOtherWorkspace(): string {
  const dir = writeDemoWorkspaceWith(
    'fio-continuity-other-',
    `
  - id: outra-webchat
    type: webchat
    name: Site
    config: { title: Outra Loja, allowedOrigins: ['*'] }
    secrets: { identitySecret: outra-widget-secret-0123456789 }
`,
  );
  const file = join(dir, 'workspace.yaml');
  writeFileSync(
    file,
    readFileSync(file, 'utf8')
      .replace(/^id: loja-exemplo$/m, 'id: outra-loja')
      .replace(/^name: Loja Exemplo$/m, 'name: Outra Loja'),
  );
  return dir;
}

async function start(t: TestContext, dialect: (typeof dialects)[number]) {
  const receiver = await startCallbackReceiver(apiSecret);
  const otherDir = writeOtherWorkspace();
  const te = await createTestEnvironment(dialect, { FIO_DEMO_API_CALLBACK_URL: receiver.url, FIO_DEMO_API_SECRET: apiSecret });
  const running = await startTestApp(te, { config: { workspaceDirs: [join(repoRoot, 'workspaces/demo'), otherDir] } });
  t.after(async () => {
    await running.app.close();
    await receiver.close();
    await te.cleanup();
    rmSync(otherDir, { recursive: true, force: true });
  });
  const other = running.app.deps.workspaces.bySlug('outra-loja');
  assert.ok(other, 'the second workspace loaded');
  const otherToken = await createApiToken(running.app.database.db, other.id, 'other', 'admin', new Date().toISOString());
  return { running, receiver, otherToken };
}

function client(running: RunningApp, token = running.adminToken) {
  return async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${running.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
}

/** The customer writes through the business's app (the signed API channel). */
async function customerWrites(
  running: RunningApp,
  messageId: string,
  text: string,
  from = { id: 'app-user-7', email: 'joana@example.com', name: 'Joana' },
): Promise<string> {
  const body = JSON.stringify({ messageId, from, text });
  const res = await fetch(`${running.baseUrl}/webhooks/api/demo-api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signApiRequest(apiSecret, body) },
    body,
  });
  assert.equal(res.status, 200, await res.clone().text());
  const ingest = (await res.json()) as { messages: Array<{ conversationId: string }> };
  const id = ingest.messages[0]?.conversationId;
  assert.ok(id);
  return id;
}

for (const dialect of dialects) {
  describe(`resolve, reopen and the contact's history on ${dialect}`, () => {
    test('resolve → the next message opens a new conversation; the history shows the old one with its summary; reopen keeps one open per contact', async (t) => {
      if (dialect === 'postgres') {
        const why = await postgresSkipReason();
        if (why) return t.skip(why);
      }
      const { running, receiver, otherToken } = await start(t, dialect);
      const api = client(running);
      const otherApi = client(running, otherToken);

      // 1. Joana asks about an order in the app; the bot answers.
      const first = await customerWrites(running, 'app-msg-1', 'quero saber do meu pedido');
      await eventually(() => receiver.received.find((c) => c.body['conversationId'] === first), 8000, "the bot's answer");

      // Another workspace's token cannot see or act on any of it.
      for (const [method, path] of [
        ['POST', `/api/v1/conversations/${first}/resolve`],
        ['POST', `/api/v1/conversations/${first}/reopen`],
        ['GET', `/api/v1/conversations/${first}/summary`],
        ['GET', `/api/v1/conversations/${first}/reply-options`],
      ] as const) {
        const answer = await otherApi<{ code: string }>(method, path);
        assert.equal(answer.status, 404, `${method} ${path} ${JSON.stringify(answer.body)}`);
        assert.equal(answer.body.code, 'conversation_not_found');
      }

      // 2. An agent resolves it with a note: summary and events in the answer and the audit trail.
      const resolved = await api<StatusChange>('POST', `/api/v1/conversations/${first}/resolve`, { note: 'pedido localizado' });
      assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
      assert.equal(resolved.body.conversation.status, 'resolved');
      assert.ok(resolved.body.conversation.resolvedAt);
      assert.equal(resolved.body.from, 'bot');
      assert.equal(resolved.body.previousConversationId, null);
      const summary = resolved.body.summary;
      assert.ok(summary);
      assert.equal(summary.request.firstMessage, 'quero saber do meu pedido');
      assert.deepEqual(summary.channels, ['api']);
      assert.ok(summary.counts.fromCustomer === 1 && summary.counts.fromBot >= 1);
      assert.equal(summary.resolution?.note, 'pedido localizado');
      assert.match(summary.lines.at(-1) ?? '', /^Resolvida após .*nota: pedido localizado\.$/);
      const events = await api<{ data: { type: string; payload: Record<string, unknown> }[] }>(
        'GET',
        `/api/v1/conversations/${first}/events`,
      );
      const changed = events.body.data.find((e) => e.type === 'conversation.status_changed' && e.payload['to'] === 'resolved');
      assert.equal(changed?.payload['from'], 'bot');
      const resolvedEvent = events.body.data.find((e) => e.type === 'conversation.resolved');
      assert.ok(resolvedEvent);
      assert.deepEqual(resolvedEvent.payload['channelTypes'], ['api']);
      assert.deepEqual(resolvedEvent.payload['counts'], summary.counts);
      assert.equal(typeof (resolvedEvent.payload['durations'] as Record<string, unknown>)['secondsToResolve'], 'number');

      const again = await api<{ code: string }>('POST', `/api/v1/conversations/${first}/resolve`);
      assert.equal(again.status, 409);
      assert.equal(again.body.code, 'conversation_already_resolved');

      // 3. Joana comes back: a new conversation, in the language the bot knew, linked to the old one.
      const second = await customerWrites(running, 'app-msg-2', 'quero falar com atendente');
      assert.notEqual(second, first);
      const queued = await eventually(
        async () => {
          const c = await api<ConversationView>('GET', `/api/v1/conversations/${second}`);
          return c.body.status === 'queued' ? c.body : undefined;
        },
        8000,
        'the handoff of the second conversation',
      );
      assert.equal(queued.botState['language'], 'pt-BR');
      const contactId = queued.contactId;

      const history = await api<{ data: ConversationWithSummary[]; nextCursor: string | null }>(
        'GET',
        `/api/v1/contacts/${contactId}/conversations`,
      );
      assert.equal(history.status, 200, JSON.stringify(history.body));
      assert.deepEqual(
        history.body.data.map((c) => [c.id, c.status, c.previousConversationId]),
        [
          [second, 'queued', first],
          [first, 'resolved', null],
        ],
      );
      assert.deepEqual(history.body.data[1]?.summary.lines, summary.lines);
      assert.equal(history.body.nextCursor, null);
      assert.equal((await otherApi<{ code: string }>('GET', `/api/v1/contacts/${contactId}/conversations`)).status, 404);

      // One page at a time: the open one first, then the resolved ones.
      const page1 = await api<{ data: ConversationWithSummary[]; nextCursor: string | null }>(
        'GET',
        `/api/v1/contacts/${contactId}/conversations?limit=1`,
      );
      assert.deepEqual(
        page1.body.data.map((c) => c.id),
        [second],
      );
      assert.ok(page1.body.nextCursor);
      const page2 = await api<{ data: ConversationWithSummary[]; nextCursor: string | null }>(
        'GET',
        `/api/v1/contacts/${contactId}/conversations?limit=1&cursor=${page1.body.nextCursor}`,
      );
      assert.deepEqual(
        page2.body.data.map((c) => c.id),
        [first],
      );
      assert.equal(page2.body.nextCursor, null);
      const badCursor = await api<{ code: string }>('GET', `/api/v1/contacts/${contactId}/conversations?cursor=nonsense`);
      assert.equal(badCursor.status, 400);

      // 4. Reopening the old one while the new one is open: refused, naming the open one.
      const blocked = await api<{ code: string; details: { openConversationId: string } }>('POST', `/api/v1/conversations/${first}/reopen`);
      assert.equal(blocked.status, 409);
      assert.equal(blocked.body.code, 'contact_has_open_conversation');
      assert.equal(blocked.body.details.openConversationId, second);
      const notResolved = await api<{ code: string }>('POST', `/api/v1/conversations/${second}/reopen`);
      assert.equal(notResolved.status, 409);
      assert.equal(notResolved.body.code, 'conversation_not_resolved');

      // 5. The one a person had goes back to the queue when reopened; then the old one cannot reopen.
      const resolvedSecond = await api<StatusChange>('POST', `/api/v1/conversations/${second}/resolve`);
      assert.equal(resolvedSecond.status, 200);
      assert.equal(resolvedSecond.body.from, 'queued');
      assert.equal(resolvedSecond.body.previousConversationId, first);
      assert.equal(resolvedSecond.body.summary?.handoff !== null, true);
      const reopened = await api<StatusChange>('POST', `/api/v1/conversations/${second}/reopen`);
      assert.equal(reopened.status, 200, JSON.stringify(reopened.body));
      assert.equal(reopened.body.conversation.status, 'queued');
      assert.equal(reopened.body.conversation.resolvedAt, null);
      assert.equal((await api<{ code: string }>('POST', `/api/v1/conversations/${first}/reopen`)).status, 409);

      // Resolved again, the first one reopens to the bot (the bot had it when it was resolved).
      assert.equal((await api('POST', `/api/v1/conversations/${second}/resolve`)).status, 200);
      const back = await api<StatusChange>('POST', `/api/v1/conversations/${first}/reopen`);
      assert.equal(back.status, 200);
      assert.equal(back.body.conversation.status, 'bot');

      // The customer's next message joins the reopened conversation.
      assert.equal(await customerWrites(running, 'app-msg-3', 'obrigada'), first);
      const options = await api<{ data: ReplyOption[] }>('GET', `/api/v1/conversations/${first}/reply-options`);
      assert.equal(options.body.data[0]?.current, true);
      assert.equal(options.body.data[0]?.channelType, 'api');
    });

    test("a merged contact's conversations show in the survivor's history, and the merged id answers with it", async (t) => {
      if (dialect === 'postgres') {
        const why = await postgresSkipReason();
        if (why) return t.skip(why);
      }
      const { running, receiver } = await start(t, dialect);
      const api = client(running);
      const older = await customerWrites(running, 'merge-msg-1', 'qual o prazo de entrega?', {
        id: 'app-user-a',
        email: 'rui@example.com',
        name: 'Rui',
      });
      await eventually(() => receiver.received.find((c) => c.body['conversationId'] === older), 8000, "the bot's answer");
      assert.equal((await api('POST', `/api/v1/conversations/${older}/resolve`)).status, 200);
      const newer = await customerWrites(running, 'merge-msg-2', 'oi', {
        id: 'app-user-b',
        email: 'rui.silva@example.com',
        name: 'Rui Silva',
      });
      const survivorId = (await api<ConversationView>('GET', `/api/v1/conversations/${newer}`)).body.contactId;
      const mergedId = (await api<ConversationView>('GET', `/api/v1/conversations/${older}`)).body.contactId;
      assert.notEqual(survivorId, mergedId);

      const merged = await api('POST', `/api/v1/contacts/${survivorId}/merge`, {
        otherId: mergedId,
        reason: 'mesmo cliente, confirmado por telefone',
      });
      assert.equal(merged.status, 200, JSON.stringify(merged.body));
      for (const id of [survivorId, mergedId]) {
        const history = await api<{ data: ConversationWithSummary[] }>('GET', `/api/v1/contacts/${id}/conversations`);
        assert.equal(history.status, 200);
        assert.deepEqual(
          history.body.data.map((c) => [c.id, c.status, c.previousConversationId]),
          [
            [newer, 'bot', older],
            [older, 'resolved', null],
          ],
          `the history of ${id === survivorId ? 'the survivor' : 'the merged contact'}`,
        );
        assert.equal(history.body.data[1]?.summary.request.firstMessage, 'qual o prazo de entrega?');
      }
    });
  });
}
