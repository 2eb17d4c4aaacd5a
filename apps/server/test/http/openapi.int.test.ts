import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { signApiRequest } from '@fio/channel-api';
import { errorCatalog } from '../../src/http/app-error.ts';
import { dialects, postgresSkipReason } from '../support/databases.ts';
import { createTestEnvironment, eventually, startTestApp, type RunningApp, type TestEnvironment } from '../support/test-app.ts';
import { startCallbackReceiver } from '../support/callback-receiver.ts';

const apiSecret = 'openapi-test-api-secret-0123456789';
const pgSkip = await postgresSkipReason();

interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  schema: Record<string, unknown>;
}
interface Operation {
  summary?: string;
  parameters?: Parameter[];
  responses: Record<string, { content?: { 'application/json'?: { schema?: JsonSchema } } }>;
}
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
}
interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
}

const expectedOperations = [
  'get /api/v1/conversations',
  'get /api/v1/conversations/{id}',
  'get /api/v1/conversations/{id}/messages',
  'post /api/v1/conversations/{id}/messages',
  'get /api/v1/conversations/{id}/events',
  'get /api/v1/contacts',
  'get /api/v1/contacts/{id}',
  'get /api/v1/deliveries/dead',
  'post /api/v1/deliveries/{id}/retry',
  'post /api/v1/conversations/{id}/resolve',
  'post /api/v1/conversations/{id}/reopen',
  'get /api/v1/conversations/{id}/summary',
  'get /api/v1/conversations/{id}/reply-options',
  'post /api/v1/conversations/{id}/assign',
  'post /api/v1/conversations/{id}/transfer',
  'post /api/v1/conversations/{id}/snooze',
  'post /api/v1/conversations/{id}/unsnooze',
  'post /api/v1/conversations/{id}/hand-back',
  'put /api/v1/conversations/{id}/priority',
  'put /api/v1/conversations/{id}/tags',
  'get /api/v1/contacts/{id}/conversations',
  'get /api/v1/merge-suggestions',
  'post /api/v1/merge-suggestions/{id}/accept',
  'post /api/v1/merge-suggestions/{id}/reject',
  'post /api/v1/contacts/{id}/merge',
  'get /api/v1/contacts/{id}/merges',
  'post /api/v1/merges/{id}/unmerge',
  'get /api/v1/webhooks',
  'post /api/v1/webhooks',
  'get /api/v1/webhooks/{id}',
  'patch /api/v1/webhooks/{id}',
  'delete /api/v1/webhooks/{id}',
  'get /api/v1/webhooks/{id}/deliveries',
  'post /api/v1/webhooks/{id}/ping',
  'post /api/v1/webhook-deliveries/{id}/replay',
  'put /api/v1/contacts/by-external-id/{externalId}',
  'get /api/v1/contacts/by-external-id/{externalId}',
  'post /api/v1/contacts',
  'patch /api/v1/contacts/{id}',
  'post /api/v1/contacts/{id}/tags',
  'get /api/v1/contacts/{id}/timeline',
  'post /api/v1/contacts/import',
  'get /api/v1/contacts/export.csv',
  'post /api/v1/events',
  'get /api/v1/segments',
  'post /api/v1/segments',
  'get /api/v1/segments/{id}',
  'put /api/v1/segments/{id}',
  'delete /api/v1/segments/{id}',
  'get /api/v1/segments/{id}/contacts',
  'post /api/v1/segments/preview',
  // The conversation screen (issue 6)
  'get /api/v1/inbox/conversations/{id}',
  'get /api/v1/inbox/conversations/{id}/messages',
  // The conversation list, counts, read marks and the supervisor's overview (inbox.routes.ts).
  'get /api/v1/inbox/conversations',
  'get /api/v1/inbox/counts',
  'post /api/v1/inbox/conversations/{id}/read',
  'get /api/v1/supervisor/overview',
  'post /api/v1/conversations/{id}/replies',
  'post /api/v1/conversations/{id}/notes',
  'get /api/v1/conversations/{id}/notes',
  'get /api/v1/notifications',
  'post /api/v1/notifications/{id}/read',
  'get /api/v1/conversations/{id}/templates',
  'post /api/v1/conversations/{id}/attachments',
  'post /api/v1/conversations/{id}/typing',
  'get /api/v1/canned-responses',
  'post /api/v1/canned-responses',
  'get /api/v1/canned-responses/{id}',
  'patch /api/v1/canned-responses/{id}',
  'delete /api/v1/canned-responses/{id}',
  'post /api/v1/conversations/{id}/canned-responses/{cannedId}/render',
  // People, sign-in and teams (issue 6): the public auth routes too.
  'post /api/v1/auth/sign-in',
  'post /api/v1/auth/sign-out',
  'get /api/v1/auth/me',
  'patch /api/v1/auth/me',
  'post /api/v1/auth/password-reset',
  'post /api/v1/auth/password-reset/confirm',
  'post /api/v1/auth/invites/accept',
  'get /api/v1/users',
  'post /api/v1/users/invites',
  'get /api/v1/users/{id}',
  'patch /api/v1/users/{id}',
  'delete /api/v1/users/{id}',
  'get /api/v1/teams',
  'post /api/v1/teams',
  'get /api/v1/teams/{id}',
  'patch /api/v1/teams/{id}',
  'delete /api/v1/teams/{id}',
  'put /api/v1/teams/{id}/members',
];

