import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { signApiRequest } from '@fio/channel-api';
import type { LightMyRequestResponse } from 'fastify';
import { createApiToken } from '../../src/security/bootstrap-admin.ts';
import { newId } from '../../src/storage/index.ts';
import { createAgent, type TestAgent } from '../support/agents.ts';
import { createTestEnvironment, startTestApp, type RunningApp, type TestEnvironment } from '../support/test-app.ts';

/**
 * Every /api/v1 route of the built app, found by walking Fastify's route tree (not a list kept here),
 * is called the ways an attacker would: with another workspace's credentials on this workspace's ids,
 * anonymously, as a bot editor changing a conversation, as an agent outside a restricted team, and with
 * a session cookie but no CSRF token. A route added later without these checks fails here.
 */

const apiSecret = 'access-matrix-api-secret-0123456789';
/** Reachable without credentials by design: signing in, password resets, invites, the API description. */
const publicRoutes = new Set([
  'POST /api/v1/auth/sign-in',
  'POST /api/v1/auth/password-reset',
  'POST /api/v1/auth/password-reset/confirm',
  'POST /api/v1/auth/invites/accept',
  'GET /api/v1/openapi.json',
]);
/** Route parameters that name something in the caller's own workspace (an upsert by external id creates it there). */
const ownKeyParams = new Set(['externalId']);
const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Bodies whose rules a schema walk cannot see (one field or another, refined): a valid one to start from. */
const bodyHints: Record<string, unknown> = {
  'POST /api/v1/conversations/:id/snooze': { untilReply: true },
  'POST /api/v1/conversations/:id/transfer': { teamId: 'team_placeholder' },
};
/** POSTs that change nothing (a preview), open to every role that reads the conversation. */
const readOnlyPosts = new Set(['POST /api/v1/conversations/:id/canned-responses/:cannedId/render']);

interface Route {
  method: string;
  /** Fastify's form: /api/v1/conversations/:id/notes */
  path: string;
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  minLength?: number;
  minItems?: number;
  minimum?: number;
  default?: unknown;
}
interface OpenApiOperation {
  requestBody?: { content?: { 'application/json'?: { schema?: JsonSchema } } };
}

/** Parses `printRoutes()`: one node a line, children indented by four, each with its methods. */
function listRoutes(tree: string): Route[] {
  const stack: string[] = [];
  const routes: Route[] = [];
  for (const line of tree.split('\n')) {
    const at = line.search(/[├└]── /);
    if (at < 0) continue;
    const depth = at / 4;
    const match = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(at + 4));
    const segment = match?.[1] ?? '';
    const parent = depth === 0 ? '' : (stack[depth - 1] ?? '');
    // Fastify's radix tree splits at any shared prefix ("/merge" then "s"): a child continues its parent's text.
    const full = parent + segment;
    stack[depth] = full;
    stack.length = depth + 1;
    for (const method of (match?.[2] ?? '').split(', ').filter(Boolean)) {
      const path = full.startsWith('/') ? full : `/${full}`;
      if (method !== 'HEAD' && path.startsWith('/api/v1/') && !path.includes('*')) routes.push({ method, path });
    }
  }
  return routes;
}

/** The smallest value a JSON schema accepts (required fields only), so a request gets past validation. */
function sample(schema: JsonSchema | undefined): unknown {
  if (!schema) return {};
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return sample(alternatives.find((s) => s.type !== 'null') ?? alternatives[0]);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = sample(schema.properties?.[key]);
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items));
    case 'string':
      if (schema.format === 'email') return 'someone@example.com';
      if (schema.format === 'uri') return 'https://example.com/hook';
      if (schema.format === 'date-time') return '2030-01-01T00:00:00.000Z';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return true;
    default:
      return {};
  }
}

