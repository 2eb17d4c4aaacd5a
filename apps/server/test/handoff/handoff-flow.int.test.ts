import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConversationEngine } from '../../src/conversation/bot/engine.ts';
import { createAgent } from '../support/agents.ts';
import { dialects } from '../support/databases.ts';
import { eventually } from '../support/test-app.ts';
import {
  botMessages,
  caller,
  conversationRow,
  customerWrites,
  eventsOf,
  startHandoffApp,
  teamId,
  turnsSettled,
} from './handoff-support.ts';

for (const dialect of dialects) {
  describe(`handoff on ${dialect}`, () => {
    test('the bot falls silent while a person holds the conversation and answers again once it is handed back', async (t) => {
      const ctx = await startHandoffApp(t, dialect);
      if (!ctx) return;
      const { running, receiver, db } = ctx;
      const ws = running.workspaceId;
      const agent = await createAgent(db, ws, { teams: ['atendimento'], presence: 'online' });
      const api = caller(running, agent.headers);

      const id = await customerWrites(running, 'flow-1', 'quero falar com atendente', 'cli-flow');
      const assigned = await eventually(
        async () => {
          const r = await conversationRow(db, id);
          return r.status === 'assigned' ? r : undefined;
        },
        10_000,
        'the handoff to be routed to the online agent',
      );
      assert.equal(assigned.assignee_id, agent.userId);
      assert.equal(assigned.team_id, await teamId(db, ws, 'atendimento'), 'escalation.team of the demo');
      assert.equal(assigned.priority, 'normal');
      assert.equal(assigned.language, 'pt-BR');
      assert.ok(assigned.queued_at && assigned.waiting_since && assigned.assigned_at);
      const types = (await eventsOf(db, id)).map((e) => e.type);
      for (const type of ['handoff.requested', 'conversation.queued', 'agent.assigned']) assert.ok(types.includes(type), type);

      // The handoff's own words went out; from now on nothing more from the bot.
      const bot = await botMessages(db, id);
      assert.ok(bot >= 1);
      await eventually(
        () => receiver.received.filter((c) => c.body['conversationId'] === id).length >= bot,
        8000,
        'the handoff reply delivered',
      );
      const delivered = receiver.received.filter((c) => c.body['conversationId'] === id).length;
      await customerWrites(running, 'flow-2', 'oi, tem alguém aí?', 'cli-flow');
      await customerWrites(running, 'flow-3', 'qual o horário de funcionamento?', 'cli-flow');
      await turnsSettled(db, id);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(await botMessages(db, id), bot, 'no bot message stored while assigned');
      assert.equal(receiver.received.filter((c) => c.body['conversationId'] === id).length, delivered, 'nothing sent to the customer');
      assert.equal((await conversationRow(db, id)).waiting_since, assigned.waiting_since, 'waiting since the first unanswered message');

      // The agent answers: first response stamped, nobody waits, the message names its author.
      const reply = await api<{ data: { id: string }[] }>('POST', `/api/v1/conversations/${id}/replies`, {
        content: { kind: 'text', text: 'Oi! Aqui é a Ana, como posso ajudar?' },
      });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      const afterReply = await conversationRow(db, id);
      assert.ok(afterReply.first_response_at);
      assert.equal(afterReply.waiting_since, null);
      const authored = await db
        .selectFrom('messages')
        .select('author_id')
        .where('id', '=', reply.body.data[0]?.id ?? '')
        .executeTakeFirstOrThrow();
      assert.equal(authored.author_id, agent.userId);

      // Hand back: the bot holds it again and answers the next message.
      const back = await api<{ status: string; assigneeId: string | null; teamId: string | null }>(
        'POST',
        `/api/v1/conversations/${id}/hand-back`,
        {
          note: 'cadastro atualizado, o bot segue',
        },
      );
      assert.equal(back.status, 200, JSON.stringify(back.body));
      assert.deepEqual([back.body.status, back.body.assigneeId, back.body.teamId], ['bot', null, null]);
      const handedBack = (await eventsOf(db, id)).find((e) => e.type === 'conversation.handed_back');
      assert.equal(handedBack?.payload['fromUserId'], agent.userId);
      const again = await api<{ code: string }>('POST', `/api/v1/conversations/${id}/hand-back`);
      assert.equal(again.status, 409);
      assert.equal(again.body.code, 'conversation_with_bot');
      await customerWrites(running, 'flow-4', 'qual o horário de funcionamento?', 'cli-flow');
      await eventually(async () => (await botMessages(db, id)) > bot, 8000, 'the bot answering again');
    });

    test('a bot turn still running when an agent takes the conversation is dropped', async (t) => {
      let release: () => void = () => undefined;
      const gate = new Promise<void>((r) => (release = r));
      let entered: () => void = () => undefined;
      const started = new Promise<void>((r) => (entered = r));
      const engine: ConversationEngine = {
        async runTurn(input) {
          entered();
          await gate;
          return { replies: [{ kind: 'text', text: 'resposta atrasada do bot' }], botState: input.botState, actions: [], intent: null };
        },
      };
      const ctx = await startHandoffApp(t, dialect, { engine });
      if (!ctx) return;
      const { running, receiver, db } = ctx;
      const agent = await createAgent(db, running.workspaceId, { presence: 'online' });
      const api = caller(running, agent.headers);
      const id = await customerWrites(running, 'race-1', 'oi', 'cli-race');
      await started;
      const took = await api<{ status: string; assigneeId: string }>('POST', `/api/v1/conversations/${id}/assign`, { userId: 'me' });
      assert.equal(took.status, 200, JSON.stringify(took.body));
      assert.deepEqual([took.body.status, took.body.assigneeId], ['assigned', agent.userId]);
      release();
      await turnsSettled(db, id);
      assert.equal(await botMessages(db, id), 0, "the bot's late answer was dropped");
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(receiver.received.filter((c) => c.body['conversationId'] === id).length, 0);
    });

    test('resolve asking CSAT: the score is recorded on that conversation without opening another; reopen queues it again', async (t) => {
      const ctx = await startHandoffApp(t, dialect);
      if (!ctx) return;
      const { running, receiver, db } = ctx;
      const ws = running.workspaceId;
      const agent = await createAgent(db, ws, { teams: ['atendimento'], presence: 'online' });
      const api = caller(running, agent.headers);
      const id = await customerWrites(running, 'csat-1', 'quero falar com atendente', 'cli-csat');
      await eventually(async () => (await conversationRow(db, id)).status === 'assigned', 10_000, 'assigned');

      const resolved = await api<{ conversation: { status: string } }>('POST', `/api/v1/conversations/${id}/resolve`, { askCsat: true });
      assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
      assert.equal(resolved.body.conversation.status, 'resolved');
      const question = await db
        .selectFrom('messages')
        .select(['content_json', 'text'])
        .where('conversation_id', '=', id)
        .where('author', '=', 'system')
        .executeTakeFirstOrThrow();
      const content = JSON.parse(question.content_json) as { quickReplies?: { id: string }[] };
      assert.deepEqual(
        content.quickReplies?.map((q) => q.id),
        ['csat:1', 'csat:2', 'csat:3', 'csat:4', 'csat:5'],
      );
      assert.match(question.text, /1 a 5|1 e 5|de 1/i, 'asked in Portuguese');
      await eventually(
        () => receiver.received.some((c) => c.body['conversationId'] === id && JSON.stringify(c.body).includes('csat:5')),
        8000,
        'the question delivered',
      );

      const answeredIn = await customerWrites(running, 'csat-2', '5', 'cli-csat');
      assert.equal(answeredIn, id, 'the answer joins the resolved conversation');
      const row = await conversationRow(db, id);
      assert.equal(row.status, 'resolved');
      const conversations = await db.selectFrom('conversations').select('id').where('contact_id', '=', row.contact_id).execute();
      assert.equal(conversations.length, 1, 'no new conversation');
      const csat = (await eventsOf(db, id)).filter((e) => e.type === 'csat.answered');
      assert.equal(csat.length, 1);
      assert.equal(csat[0]?.payload['score'], 5);
      await turnsSettled(db, id);

      // Another message is a new matter: a new conversation.
      const next = await customerWrites(running, 'csat-3', 'outra coisa: vocês entregam em Recife?', 'cli-csat');
      assert.notEqual(next, id);
      const closeNext = await api('POST', `/api/v1/conversations/${next}/resolve`);
      assert.equal(closeNext.status, 200);

      // Reopening the first: back in its team's queue, and routing gives it to the online agent.
      const reopened = await api<{ conversation: { status: string } }>('POST', `/api/v1/conversations/${id}/reopen`);
      assert.equal(reopened.status, 200, JSON.stringify(reopened.body));
      assert.equal(reopened.body.conversation.status, 'queued');
      await eventually(
        async () => {
          const r = await conversationRow(db, id);
          return r.status === 'assigned' && r.assignee_id === agent.userId;
        },
        8000,
        'the reopened conversation routed',
      );
    });
  });
}
