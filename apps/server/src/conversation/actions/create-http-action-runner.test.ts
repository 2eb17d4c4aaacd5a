import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { createHttpActionRunner } from './create-http-action-runner.ts';
import type { HttpActionRequest } from './http-action.ts';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

const routes = new Map<string, Handler>();
const seen: { path: string; method: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
let server: http.Server;
let base = '';
let port = 0;

before(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      seen.push({ path, method: req.method ?? '', headers: req.headers, body });
      const handler = routes.get(path);
      if (handler === undefined) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
        return;
      }
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = portOf(server);
  base = `http://127.0.0.1:${port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function portOf(listening: http.Server): number {
  const address = listening.address();
  if (address === null || typeof address === 'string') throw new Error('the test server is not listening on TCP');
  return address.port;
}

const local = { allowPrivate: ['127.0.0.1/32'] };
const request = (path: string, overrides: Partial<HttpActionRequest> = {}): HttpActionRequest => ({
  method: 'GET',
  url: `${base}${path}`,
  headers: {},
  timeoutMs: 2000,
  retries: 0,
  ...overrides,
});
const json =
  (status: number, value: unknown): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  };

test('returns the JSON of a successful call and sends JSON, Accept and the user agent', async () => {
  routes.set('/orders/123456', json(200, { status: 'shipped', eta: '2026-11-27' }));
  const runner = createHttpActionRunner({ policy: local });
  const result = await runner.run(
    request('/orders/123456', { headers: { Authorization: 'Bearer s3cret', 'Accept-Encoding': 'gzip', Host: 'evil' } }),
  );
  assert.deepEqual(result, { ok: true, status: 200, json: { status: 'shipped', eta: '2026-11-27' } });
  const hit = seen.findLast((entry) => entry.path === '/orders/123456');
  assert.equal(hit?.headers.accept, 'application/json');
  assert.equal(hit?.headers['user-agent'], 'Fio/0.1 (+flow action)');
  assert.equal(hit?.headers.authorization, 'Bearer s3cret');
  assert.equal(hit?.headers['accept-encoding'], undefined, 'answers stay uncompressed JSON');
  assert.equal(hit?.headers.host, `127.0.0.1:${port}`);
});

test('sends a JSON body with its content type on POST', async () => {
  routes.set('/echo', (req, res, body) => {
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ got: JSON.parse(body), type: req.headers['content-type'] }));
  });
  const runner = createHttpActionRunner({ policy: local });
  const result = await runner.run(request('/echo', { method: 'POST', body: { cep: '01310-100', n: 5 } }));
  assert.deepEqual(result, {
    ok: true,
    status: 201,
    json: { got: { cep: '01310-100', n: 5 }, type: 'application/json; charset=utf-8' },
  });
});

test('answers 204 with json null', async () => {
  routes.set('/nothing', (_req, res) => res.writeHead(204).end());
  const result = await createHttpActionRunner({ policy: local }).run(request('/nothing', { method: 'DELETE' }));
  assert.deepEqual(result, { ok: true, status: 204, json: null });
});

test('reports 404 as bad_status with the status, without retrying', async () => {
  const before = seen.filter((entry) => entry.path === '/missing').length;
  const result = await createHttpActionRunner({ policy: local }).run(request('/missing', { retries: 2 }));
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.equal(result.code, 'bad_status');
    assert.equal(result.status, 404);
  }
  assert.equal(seen.filter((entry) => entry.path === '/missing').length - before, 1);
});

test('retries a 500 and succeeds on the next attempt', async () => {
  let calls = 0;
  routes.set('/flaky', (req, res, body) => {
    calls++;
    if (calls === 1) json(500, { error: 'boom' })(req, res, body);
    else json(200, { ok: 'second' })(req, res, body);
  });
  const warnings: { obj: object; msg: string }[] = [];
  const runner = createHttpActionRunner({ policy: local, log: { warn: (obj, msg) => warnings.push({ obj, msg }) } });
  const started = Date.now();
  const result = await runner.run(request('/flaky?token=abc', { retries: 1, headers: { 'X-Api-Key': 'k-123' } }));
  assert.deepEqual(result, { ok: true, status: 200, json: { ok: 'second' } });
  assert.equal(calls, 2);
  assert.ok(Date.now() - started >= 180, 'waits the backoff before retrying');
  assert.equal(warnings.length, 1);
  const logged = JSON.stringify(warnings);
  assert.doesNotMatch(logged, /k-123|token=abc/, 'never logs header values or the query');
});

test('gives bad_status 500 when every retry fails', async () => {
  let calls = 0;
  routes.set('/down', (req, res, body) => {
    calls++;
    json(503, { error: 'down' })(req, res, body);
  });
  const result = await createHttpActionRunner({ policy: local }).run(request('/down', { retries: 1 }));
  assert.equal(calls, 2);
  assert.deepEqual(result, { ok: false, code: 'bad_status', status: 503, message: 'the service answered 503' });
});

test('honours a short Retry-After on 429 and gives up on a long one', async () => {
  let calls = 0;
  routes.set('/limited', (req, res, body) => {
    calls++;
    if (calls === 1) res.writeHead(429, { 'retry-after': '0' }).end();
    else json(200, { ok: true })(req, res, body);
  });
  assert.equal((await createHttpActionRunner({ policy: local }).run(request('/limited', { retries: 1 }))).ok, true);
  let slowCalls = 0;
  routes.set('/limited-long', (_req, res) => {
    slowCalls++;
    res.writeHead(429, { 'retry-after': '120' }).end();
  });
  const result = await createHttpActionRunner({ policy: local }).run(request('/limited-long', { retries: 3 }));
  assert.equal(slowCalls, 1);
  assert.equal(result.ok ? 0 : result.status, 429);
});

test('times out a service that does not answer in time', async () => {
  routes.set('/slow', (req, res, body) => {
    setTimeout(() => json(200, { late: true })(req, res, body), 1500).unref();
  });
  const started = Date.now();
  const result = await createHttpActionRunner({ policy: local }).run(request('/slow', { timeoutMs: 150 }));
  assert.equal(result.ok ? 'ok' : result.code, 'timeout');
  assert.ok(Date.now() - started < 1000);
});

test('reports a non-JSON or empty 2xx body as invalid_json', async () => {
  routes.set('/html', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>oops</html>'));
  routes.set('/empty', (_req, res) => res.writeHead(200).end());
  const runner = createHttpActionRunner({ policy: local });
  const garbage = await runner.run(request('/html'));
  assert.equal(garbage.ok ? 'ok' : garbage.code, 'invalid_json');
  const empty = await runner.run(request('/empty'));
  assert.equal(empty.ok ? 'ok' : empty.code, 'invalid_json');
});

test('stops reading a body over the limit, declared or streamed', async () => {
  routes.set('/huge', (_req, res) => {
    const body = JSON.stringify({ data: 'x'.repeat(5000) });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  });
  routes.set('/huge-chunked', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    for (let i = 0; i < 10; i++) res.write('x'.repeat(1000));
    res.end();
  });
  const runner = createHttpActionRunner({ policy: local, maxResponseBytes: 2048 });
  const declared = await runner.run(request('/huge'));
  assert.equal(declared.ok ? 'ok' : declared.code, 'too_large');
  if (!declared.ok) assert.match(declared.message, /declares 5011 bytes/);
  const streamed = await runner.run(request('/huge-chunked'));
  assert.equal(streamed.ok ? 'ok' : streamed.code, 'too_large');
});

test('follows a redirect and drops credentials when it leaves the origin', async () => {
  routes.set('/old', (_req, res) => res.writeHead(301, { location: '/new' }).end());
  routes.set('/new', json(200, { moved: true }));
  routes.set('/cross', (_req, res) => res.writeHead(302, { location: `http://localhost:${port}/landing` }).end());
  routes.set('/landing', (req, res, body) => json(200, { auth: req.headers.authorization ?? null })(req, res, body));
  const runner = createHttpActionRunner({
    policy: { allowPrivate: ['127.0.0.1/32', 'localhost'] },
    resolve: async () => [{ address: '127.0.0.1', family: 4 }],
  });
  assert.deepEqual(await runner.run(request('/old')), { ok: true, status: 200, json: { moved: true } });
  const crossed = await runner.run(request('/cross', { headers: { authorization: 'Bearer s3cret' } }));
  assert.deepEqual(crossed, { ok: true, status: 200, json: { auth: null } });
});

