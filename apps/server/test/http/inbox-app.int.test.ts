import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestEnvironment, startTestApp, type RunningApp, type TestEnvironment } from '../support/test-app.ts';

// Serving is not storage: SQLite only. The build is a folder written here, shaped like Vite's output.
const indexHtml =
  '<!doctype html><html><head><script type="module" crossorigin src="/inbox/assets/index-AbC123.js"></script></head><body><div id="root"></div></body></html>';

function expectSecurityHeaders(res: Response): void {
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'(;|$)/, 'no inline or eval scripts');
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /object-src 'none'/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('referrer-policy'), 'same-origin');
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
}

describe('the inbox app served under /inbox/', () => {
  let te: TestEnvironment;
  let running: RunningApp;
  let dist: string;
  const get = (path: string, init: RequestInit = {}) => fetch(`${running.baseUrl}${path}`, { redirect: 'manual', ...init });

  before(async () => {
    dist = mkdtempSync(join(tmpdir(), 'fio-inbox-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), indexHtml);
    writeFileSync(join(dist, 'assets', 'index-AbC123.js'), 'console.log("inbox");');
    writeFileSync(join(dist, 'assets', 'index-AbC123.css'), 'body{margin:0}');
    te = await createTestEnvironment('sqlite');
    running = await startTestApp(te, { inboxDistDir: dist });
  });
  after(async () => {
    await running.app.close();
    await te.cleanup();
    rmSync(dist, { recursive: true, force: true });
  });

  test('serves index.html at /inbox/, never cached, with the CSP and the other security headers', async () => {
    const res = await get('/inbox/');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    expectSecurityHeaders(res);
    assert.equal(await res.text(), indexHtml);
  });

  test('answers index.html for every app path (history API routing), query strings included', async () => {
    for (const path of [
      '/inbox/c/conv_123',
      '/inbox/supervisor',
      '/inbox/settings/agents',
      '/inbox/reset?token=abc',
      '/inbox/sign-in?lang=en',
    ]) {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      assert.equal(await res.text(), indexHtml, path);
      expectSecurityHeaders(res);
    }
  });

  test('serves hashed assets with their type, cached for good', async () => {
    const js = await get('/inbox/assets/index-AbC123.js');
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
    assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    expectSecurityHeaders(js);
    assert.equal(await js.text(), 'console.log("inbox");');
    const css = await get('/inbox/assets/index-AbC123.css');
    assert.match(css.headers.get('content-type') ?? '', /text\/css/);
  });

  test('a missing asset is a coded 404, not index.html; paths cannot leave the build folder', async () => {
    const res = await get('/inbox/assets/index-Old999.js');
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as { code: string }).code, 'not_found');
    const escape = await get('/inbox/assets/..%2f..%2f..%2fetc%2fpasswd');
    assert.notEqual(escape.status, 200);
    assert.doesNotMatch(await escape.text(), /root:/);
  });

  test('redirects /inbox and / to /inbox/', async () => {
    const bare = await get('/inbox?lang=en');
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.get('location'), '/inbox/?lang=en');
    const root = await get('/');
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/inbox/');
  });

  test('does not touch the API: an unknown API route is still the JSON 404', async () => {
    const res = await get('/api/v1/nothing-here');
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('content-security-policy'), null);
  });
});

describe('the inbox app when it is not built', () => {
  let te: TestEnvironment;
  let running: RunningApp;
  let missing: string;

  before(async () => {
    missing = join(mkdtempSync(join(tmpdir(), 'fio-inbox-none-')), 'dist');
    te = await createTestEnvironment('sqlite');
    running = await startTestApp(te, { inboxDistDir: missing });
  });
  after(async () => {
    await running.app.close();
    await te.cleanup();
  });

  test('a browser gets a 503 page naming inbox_not_built and npm run build:inbox', async () => {
    const res = await fetch(`${running.baseUrl}/inbox/c/conv_1`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    assert.equal(res.status, 503);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    expectSecurityHeaders(res);
    const page = await res.text();
    assert.match(page, /inbox_not_built/);
    assert.match(page, /npm run build:inbox/);
  });

  test('any other client gets the coded JSON error', async () => {
    const res = await fetch(`${running.baseUrl}/inbox/assets/index-AbC123.js`);
    assert.equal(res.status, 503);
    const body = (await res.json()) as { code: string; message: string };
    assert.equal(body.code, 'inbox_not_built');
    assert.match(body.message, /npm run build:inbox/);
  });

  test('picks the build up without a restart', async () => {
    mkdirSync(join(missing, 'assets'), { recursive: true });
    writeFileSync(join(missing, 'index.html'), indexHtml);
    const res = await fetch(`${running.baseUrl}/inbox/`);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), indexHtml);
  });
});
