import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAgent } from '../support/agents.ts';
import { dialects, postgresSkipReason } from '../support/databases.ts';
import { createTestEnvironment, startTestApp, type RunningApp, type TestEnvironment } from '../support/test-app.ts';
import { hashPassword } from '../../src/security/credentials.ts';
import { openBrowser, signInAs } from './sign-in-support.ts';

const pgSkip = await postgresSkipReason();
const hour = 3_600_000;

for (const dialect of dialects) {
  describe(`signing in to the inbox on ${dialect}`, { skip: dialect === 'postgres' ? (pgSkip ?? false) : false }, () => {
    let te: TestEnvironment;
    let running: RunningApp;
    let offset = 0;
    const bearer = () => ({ authorization: `Bearer ${running.adminToken}` });

    before(async () => {
      te = await createTestEnvironment(dialect, { FIO_SIGN_IN_RATE_PER_MIN: '10' });
      running = await startTestApp(te, { clock: () => new Date(Date.now() + offset) });
    });
    after(async () => {
      await running?.app.close();
      await te?.cleanup();
    });

    test('signs the first-run admin in with a secure session cookie, answers who they are, and signs out', async () => {
      const admin = running.app.firstRun[0];
      assert.ok(admin, 'first-run credentials');
      const browser = openBrowser(running, '10.0.1.1');
      const res = await signInAs(browser, admin.email.toUpperCase(), admin.password);
      assert.equal(res.statusCode, 200, res.body);
      const cookie = String(res.headers['set-cookie']);
      assert.match(cookie, /^fio_session=[A-Za-z0-9_-]{43};/);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.match(cookie, /Path=\//);
      assert.doesNotMatch(cookie, /Secure/, 'plain http in tests');
      const me = res.json<{ user: { email: string; role: string }; workspace: { slug: string }; csrfToken: string }>();
      assert.equal(me.user.email, admin.email);
      assert.equal(me.user.role, 'admin');
      assert.equal(me.workspace.slug, 'loja-exemplo');
      const again = await browser.call('GET', '/api/v1/auth/me');
      assert.equal(again.statusCode, 200);
      assert.equal(again.json<{ csrfToken: string }>().csrfToken, me.csrfToken);

      const out = await browser.call('POST', '/api/v1/auth/sign-out');
      assert.equal(out.statusCode, 200, out.body);
      assert.equal(browser.cookie, null, 'the cookie is cleared');
      const stale = await running.app.http.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { cookie: cookie.split(';')[0] ?? '' },
      });
      assert.equal(stale.statusCode, 401, 'the session is revoked, not only forgotten by the browser');
    });

    test('answers a wrong password and an unknown e-mail alike with 401 invalid_credentials', async () => {
      const agent = await createAgent(running.app.database.db, running.workspaceId, { password: 'a-good-password-1' });
      const browser = openBrowser(running, '10.0.2.1');
      const wrong = await signInAs(browser, agent.email, 'not-the-password');
      const unknown = await signInAs(browser, 'nobody@example.com', 'not-the-password');
      for (const res of [wrong, unknown]) {
        assert.equal(res.statusCode, 401);
        assert.equal(res.json<{ code: string }>().code, 'invalid_credentials');
      }
      assert.equal(wrong.json().message, unknown.json().message);
      assert.equal(browser.cookie, null);
    });

    test('locks the account after 5 wrong passwords with Retry-After, and lets it in again 15 minutes later', async () => {
      const agent = await createAgent(running.app.database.db, running.workspaceId, { password: 'the-right-password' });
      const browser = openBrowser(running, '10.0.3.1');
      for (let i = 1; i <= 4; i++) assert.equal((await signInAs(browser, agent.email, `wrong-${i}-password`)).statusCode, 401);
      const fifth = await signInAs(browser, agent.email, 'wrong-5-password');
      assert.equal(fifth.statusCode, 429);
      assert.equal(fifth.json<{ code: string }>().code, 'account_locked');
      const retryAfter = Number(fifth.headers['retry-after']);
      assert.ok(retryAfter > 800 && retryAfter <= 900, `Retry-After ${retryAfter}`);
      const right = await openBrowser(running, '10.0.3.2').call('POST', '/api/v1/auth/sign-in', {
        email: agent.email,
        password: 'the-right-password',
      });
      assert.equal(right.statusCode, 429, 'the right password does not open a locked account');
      const events = await running.app.database.db
        .selectFrom('events')
        .select('type')
        .where('workspace_id', '=', running.workspaceId)
        .where('type', 'in', ['agent.sign_in_failed', 'agent.locked_out'])
        .where('payload_json', 'like', `%${agent.userId}%`)
        .execute();
      assert.equal(events.filter((e) => e.type === 'agent.sign_in_failed').length, 5);
      assert.equal(events.filter((e) => e.type === 'agent.locked_out').length, 1);
      offset += 16 * 60_000;
      const later = await openBrowser(running, '10.0.3.3').call('POST', '/api/v1/auth/sign-in', {
        email: agent.email,
        password: 'the-right-password',
      });
      assert.equal(later.statusCode, 200, later.body);
    });

    test('rate-limits sign-in per IP address (10 a minute)', async () => {
      const browser = openBrowser(running, '10.0.4.1');
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await signInAs(browser, `rl-${i}@example.com`, 'whatever-password')).statusCode);
      assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401));
      assert.equal(statuses[10], 429);
      const limited = await signInAs(browser, 'rl@example.com', 'whatever-password');
      assert.equal(limited.json<{ code: string }>().code, 'rate_limited');
      assert.ok(Number(limited.headers['retry-after']) > 0);
      assert.equal(
        (await signInAs(openBrowser(running, '10.0.4.2'), 'rl@example.com', 'whatever-password')).statusCode,
        401,
        'another IP is not limited',
      );
    });

    test('refuses changes made with the session cookie but without the CSRF token (403 csrf_failed)', async () => {
      const agent = await createAgent(running.app.database.db, running.workspaceId);
      const patch = (headers: Record<string, string>) =>
        running.app.http.inject({
          method: 'PATCH',
          url: '/api/v1/auth/me',
          headers: { 'content-type': 'application/json', ...headers },
          payload: JSON.stringify({ name: 'Renamed' }),
        });
      const none = await patch({ cookie: agent.cookie });
      assert.equal(none.statusCode, 403);
      assert.equal(none.json<{ code: string }>().code, 'csrf_failed');
      const other = await patch({ cookie: agent.cookie, 'x-csrf-token': 'x'.repeat(agent.csrfToken.length) });
      assert.equal(other.json<{ code: string }>().code, 'csrf_failed');
      const ok = await patch(agent.headers);
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json<{ name: string }>().name, 'Renamed');
      const read = await running.app.http.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: agent.cookie } });
      assert.equal(read.statusCode, 200, 'reads need no CSRF token');
    });

    test('ends an idle session after FIO_SESSION_TTL_HOURS (12) but keeps a used one alive (sliding)', async () => {
      const agent = await createAgent(running.app.database.db, running.workspaceId, { password: 'sliding-password-1' });
      const busy = openBrowser(running, '10.0.5.1');
      const idle = openBrowser(running, '10.0.5.2');
      assert.equal((await signInAs(busy, agent.email, 'sliding-password-1')).statusCode, 200);
      assert.equal((await signInAs(idle, agent.email, 'sliding-password-1')).statusCode, 200);
      offset += 8 * hour;
      const touched = await busy.call('GET', '/api/v1/auth/me');
      assert.equal(touched.statusCode, 200);
      assert.match(String(touched.headers['set-cookie']), /^fio_session=.*HttpOnly/, 'the cookie is renewed with the session');
      offset += 8 * hour;
      assert.equal((await busy.call('GET', '/api/v1/auth/me')).statusCode, 200, 'used 8 h ago: still on');
      await new Promise((r) => setTimeout(r, 5_100)); // past the session cache
      assert.equal((await idle.call('GET', '/api/v1/auth/me')).statusCode, 401, 'idle 16 h: signed out');
    });

    test('kicks a disabled person out at once', async () => {
      const agent = await createAgent(running.app.database.db, running.workspaceId);
      const me = () => running.app.http.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: agent.cookie } });
      assert.equal((await me()).statusCode, 200);
      const disable = await running.app.http.inject({
        method: 'PATCH',
        url: `/api/v1/users/${agent.userId}`,
        headers: { ...bearer(), 'content-type': 'application/json' },
        payload: JSON.stringify({ status: 'disabled' }),
      });
      assert.equal(disable.statusCode, 200, disable.body);
      assert.equal((await me()).statusCode, 401);
      const retry = await openBrowser(running, '10.0.6.1').call('POST', '/api/v1/auth/sign-in', {
        email: agent.email,
        password: agent.password,
      });
      assert.equal(retry.statusCode, 401);
    });

    test('re-hashes a password stored with older scrypt parameters at sign-in', async () => {
      const agent = await createAgent(running.app.database.db, running.workspaceId, { password: 'old-params-password' });
      const { scrypt, randomBytes } = await import('node:crypto');
      const salt = randomBytes(16);
      const old = await new Promise<Buffer>((res, rej) =>
        scrypt('old-params-password', salt, 32, { N: 16384, r: 8, p: 1 }, (e, k) => (e ? rej(e) : res(k))),
      );
      await running.app.database.db
        .updateTable('users')
        .set({ password_hash: `scrypt$16384$8$1$${salt.toString('base64url')}$${old.toString('base64url')}` })
        .where('id', '=', agent.userId)
        .execute();
      assert.equal((await signInAs(openBrowser(running, '10.0.7.1'), agent.email, 'old-params-password')).statusCode, 200);
      const row = await running.app.database.db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', agent.userId)
        .executeTakeFirstOrThrow();
      assert.match(row.password_hash, /^scrypt\$32768\$8\$1\$/);
      assert.notEqual(row.password_hash, await hashPassword('old-params-password'), 'salted');
    });
  });
}