describe('access matrix: every /api/v1 route checks credentials, workspace, role, team visibility and CSRF', () => {
  let te: TestEnvironment;
  let running: RunningApp;
  let routes: Route[];
  let bodies: Map<string, unknown>;
  /** Ids of workspace A's things, by the path segment that names them. */
  const idsBySegment = new Map<string, string>();
  let openConversationId: string;
  let restrictedConversationId: string;
  let otherWorkspaceToken: string;
  let otherWorkspaceAdmin: TestAgent;
  let admin: TestAgent;
  let botEditor: TestAgent;
  let outsider: TestAgent;
  let member: TestAgent;

  const call = (route: Route, url: string, headers: Record<string, string>): Promise<LightMyRequestResponse> => {
    const body = unsafe.has(route.method) ? (bodies.get(`${route.method} ${route.path}`) ?? {}) : undefined;
    return running.app.http.inject({
      method: route.method as 'GET',
      url,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  };
  /** The route's URL with each parameter filled with an id of workspace A (by the segment before it). */
  const urlFor = (path: string, conversationId = openConversationId) => {
    const parts = path.split('/');
    return parts
      .map((part, i) => {
        if (!part.startsWith(':')) return part;
        const name = part.slice(1);
        if (ownKeyParams.has(name)) return `ext-${randomBytes(4).toString('hex')}`;
        const before = parts[i - 1] ?? '';
        if (before === 'conversations') return conversationId;
        return idsBySegment.get(before) ?? conversationId;
      })
      .join('/');
  };
  const codeOf = (res: LightMyRequestResponse): string => {
    try {
      return String(res.json<{ code?: unknown }>().code);
    } catch {
      return '';
    }
  };
  const describeFailure = (route: Route, res: LightMyRequestResponse) =>
    `${route.method} ${route.path} answered ${res.statusCode}: ${res.body.slice(0, 200)}`;
  const untested = (t: TestContext, what: string, list: string[]) => {
    if (list.length > 0) t.diagnostic(`${what}: no body passed validation for ${list.join(', ')}`);
  };

  before(async () => {
    te = await createTestEnvironment('sqlite', { FIO_DEMO_API_SECRET: apiSecret, FIO_SIGN_IN_RATE_PER_MIN: '1000' });
    running = await startTestApp(te);
    const db = running.app.database.db;
    routes = listRoutes(running.app.http.printRoutes({ commonPrefix: false }));
    const doc = (await running.app.http.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{
      paths: Record<string, Record<string, OpenApiOperation>>;
    }>();
    bodies = new Map();
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const schema = operation.requestBody?.content?.['application/json']?.schema;
        const key = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
        bodies.set(key, bodyHints[key] ?? sample(schema));
      }
    }

    // Two conversations of workspace A, through the API channel like any customer's.
    const customerSays = async (userId: string) => {
      const body = JSON.stringify({ messageId: `m-${randomBytes(6).toString('hex')}`, from: { id: userId }, text: 'oi' });
      const res = await fetch(`${running.baseUrl}/webhooks/api/demo-api`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signApiRequest(apiSecret, body) },
        body,
      });
      assert.equal(res.status, 200, await res.clone().text());
      return (await res.json()) as { messages: Array<{ conversationId: string }> };
    };
    openConversationId = (await customerSays('matrix-open')).messages[0]?.conversationId ?? '';
    restrictedConversationId = (await customerSays('matrix-restricted')).messages[0]?.conversationId ?? '';
    const financeiro = await db
      .selectFrom('teams')
      .select('id')
      .where('workspace_id', '=', running.workspaceId)
      .where('key', '=', 'financeiro')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('conversations')
      .set({ team_id: financeiro.id, status: 'queued' })
      .where('id', '=', restrictedConversationId)
      .execute();

    admin = await createAgent(db, running.workspaceId, { role: 'admin' });
    botEditor = await createAgent(db, running.workspaceId, { role: 'bot_editor' });
    outsider = await createAgent(db, running.workspaceId, { role: 'agent', teams: ['vendas'] });
    member = await createAgent(db, running.workspaceId, { role: 'agent', teams: ['financeiro'] });

    // Workspace B: another tenant of the same Fio, with its own admin token and signed-in admin.
    const otherId = newId('ws');
    const now = new Date().toISOString();
    await db
      .insertInto('workspaces')
      .values({
        id: otherId,
        slug: `other-${randomBytes(3).toString('hex')}`,
        name: 'Other',
        settings_json: '{}',
        created_at: now,
        updated_at: now,
      })
      .execute();
    otherWorkspaceToken = await createApiToken(db, otherId, 'other', 'admin', now);
    otherWorkspaceAdmin = await createAgent(db, otherId, { role: 'admin' });

    // A's things that routes name by id.
    const conversation = await db
      .selectFrom('conversations')
      .select('contact_id')
      .where('id', '=', openConversationId)
      .executeTakeFirstOrThrow();
    const firstId = async (table: 'teams' | 'users' | 'segments' | 'webhook_subscriptions' | 'canned_responses' | 'notifications') =>
      (await db.selectFrom(table).select('id').where('workspace_id', '=', running.workspaceId).limit(1).executeTakeFirst())?.id;
    const known: Record<string, string | undefined> = {
      contacts: conversation.contact_id,
      teams: financeiro.id,
      users: member.userId,
      segments: await firstId('segments'),
      webhooks: await firstId('webhook_subscriptions'),
      'canned-responses': await firstId('canned_responses'),
      notifications: await firstId('notifications'),
    };
    for (const [segment, id] of Object.entries(known)) if (id) idsBySegment.set(segment, id);
    // Dead-letter ids are job numbers.
    const job = await db.selectFrom('jobs').select('id').where('workspace_id', '=', running.workspaceId).limit(1).executeTakeFirst();
    idsBySegment.set('deliveries', String(job?.id ?? 1));
  });
  after(async () => {
    await running?.app.close();
    await te?.cleanup();
  });

  test('finds the routes by walking the app (those of this issue and the earlier ones)', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    for (const expected of [
      'GET /api/v1/conversations/:id',
      'POST /api/v1/auth/sign-in',
      'PUT /api/v1/teams/:id/members',
      'GET /api/v1/contacts/:id',
    ])
      assert.ok(names.includes(expected), `${expected} in ${names.join('\n')}`);
    assert.ok(routes.length > 50, `${routes.length} routes`);
  });

  test('answers anonymous calls with 401 on every route but the public ones', async () => {
    for (const route of routes) {
      if (publicRoutes.has(`${route.method} ${route.path}`)) continue;
      const res = await call(route, urlFor(route.path), {});
      assert.equal(res.statusCode, 401, describeFailure(route, res));
      assert.equal(codeOf(res), 'unauthorized');
    }
  });

  test("never answers 2xx to another workspace's token or session on this workspace's ids (404 or 403)", async (t) => {
    const skipped: string[] = [];
    for (const route of routes) {
      const params = (route.path.match(/:(\w+)/g) ?? []).map((p) => p.slice(1)).filter((p) => !ownKeyParams.has(p));
      if (params.length === 0) continue;
      const url = urlFor(route.path);
      for (const headers of [{ authorization: `Bearer ${otherWorkspaceToken}` }, otherWorkspaceAdmin.headers]) {
        const res = await call(route, url, headers);
        if (res.statusCode === 400 && codeOf(res) === 'validation_failed') {
          skipped.push(`${route.method} ${route.path}`);
          continue;
        }
        assert.ok(res.statusCode === 404 || res.statusCode === 403, describeFailure(route, res));
      }
    }
    untested(t, 'cross-workspace', skipped);
  });

  test("refuses a bot editor's changes to a conversation with 403", async (t) => {
    const skipped: string[] = [];
    const conversationRoutes = routes.filter(
      (r) => unsafe.has(r.method) && r.path.startsWith('/api/v1/conversations/:id') && !readOnlyPosts.has(`${r.method} ${r.path}`),
    );
    assert.ok(conversationRoutes.length >= 3);
    for (const route of conversationRoutes) {
      const res = await call(route, urlFor(route.path), botEditor.headers);
      if (res.statusCode === 400 && codeOf(res) === 'validation_failed') {
        skipped.push(`${route.method} ${route.path}`);
        continue;
      }
      assert.equal(res.statusCode, 403, describeFailure(route, res));
      assert.equal(codeOf(res), 'forbidden');
    }
    untested(t, 'bot editor', skipped);
  });

  test("hides a restricted team's conversation from agents outside the team (404) on every conversation route", async (t) => {
    const skipped: string[] = [];
    const conversationRoutes = routes.filter((r) => /^\/api\/v1\/(inbox\/)?conversations\/:id/.test(r.path));
    for (const route of conversationRoutes) {
      const res = await call(route, urlFor(route.path, restrictedConversationId), outsider.headers);
      if (res.statusCode === 400 && codeOf(res) === 'validation_failed') {
        skipped.push(`${route.method} ${route.path}`);
        continue;
      }
      assert.equal(res.statusCode, 404, describeFailure(route, res));
      assert.equal(codeOf(res), 'conversation_not_found');
    }
    untested(t, 'restricted team', skipped);
    // The team's own members do see it.
    const seen = await running.app.http.inject({
      method: 'GET',
      url: `/api/v1/conversations/${restrictedConversationId}`,
      headers: member.headers,
    });
    assert.equal(seen.statusCode, 200, seen.body);
    const list = await running.app.http.inject({ method: 'GET', url: '/api/v1/conversations?limit=200', headers: outsider.headers });
    assert.ok(!list.json<{ data: Array<{ id: string }> }>().data.some((c) => c.id === restrictedConversationId), 'left out of lists');
  });

  test('refuses every change made with a session cookie but no X-CSRF-Token (403 csrf_failed)', async () => {
    for (const route of routes) {
      if (!unsafe.has(route.method) || publicRoutes.has(`${route.method} ${route.path}`)) continue;
      const res = await call(route, urlFor(route.path), { cookie: admin.cookie });
      assert.equal(res.statusCode, 403, describeFailure(route, res));
      assert.equal(codeOf(res), 'csrf_failed');
    }
  });
});