test('refuses a redirect to a private address the policy does not allow', async () => {
  routes.set('/to-metadata', (_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
  routes.set('/to-lan', (_req, res) => res.writeHead(307, { location: 'http://10.0.0.7/admin' }).end());
  const runner = createHttpActionRunner({ policy: local });
  for (const path of ['/to-metadata', '/to-lan']) {
    const result = await runner.run(request(path, { retries: 2 }));
    assert.equal(result.ok ? 'ok' : result.code, 'blocked', path);
  }
});

test('stops after three redirects', async () => {
  routes.set('/loop', (_req, res) => res.writeHead(302, { location: '/loop' }).end());
  const before = seen.filter((entry) => entry.path === '/loop').length;
  const result = await createHttpActionRunner({ policy: local }).run(request('/loop'));
  assert.equal(result.ok ? 'ok' : result.code, 'bad_status');
  assert.equal(seen.filter((entry) => entry.path === '/loop').length - before, 4);
});

test('blocks a private host the policy does not allow, without connecting', async () => {
  const before = seen.length;
  const result = await createHttpActionRunner({ policy: { allowPrivate: [] } }).run(request('/orders/1'));
  assert.equal(result.ok ? 'ok' : result.code, 'blocked');
  assert.equal(seen.length, before);
});

test('reports an invalid URL or a header with a line break as blocked, without throwing', async () => {
  const runner = createHttpActionRunner({ policy: local });
  for (const url of ['not a url', 'ftp://127.0.0.1/x', 'http://user:pw@127.0.0.1/']) {
    const result = await runner.run(request('/', { url }));
    assert.equal(result.ok ? 'ok' : result.code, 'blocked', url);
  }
  const injected = await runner.run(request('/orders/123456', { headers: { 'X-Ref': '1\r\nX-Admin: yes' } }));
  assert.equal(injected.ok ? 'ok' : injected.code, 'blocked');
  if (!injected.ok) assert.doesNotMatch(injected.message, /X-Admin/);
});

test('reports a refused connection as network after its retries', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const deadPort = portOf(closed);
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const result = await createHttpActionRunner({ policy: local }).run(request('/', { url: `http://127.0.0.1:${deadPort}/x`, retries: 1 }));
  assert.equal(result.ok ? 'ok' : result.code, 'network');
});

test('connects to the address it checked, not to a second DNS answer (rebinding)', async () => {
  routes.set('/rebind', (req, res, body) => json(200, { host: req.headers.host })(req, res, body));
  const answers = [[{ address: '127.0.0.1', family: 4 as const }], [{ address: '10.0.0.66', family: 4 as const }]];
  let lookups = 0;
  const runner = createHttpActionRunner({
    policy: local,
    resolve: async () => answers[Math.min(lookups++, 1)] ?? [],
  });
  const result = await runner.run(request('/', { url: `http://rebind.test:${port}/rebind` }));
  assert.deepEqual(result, { ok: true, status: 200, json: { host: `rebind.test:${port}` } });
  assert.equal(lookups, 1, 'the name is resolved once, by the guard');
});

test('a name that answered public to the guard is not re-resolved to a private address at connect', async () => {
  routes.set('/rebind-private', json(200, { reached: 'the private server' }));
  const answers = [[{ address: '93.184.216.34', family: 4 as const }], [{ address: '127.0.0.1', family: 4 as const }]];
  let lookups = 0;
  const runner = createHttpActionRunner({
    policy: { allowPrivate: [] },
    resolve: async () => answers[Math.min(lookups++, 1)] ?? [],
  });
  const before = seen.filter((entry) => entry.path === '/rebind-private').length;
  // The public address is unreachable from the test sandbox or answers something else: either way
  // the local (private) server must never see the request.
  const result = await runner.run(request('/', { url: `http://rebind.test:${port}/rebind-private`, timeoutMs: 300 }));
  assert.notDeepEqual(result, { ok: true, status: 200, json: { reached: 'the private server' } });
  assert.equal(seen.filter((entry) => entry.path === '/rebind-private').length, before);
  assert.equal(lookups, 1, 'the name is resolved once, by the guard');
});

test('blocks a name whose check sees a private answer even if a later answer would be public', async () => {
  const runner = createHttpActionRunner({
    policy: { allowPrivate: [] },
    resolve: async () => [{ address: '192.168.0.10', family: 4 }],
  });
  const result = await runner.run(request('/', { url: 'http://shop.example/api' }));
  assert.equal(result.ok ? 'ok' : result.code, 'blocked');
});

test('a trusted rewrite reaches Fio itself although the policy allows nothing private', async () => {
  routes.set('/demo-store/api/ping', json(200, { pong: true }));
  const runner = createHttpActionRunner({
    policy: { allowPrivate: [] },
    rewriteUrl: (url) =>
      url.hostname === 'fio-playground.invalid' ? { url: new URL(`${base}${url.pathname}${url.search}`), trusted: true } : null,
  });
  const result = await runner.run(request('/', { url: 'http://fio-playground.invalid/demo-store/api/ping' }));
  assert.deepEqual(result, { ok: true, status: 200, json: { pong: true } });
  const untouched = await runner.run(request('/demo-store/api/ping'));
  assert.equal(untouched.ok ? 'ok' : untouched.code, 'blocked');
});
