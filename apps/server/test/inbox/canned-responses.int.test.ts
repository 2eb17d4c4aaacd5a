import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CannedResponseView } from '@fio/contracts';
import { syncFileCannedResponses } from '../../src/inbox/index.ts';
import { createAgent, type TestAgent } from '../support/agents.ts';
import { dialects, postgresSkipReason } from '../support/databases.ts';
import { startConversationScreenHarness, type ConversationScreenHarness } from './conversation-screen-harness.ts';

const pgSkip = await postgresSkipReason();
const shortcuts = (page: { data: CannedResponseView[] }) => page.data.map((c) => c.shortcut);

for (const dialect of dialects) {
  describe(`canned responses on ${dialect}`, { skip: dialect === 'postgres' ? (pgSkip ?? false) : false }, () => {
    let h: ConversationScreenHarness;
    let conversationId: string;
    let agent: TestAgent;
    let member: TestAgent;
    let supervisor: TestAgent;
    let teamId: string;

    before(async () => {
      h = await startConversationScreenHarness(dialect);
      const db = h.running.app.database.db;
      const ws = h.running.workspaceId;
      agent = await createAgent(db, ws, { name: 'Paulo Nunes' });
      member = await createAgent(db, ws, { name: 'Marta Rocha', teams: ['financeiro'] });
      supervisor = await createAgent(db, ws, { role: 'supervisor', name: 'Sofia Reis' });
      teamId = (
        await db.selectFrom('teams').select('id').where('workspace_id', '=', ws).where('key', '=', 'financeiro').executeTakeFirstOrThrow()
      ).id;
      conversationId = await h.apiCustomerSays({ id: 'canned-user', name: 'Júlia Martins', phone: '+5521988887777' }, 'oi');
    });
    after(async () => {
      await h?.close();
    });

    test('lists the workspace.yaml ones to everyone, by shortcut, and finds them by a prefix of shortcut or title', async () => {
      const all = await h.call('GET', '/api/v1/canned-responses', agent.headers);
      assert.equal(all.status, 200);
      assert.deepEqual(shortcuts(all.json), ['horario', 'obrigado', 'pix', 'prazo-entrega', 'troca']);
      assert.deepEqual(shortcuts((await h.call('GET', '/api/v1/canned-responses?q=tr', agent.headers)).json), ['troca']);
      assert.deepEqual(shortcuts((await h.call('GET', '/api/v1/canned-responses?q=PAGAMENTO', agent.headers)).json), ['pix']);
      assert.deepEqual(
        shortcuts((await h.call('GET', '/api/v1/canned-responses?q=%25', agent.headers)).json),
        [],
        'LIKE wildcards are literal',
      );
      const page1 = await h.call('GET', '/api/v1/canned-responses?limit=2', agent.headers);
      const page2 = await h.call('GET', `/api/v1/canned-responses?limit=2&cursor=${page1.json.nextCursor}`, agent.headers);
      assert.deepEqual([...shortcuts(page1.json), ...shortcuts(page2.json)], ['horario', 'obrigado', 'pix', 'prazo-entrega']);
    });

    test('keeps the workspace.yaml ones read-only and lets only supervisors and admins write', async () => {
      const troca = (await h.call('GET', '/api/v1/canned-responses?q=troca', supervisor.headers)).json.data[0] as CannedResponseView;
      const patched = await h.call('PATCH', `/api/v1/canned-responses/${troca.id}`, supervisor.headers, { title: 'Outro' });
      assert.deepEqual([patched.status, patched.json.code], [409, 'canned_read_only']);
      assert.equal((await h.call('DELETE', `/api/v1/canned-responses/${troca.id}`, h.admin())).json.code, 'canned_read_only');
      const byAgent = await h.call('POST', '/api/v1/canned-responses', agent.headers, { shortcut: 'x', title: 'X', body: 'x' });
      assert.deepEqual([byAgent.status, byAgent.json.code], [403, 'forbidden']);
      const taken = await h.call('POST', '/api/v1/canned-responses', supervisor.headers, { shortcut: 'pix', title: 'Pix', body: 'x' });
      assert.deepEqual([taken.status, taken.json.code], [409, 'canned_shortcut_taken']);
      const english = await h.call('POST', '/api/v1/canned-responses', supervisor.headers, {
        shortcut: 'pix',
        title: 'Pix payments',
        body: 'Pix is approved at once.',
        language: 'en',
      });
      assert.equal(english.status, 201, 'the same shortcut in another language');
      const unknownTeam = await h.call('POST', '/api/v1/canned-responses', supervisor.headers, {
        shortcut: 'y',
        title: 'Y',
        body: 'y',
        teamId: 'team_nope',
      });
      assert.deepEqual([unknownTeam.status, unknownTeam.json.code], [404, 'team_not_found']);
    });

    test("shows a team's canned response only to its members, supervisors and admins; its owner can change and delete it", async () => {
      const created = await h.call('POST', '/api/v1/canned-responses', supervisor.headers, {
        shortcut: 'estorno',
        title: 'Estorno no cartão',
        body: 'O estorno aparece em até duas faturas, {{contact.firstName}}.',
        teamId,
      });
      assert.equal(created.status, 201, JSON.stringify(created.json));
      const id = created.json.id as string;
      assert.equal(created.json.teamId, teamId);
      assert.ok(!shortcuts((await h.call('GET', '/api/v1/canned-responses?q=estorno', agent.headers)).json).includes('estorno'));
      assert.equal((await h.call('GET', `/api/v1/canned-responses/${id}`, agent.headers)).json.code, 'canned_not_found');
      assert.deepEqual(shortcuts((await h.call('GET', '/api/v1/canned-responses?q=estorno', member.headers)).json), ['estorno']);
      assert.equal((await h.call('GET', `/api/v1/canned-responses/${id}`, supervisor.headers)).status, 200);
      const rendered = await h.call('POST', `/api/v1/conversations/${conversationId}/canned-responses/${id}/render`, member.headers);
      assert.deepEqual(rendered.json, { text: 'O estorno aparece em até duas faturas, Júlia.', missing: [] });
      const hidden = await h.call('POST', `/api/v1/conversations/${conversationId}/canned-responses/${id}/render`, agent.headers);
      assert.equal(hidden.json.code, 'canned_not_found');

      const patched = await h.call('PATCH', `/api/v1/canned-responses/${id}`, supervisor.headers, { title: 'Estorno', teamId: null });
      assert.equal(patched.status, 200, JSON.stringify(patched.json));
      assert.deepEqual([patched.json.title, patched.json.teamId, patched.json.shortcut], ['Estorno', null, 'estorno']);
      assert.equal((await h.call('GET', `/api/v1/canned-responses/${id}`, agent.headers)).status, 200, 'for everyone now');
      assert.deepEqual((await h.call('DELETE', `/api/v1/canned-responses/${id}`, supervisor.headers)).json, { id, deleted: true });
      assert.equal((await h.call('GET', `/api/v1/canned-responses/${id}`, supervisor.headers)).status, 404);
    });

    test('renders the variables for the conversation and leaves the missing ones visible', async () => {
      const prazo = (await h.call('GET', '/api/v1/canned-responses?q=prazo', agent.headers)).json.data[0] as CannedResponseView;
      const out = await h.call('POST', `/api/v1/conversations/${conversationId}/canned-responses/${prazo.id}/render`, agent.headers);
      assert.equal(out.status, 200);
      assert.match(out.json.text, /^Oi Júlia! O prazo de entrega para \{\{contact\.attributes\.city\}\} é de 3 a 7 dias úteis/);
      assert.deepEqual(out.json.missing, ['contact.attributes.city']);
      const obrigado = (await h.call('GET', '/api/v1/canned-responses?q=obrigado', agent.headers)).json.data[0] as CannedResponseView;
      const thanks = await h.call('POST', `/api/v1/conversations/${conversationId}/canned-responses/${obrigado.id}/render`, agent.headers);
      assert.equal(thanks.json.text, 'Obrigado pelo contato, Júlia! Qualquer coisa, é só chamar. Um abraço, Paulo da Loja Exemplo.');
      // An API token is no person: {{agent.firstName}} stays for the sender to fill in.
      const byToken = await h.call('POST', `/api/v1/conversations/${conversationId}/canned-responses/${obrigado.id}/render`, h.admin());
      assert.deepEqual(byToken.json.missing, ['agent.firstName']);
    });

    test('a new workspace.yaml list updates its responses, removes the ones it dropped and leaves the API ones alone', async () => {
      const db = h.running.app.database.db;
      const ws = h.running.workspaceId;
      const own = await h.call('POST', '/api/v1/canned-responses', supervisor.headers, {
        shortcut: 'meu',
        title: 'Meu',
        body: 'Do supervisor',
      });
      assert.equal(own.status, 201);
      await syncFileCannedResponses(
        db,
        ws,
        [
          { shortcut: 'pix', title: 'Pix (novo)', body: 'Chave nova.' },
          { shortcut: 'boleto', title: 'Boleto', body: 'Vence em 3 dias.', team: 'financeiro' },
        ],
        new Date().toISOString(),
      );
      const listed = (await h.call('GET', '/api/v1/canned-responses?limit=200', supervisor.headers)).json as { data: CannedResponseView[] };
      assert.deepEqual(
        listed.data.map((c) => [c.shortcut, c.language, c.title]),
        [
          ['boleto', null, 'Boleto'],
          ['meu', null, 'Meu'],
          ['pix', null, 'Pix (novo)'],
          ['pix', 'en', 'Pix payments'],
        ],
      );
      assert.equal(listed.data[0]?.teamId, teamId);
    });
  });
}
