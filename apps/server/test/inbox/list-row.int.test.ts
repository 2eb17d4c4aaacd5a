import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { loadInboxConversation, markRead } from '../../src/inbox/index.ts';
import type { DatabaseHandle } from '../../src/storage/index.ts';
import { dialects, openTestDatabase, type DialectName } from '../support/databases.ts';
import { at, buildConversation, buildSlaTimer, buildTeam, buildUser, buildWorkspace } from './support/build-inbox.ts';

async function database(t: TestContext, dialect: DialectName): Promise<DatabaseHandle | null> {
  return openTestDatabase(t, dialect, { migrate: true });
}

for (const dialect of dialects) {
  describe(`one inbox row (${dialect})`, () => {
    test('shows contact, assignee, team, tags, last message and SLA of the conversation', async (t) => {
      const h = await database(t, dialect);
      if (!h) return;
      const ws = await buildWorkspace(h.db);
      const team = await buildTeam(h.db, ws, { key: 'vendas', name: 'Vendas' });
      const agent = await buildUser(h.db, ws, { name: 'Ana' });
      const id = await buildConversation(h.db, ws, {
        contact: { name: 'João Silva' },
        assigneeId: agent,
        teamId: team,
        priority: 'high',
        language: 'pt-BR',
        tags: ['vip', 'entrega'],
        slaState: 'warning',
        slaDueAt: at(600),
        messages: [
          { text: 'oi', at: at(1) },
          { text: 'olá, sou a Ana', author: 'agent', authorId: agent, at: at(2) },
        ],
      });
      await buildSlaTimer(h.db, ws, id, { kind: 'resolution', status: 'running', dueAt: at(9000) });
      await buildSlaTimer(h.db, ws, id, { kind: 'next_response', status: 'running', dueAt: at(600) });
      await buildSlaTimer(h.db, ws, id, { kind: 'first_response', status: 'met', dueAt: at(100) });

      const row = await loadInboxConversation(h.db, ws, id, agent);
      assert.ok(row);
      assert.equal(row.contactName, 'João Silva');
      assert.equal(row.status, 'assigned');
      assert.equal(row.assigneeName, 'Ana');
      assert.equal(row.teamName, 'Vendas');
      assert.equal(row.priority, 'high');
      assert.deepEqual(row.tags, ['entrega', 'vip']);
      assert.equal(row.channelType, 'api');
      assert.deepEqual(row.lastMessage, { text: 'olá, sou a Ana', author: 'agent', at: at(2) });
      assert.equal(row.lastMessageSeq, 2);
      assert.deepEqual(row.sla, { state: 'warning', kind: 'next_response', dueAt: at(600), policyId: 'standard' });
      // The agent's own reply is not unread for them; the customer's message is.
      assert.equal(row.unread, 1);
      assert.equal(await loadInboxConversation(h.db, ws, 'cv_missing', agent), null);
      assert.equal(await loadInboxConversation(h.db, 'ws_other', id, agent), null, 'another workspace sees nothing');
    });

    test('counts unread after the read mark: inbound and other agents, never the bot nor the viewer', async (t) => {
      const h = await database(t, dialect);
      if (!h) return;
      const ws = await buildWorkspace(h.db);
      const ana = await buildUser(h.db, ws);
      const bia = await buildUser(h.db, ws);
      const id = await buildConversation(h.db, ws, {
        assigneeId: ana,
        messages: [
          { text: 'oi' },
          { text: 'Olá! Sou o robô', author: 'bot' },
          { text: 'quero falar com alguém' },
          { text: 'oi, aqui é a Ana', author: 'agent', authorId: ana },
          { text: 'e a Bia', author: 'agent', authorId: bia },
          { text: 'obrigado' },
        ],
      });
      assert.equal((await loadInboxConversation(h.db, ws, id, ana))?.unread, 4, 'three inbound and Bia');
      assert.equal((await loadInboxConversation(h.db, ws, id, bia))?.unread, 4, "Ana's reply counts for Bia");
      assert.equal((await loadInboxConversation(h.db, ws, id, null))?.unread, 0, 'no viewer, nothing unread');

      assert.deepEqual(await markRead(h.db, ws, id, ana, 4), { lastReadSeq: 4, changed: true });
      assert.equal((await loadInboxConversation(h.db, ws, id, ana))?.unread, 2);
      // Never moves back, and never past the last message.
      assert.deepEqual(await markRead(h.db, ws, id, ana, 2), { lastReadSeq: 4, changed: false });
      assert.deepEqual(await markRead(h.db, ws, id, ana, 99), { lastReadSeq: 6, changed: true });
      assert.equal((await loadInboxConversation(h.db, ws, id, ana))?.unread, 0);
      assert.equal((await loadInboxConversation(h.db, ws, id, bia))?.unread, 4, "Ana's mark is hers alone");
      assert.equal(await markRead(h.db, 'ws_other', id, ana, 3), null);
    });
  });
}