/** GET routes that answer one document, not a page (a conversation's audit trail, summary, reply options). */
const unpaged = ['/auth/me', '/events', '/summary', '/reply-options', '/export.csv', '/templates', '/inbox/counts', '/supervisor/overview'];
/** Lists whose pages are smaller than the usual 200 at most (the inbox list hydrates each row). */
const limitMaxima: Record<string, number> = { '/api/v1/inbox/conversations': 100 };
/** Routes whose success body is not JSON (a streamed CSV download): only their errors have JSON schemas. */
const notJson = ['/export.csv'];

const statusesWithCodes = new Set(Object.values(errorCatalog).map((e) => String(e.status)));

for (const dialect of dialects) {
  describe(
    `the OpenAPI document, health, metrics and pagination on ${dialect}`,
    { skip: dialect === 'postgres' ? (pgSkip ?? false) : false },
    () => {
      let te: TestEnvironment;
      let running: RunningApp;
      let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
      let doc: OpenApiDoc;
      const auth = () => ({ authorization: `Bearer ${running.adminToken}` });
      const getJson = async <T>(path: string): Promise<T> => {
        const res = await fetch(`${running.baseUrl}${path}`, { headers: auth() });
        assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
        return (await res.json()) as T;
      };
      const customerSays = async (userId: string, text: string) => {
        const body = JSON.stringify({
          messageId: `m-${randomBytes(6).toString('hex')}`,
          from: { id: userId, email: `${userId}@example.com` },
          text,
        });
        const res = await fetch(`${running.baseUrl}/webhooks/api/demo-api`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signApiRequest(apiSecret, body) },
          body,
        });
        assert.equal(res.status, 200, await res.clone().text());
        return ((await res.json()) as { messages: Array<{ conversationId: string }> }).messages[0]?.conversationId ?? '';
      };
      /** Follows nextCursor with a small page size; returns every id in the order seen. */
      const walk = async (path: string, limit: number) => {
        const ids: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const sep = path.includes('?') ? '&' : '?';
          const page: { data: Array<{ id: string }>; nextCursor: string | null } = await getJson(
            `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          );
          assert.ok(page.data.length <= limit);
          ids.push(...page.data.map((d) => d.id));
          cursor = page.nextCursor;
          pages++;
          assert.ok(pages < 100, 'pagination ends');
        } while (cursor);
        return { ids, pages };
      };

      before(async () => {
        receiver = await startCallbackReceiver(apiSecret);
        te = await createTestEnvironment(dialect, { FIO_DEMO_API_CALLBACK_URL: receiver.url, FIO_DEMO_API_SECRET: apiSecret });
        running = await startTestApp(te);
        const res = await fetch(`${running.baseUrl}/api/v1/openapi.json`);
        assert.equal(res.status, 200);
        doc = (await res.json()) as OpenApiDoc;
      });
      after(async () => {
        await running?.app.close();
        await receiver?.close();
        await te?.cleanup();
      });

      test('serves OpenAPI 3.1 listing exactly the /api/v1 routes when asked for openapi.json', () => {
        assert.equal(doc.openapi, '3.1.0');
        assert.equal(doc.info.title, 'Fio API');
        const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`));
        assert.deepEqual(operations.sort(), [...expectedOperations].sort());
        for (const path of Object.keys(doc.paths)) assert.ok(path.startsWith('/api/v1/'), `${path} is not internal`);
      });

      test('documents the parameters and the success schema of every route', () => {
        for (const op of expectedOperations) {
          const [method = '', path = ''] = op.split(' ');
          const operation = doc.paths[path]?.[method];
          assert.ok(operation, op);
          assert.ok(operation.summary, `${op} has a summary`);
          const params = operation.parameters ?? [];
          if (path.includes('{id}')) {
            const id = params.find((p) => p.in === 'path' && p.name === 'id');
            assert.ok(id?.required, `${op} documents its path id`);
          }
          if (method === 'get' && !path.endsWith('}') && !unpaged.some((end) => path.endsWith(end))) {
            const limit = params.find((p) => p.in === 'query' && p.name === 'limit');
            assert.deepEqual(
              [limit?.schema['minimum'], limit?.schema['maximum'], limit?.required],
              [1, limitMaxima[path] ?? 200, false],
              `${op} limit`,
            );
            assert.ok(
              params.some((p) => p.in === 'query' && p.name === 'cursor'),
              `${op} cursor`,
            );
          }
          if (notJson.some((end) => path.endsWith(end))) continue;
          const okStatus = Object.keys(operation.responses).find((s) => s.startsWith('2'));
          assert.ok(okStatus, `${op} documents a success response`);
          const schema = operation.responses[okStatus]?.content?.['application/json']?.schema;
          assert.ok(schema?.properties && Object.keys(schema.properties).length > 0, `${op} success schema has properties`);
          if (method === 'get' && !path.endsWith('}') && !unpaged.some((end) => path.endsWith(end))) {
            assert.equal(schema.properties['data']?.type, 'array', `${op} pages have data`);
            assert.ok(schema.properties['nextCursor'], `${op} pages have nextCursor`);
          }
        }
      });

      test('documents error responses only with statuses the error catalogue has, in the catalogue shape', () => {
        for (const op of expectedOperations) {
          const [method = '', path = ''] = op.split(' ');
          const responses = doc.paths[path]?.[method]?.responses ?? {};
          const errors = Object.keys(responses).filter((s) => Number(s) >= 400);
          assert.ok(errors.includes('401'), `${op} documents 401`);
          for (const status of errors) {
            assert.ok(statusesWithCodes.has(status), `${op} documents ${status}, which no error code has`);
            const schema = responses[status]?.content?.['application/json']?.schema;
            assert.deepEqual(
              [schema?.properties?.['code']?.type, schema?.properties?.['message']?.type],
              ['string', 'string'],
              `${op} ${status}`,
            );
            assert.ok(schema?.properties?.['correlationId'], `${op} ${status} has correlationId`);
            assert.deepEqual([...(schema?.required ?? [])].sort(), ['code', 'message']);
          }
        }
      });

      test('answers every route error with a documented status and a catalogued code when called wrongly', async () => {
        const documented = (op: string) => {
          const [method = '', path = ''] = op.split(' ');
          return Object.keys(doc.paths[path]?.[method]?.responses ?? {});
        };
        const check = async (op: string, url: string, headers: Record<string, string>) => {
          const method = op.split(' ')[0]?.toUpperCase() ?? 'GET';
          const res = await fetch(`${running.baseUrl}${url}`, { method, headers });
          const body = (await res.json()) as { code: keyof typeof errorCatalog };
          assert.ok(res.status >= 400, `${op} ${url} should fail`);
          assert.ok(documented(op).includes(String(res.status)), `${op} answered ${res.status} (${body.code}), which it does not document`);
          assert.equal(errorCatalog[body.code]?.status, res.status, `${op}: ${body.code} is a catalogued code with this status`);
        };
        for (const op of expectedOperations) {
          const url = (op.split(' ')[1] ?? '').replace('{id}', '12345');
          await check(op, url, {});
          await check(op, `${url}?limit=0`, auth());
          if (op.includes('{id}')) await check(op, url.replace('12345', op.includes('deliveries') ? '987654' : 'no-such-thing'), auth());
        }
      });

      test('answers /healthz with 200 when the database is reachable', async () => {
        const res = await fetch(`${running.baseUrl}/healthz`);
        assert.equal(res.status, 200);
        assert.deepEqual(await res.json(), { status: 'ok', database: dialect });
      });

      test('exposes ingest, queue and delivery metrics after a message', async () => {
        const conversationId = await customerSays('metrics-user', 'oi');
        await eventually(() => receiver.received.find((c) => c.body['conversationId'] === conversationId), 5000, 'the reply delivered');
        const scrape = async () => {
          const res = await fetch(`${running.baseUrl}/metrics`);
          assert.equal(res.status, 200);
          assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
          return res.text();
        };
        const valueIn = (text: string, line: RegExp) =>
          Number(
            text
              .split('\n')
              .find((l) => line.test(l))
              ?.split(' ')
              .at(-1),
          );
        // The callback can arrive a moment before the delivery's commit is counted.
        const text = await eventually(
          async () => {
            const t = await scrape();
            return valueIn(t, /^fio_deliveries_total\{channel="api",outcome="sent"\}/) >= 1 ? t : undefined;
          },
          5000,
          'the delivery counted',
        );
        const value = (line: RegExp) => valueIn(text, line);
        assert.ok(value(/^fio_inbound_messages_total\{channel="api",outcome="stored"\}/) >= 1, 'inbound counter');
        assert.ok(value(/^fio_ingest_duration_seconds_count/) >= 1, 'ingest histogram');
        assert.ok(value(/^fio_deliveries_total\{channel="api",outcome="sent"\}/) >= 1, 'delivery counter');
        assert.match(text, /^# TYPE fio_queue_depth gauge$/m);
        assert.match(text, /^# TYPE fio_ingest_duration_seconds histogram$/m);
      });

      test('walks every conversation and contact once when paging with a small limit', async () => {
        for (let i = 0; i < 7; i++) await customerSays(`pager-${i}-${randomBytes(3).toString('hex')}`, 'oi');
        for (const path of ['/api/v1/conversations', '/api/v1/contacts']) {
          const all = await getJson<{ data: Array<{ id: string }>; nextCursor: string | null }>(`${path}?limit=200`);
          assert.equal(all.nextCursor, null);
          assert.ok(all.data.length >= 7, `${path} has at least 7 items`);
          for (const limit of [1, 3]) {
            const { ids, pages } = await walk(path, limit);
            assert.equal(new Set(ids).size, ids.length, `${path} limit=${limit} has no repeats`);
            assert.deepEqual(
              ids,
              all.data.map((d) => d.id),
              `${path} limit=${limit} walks the same items in the same order`,
            );
            assert.equal(pages, Math.ceil(all.data.length / limit));
          }
        }
        // Messages page by sequence number.
        const conversationId = (await getJson<{ data: Array<{ id: string }> }>('/api/v1/conversations?limit=1')).data[0]?.id ?? '';
        await eventually(
          async () => (await getJson<{ data: unknown[] }>(`/api/v1/conversations/${conversationId}/messages`)).data.length >= 2,
          5000,
          'the bot reply',
        );
        const messages = await getJson<{ data: Array<{ id: string; seq: number }> }>(
          `/api/v1/conversations/${conversationId}/messages?limit=200`,
        );
        const walked = await walk(`/api/v1/conversations/${conversationId}/messages`, 1);
        assert.deepEqual(
          walked.ids,
          messages.data.map((m) => m.id),
        );
      });
    },
  );
}
