import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAgent } from '../support/agents.ts';
import { dialects, postgresSkipReason } from '../support/databases.ts';
import { createTestEnvironment, eventually, startTestApp, type RunningApp, type TestEnvironment } from '../support/test-app.ts';
import { startMailSink } from './mail-sink.ts';
import { openBrowser, signInAs } from './sign-in-support.ts';

const pgSkip = await postgresSkipReason();

interface ApiError {
  code: string;
}
interface Team {
  id: string;
  key: string;
  source: string;
  restricted: boolean;
  memberIds: string[];
}

for (const dialect of dialects) {
  describe(`invites, password resets, admins and teams on ${dialect}`, { skip: dialect === 'postgres' ? (pgSkip ?? false) : false }, () => {
    let te: TestEnvironment;
    let running: RunningApp;
    let sink: Awaited<ReturnType<typeof startMailSink>>;
    let offset = 0;
    const api = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>) =>
      running.app.http.inject({
        method,
        url,
        headers: {
          ...(headers ?? { authorization: `Bearer ${running.adminToken}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
    const mailTo = (address: string, subject: RegExp) =>
      eventually(() => sink.mails.find((m) => m.to.includes(address) && subject.test(m.subject)), 10_000, `a mail to ${address}`);
    const tokenIn = (text: string, path: string) => {
      const match = new RegExp(`${path.replace('/', '\\/')}\\?token=([A-Za-z0-9_-]+)`).exec(text);
      assert.ok(match?.[1], `a ${path} link in:\n${text}`);
      return match[1];
    };

    before(async () => {
      sink = await startMailSink();
      te = await createTestEnvironment(dialect, {
        FIO_SMTP_URL: sink.url,
        FIO_SIGN_IN_RATE_PER_MIN: '1000',
        FIO_PUBLIC_URL: 'https://fio.example.com',
      });
      running = await startTestApp(te, { clock: () => new Date(Date.now() + offset) });
    });
    after(async () => {
      await running?.app.close();
      await sink?.close();
      await te?.cleanup();
    });

    test('invites a person by e-mail; they accept with a name and password, are signed in, and can sign in again', async () => {
      const teams = (await api('GET', '/api/v1/teams')).json<{ data: Team[] }>().data;
      const vendas = teams.find((t) => t.key === 'vendas');
      assert.ok(vendas);
      const invited = await api('POST', '/api/v1/users/invites', {
        email: 'Nova.Agente@Loja.Example',
        role: 'agent',
        teamIds: [vendas.id],
      });
      assert.equal(invited.statusCode, 201, invited.body);
      const user = invited.json<{ id: string; status: string; email: string; teamIds: string[] }>();
      assert.deepEqual([user.status, user.email, user.teamIds], ['invited', 'nova.agente@loja.example', [vendas.id]]);
      assert.equal(
        (await api('POST', '/api/v1/users/invites', { email: 'nova.agente@loja.example', role: 'agent' })).json<ApiError>().code,
        'user_exists',
      );
      const unknownTeam = await api('POST', '/api/v1/users/invites', { email: 'x@loja.example', role: 'agent', teamIds: ['team_nope'] });
      assert.equal(unknownTeam.json<ApiError>().code, 'team_not_found');

      const mail = await mailTo('nova.agente@loja.example', /Convite/);
      assert.match(mail.text, /convidou você para atender clientes de Loja Exemplo/);
      assert.match(mail.text, /https:\/\/fio\.example\.com\/inbox\/invite\?token=/);
      const token = tokenIn(mail.text, '/inbox/invite');

      const browser = openBrowser(running, '10.1.0.1');
      assert.equal(
        (await signInAs(browser, 'nova.agente@loja.example', 'anything-at-all')).statusCode,
        401,
        'an invited person cannot sign in yet',
      );
      const weak = await browser.call('POST', '/api/v1/auth/invites/accept', { token, name: 'Nova', password: 'short' });
      assert.equal(weak.json<ApiError>().code, 'weak_password');
      const asEmail = await browser.call('POST', '/api/v1/auth/invites/accept', {
        token,
        name: 'Nova',
        password: 'nova.agente@loja.example',
      });
      assert.equal(asEmail.json<ApiError>().code, 'weak_password');
      const accepted = await browser.call('POST', '/api/v1/auth/invites/accept', {
        token,
        name: 'Nova Agente',
        password: 'uma senha boa 123',
      });
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.match(String(accepted.headers['set-cookie']), /; Secure/, 'https public URL: Secure cookie');
      assert.deepEqual(
        [accepted.json<{ user: { name: string; status: string } }>().user.name, accepted.json<{ user: { status: string } }>().user.status],
        ['Nova Agente', 'active'],
      );
      assert.equal((await browser.call('GET', '/api/v1/auth/me')).statusCode, 200);
      const again = await openBrowser(running, '10.1.0.2').call('POST', '/api/v1/auth/invites/accept', {
        token,
        name: 'X',
        password: 'another password 1',
      });
      assert.equal(again.json<ApiError>().code, 'token_invalid', 'the link works once');
      assert.equal((await signInAs(openBrowser(running, '10.1.0.3'), 'nova.agente@loja.example', 'uma senha boa 123')).statusCode, 200);
    });

    test('writes invites in English for a person whose language is English', async () => {
      assert.equal(
        (await api('POST', '/api/v1/users/invites', { email: 'en.agent@loja.example', role: 'supervisor', locale: 'en' })).statusCode,
        201,
      );
      const mail = await mailTo('en.agent@loja.example', /invited/);
      assert.match(mail.text, /invited you to answer Loja Exemplo's customers/);
    });

    test('resets a forgotten password by e-mail: the link works once, ends the old sessions, and expires after an hour', async () => {
      const agent = await createAgent(running.app.database.db, running.workspaceId, { password: 'the-old-password' });
      const anonymous = openBrowser(running, '10.2.0.1');
      const requested = await anonymous.call('POST', '/api/v1/auth/password-reset', { email: agent.email });
      assert.equal(requested.statusCode, 202);
      const unknown = await anonymous.call('POST', '/api/v1/auth/password-reset', { email: 'nobody@loja.example' });
      assert.deepEqual([unknown.statusCode, unknown.body], [202, requested.body], 'unknown e-mails answer the same');
      const mail = await mailTo(agent.email, /Redefinição de senha/);
      assert.match(mail.text, /https:\/\/fio\.example\.com\/inbox\/reset\?token=/);
      const token = tokenIn(mail.text, '/inbox/reset');

      const weak = await anonymous.call('POST', '/api/v1/auth/password-reset/confirm', { token, password: 'short' });
      assert.equal(weak.json<ApiError>().code, 'weak_password');
      const done = await anonymous.call('POST', '/api/v1/auth/password-reset/confirm', { token, password: 'the-new-password' });
      assert.equal(done.statusCode, 200, done.body);
      const me = await running.app.http.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: agent.cookie } });
      assert.equal(me.statusCode, 401, 'the session opened with the old password is over');
      const reused = await anonymous.call('POST', '/api/v1/auth/password-reset/confirm', { token, password: 'yet-another-password' });
      assert.equal(reused.json<ApiError>().code, 'token_invalid');
      assert.equal((await signInAs(openBrowser(running, '10.2.0.2'), agent.email, 'the-old-password')).statusCode, 401);
      assert.equal((await signInAs(openBrowser(running, '10.2.0.3'), agent.email, 'the-new-password')).statusCode, 200);

      sink.mails.length = 0;
      await anonymous.call('POST', '/api/v1/auth/password-reset', { email: agent.email });
      const late = tokenIn((await mailTo(agent.email, /Redefinição/)).text, '/inbox/reset');
      offset += 61 * 60_000;
      const expired = await anonymous.call('POST', '/api/v1/auth/password-reset/confirm', { token: late, password: 'too-late-password' });
      assert.equal(expired.json<ApiError>().code, 'token_invalid');
    });

    test('keeps one active admin: demoting or disabling the last one is refused with 409 last_admin', async () => {
      const db = running.app.database.db;
      const admins = await db
        .selectFrom('users')
        .select('id')
        .where('workspace_id', '=', running.workspaceId)
        .where('role', '=', 'admin')
        .execute();
      assert.equal(admins.length, 1, 'the first-run admin only');
      const only = admins[0]?.id ?? '';
      assert.equal((await api('PATCH', `/api/v1/users/${only}`, { role: 'agent' })).json<ApiError>().code, 'last_admin');
      assert.equal((await api('DELETE', `/api/v1/users/${only}`)).json<ApiError>().code, 'last_admin');
      const second = await createAgent(db, running.workspaceId, { role: 'admin' });
      const demoted = await api('PATCH', `/api/v1/users/${only}`, { role: 'supervisor', skills: ['language:en'], capacity: 3 });
      assert.equal(demoted.statusCode, 200, demoted.body);
      assert.deepEqual(
        [demoted.json<{ role: string }>().role, demoted.json<{ skills: string[] }>().skills, demoted.json<{ capacity: number }>().capacity],
        ['supervisor', ['language:en'], 3],
      );
      // The remaining admin, signed in, cannot disable themself either.
      const self = await api('DELETE', `/api/v1/users/${second.userId}`, undefined, second.headers);
      assert.equal(self.json<ApiError>().code, 'last_admin');
      assert.equal((await api('PATCH', `/api/v1/users/${only}`, { role: 'admin' }, second.headers)).statusCode, 200);
      const agent = await createAgent(db, running.workspaceId);
      assert.equal((await api('PATCH', `/api/v1/users/${only}`, { role: 'agent' }, agent.headers)).json<ApiError>().code, 'forbidden');
      assert.equal((await api('GET', '/api/v1/users', undefined, agent.headers)).json<ApiError>().code, 'forbidden');
      assert.equal((await api('GET', `/api/v1/users/${agent.userId}`, undefined, agent.headers)).statusCode, 200, 'anyone reads themself');
    });

    test('creates, changes and deletes API teams; teams of workspace.yaml are read-only but for their members', async () => {
      const db = running.app.database.db;
      const list = (await api('GET', '/api/v1/teams?limit=200')).json<{ data: Team[] }>().data;
      const file = list.filter((t) => t.source === 'file').map((t) => t.key);
      assert.deepEqual(file.sort(), ['atendimento', 'financeiro', 'logistica', 'showroom', 'suporte', 'vendas']);
      const financeiro = list.find((t) => t.key === 'financeiro');
      assert.equal(financeiro?.restricted, true);
      assert.equal((await api('PATCH', `/api/v1/teams/${financeiro?.id}`, { name: 'Money' })).json<ApiError>().code, 'team_read_only');
      assert.equal((await api('DELETE', `/api/v1/teams/${financeiro?.id}`)).json<ApiError>().code, 'team_read_only');

      const supervisor = await createAgent(db, running.workspaceId, { role: 'supervisor' });
      const agent = await createAgent(db, running.workspaceId);
      const staffed = await api('PUT', `/api/v1/teams/${financeiro?.id}/members`, { userIds: [agent.userId] }, supervisor.headers);
      assert.equal(staffed.statusCode, 200, staffed.body);
      assert.deepEqual(staffed.json<Team>().memberIds, [agent.userId]);
      const me = await api('GET', '/api/v1/auth/me', undefined, { cookie: agent.cookie });
      assert.deepEqual(me.json<{ user: { teamIds: string[] } }>().user.teamIds, [financeiro?.id]);
      assert.equal(
        (await api('PUT', `/api/v1/teams/${financeiro?.id}/members`, { userIds: [] }, agent.headers)).json<ApiError>().code,
        'forbidden',
      );
      assert.equal(
        (await api('PUT', `/api/v1/teams/${financeiro?.id}/members`, { userIds: ['usr_nope'] })).json<ApiError>().code,
        'user_not_found',
      );

      const created = await api('POST', '/api/v1/teams', {
        key: 'vip',
        name: 'VIP',
        routing: 'least_busy',
        requiredSkills: ['language:en'],
      });
      assert.equal(created.statusCode, 201, created.body);
      const vip = created.json<Team>();
      assert.equal(vip.source, 'api');
      assert.equal((await api('POST', '/api/v1/teams', { key: 'vip', name: 'Again' })).json<ApiError>().code, 'team_exists');
      assert.equal((await api('POST', '/api/v1/teams', { key: 'nope', name: 'Nope' }, agent.headers)).json<ApiError>().code, 'forbidden');
      const changed = await api('PATCH', `/api/v1/teams/${vip.id}`, { name: 'VIP customers', restricted: true });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.equal(changed.json<Team>().restricted, true);
      assert.equal((await api('GET', `/api/v1/teams/${vip.id}`, undefined, { cookie: agent.cookie })).statusCode, 200, 'agents read teams');
      const deleted = await api('DELETE', `/api/v1/teams/${vip.id}`);
      assert.deepEqual(deleted.json(), { id: vip.id, deleted: true });
      assert.equal((await api('GET', `/api/v1/teams/${vip.id}`)).json<ApiError>().code, 'team_not_found');
    });
  });
}
