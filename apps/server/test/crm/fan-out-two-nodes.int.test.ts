import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, migrateToLatest } from '../../src/storage/index.ts';
import { appendEvents, type DomainEventInput } from '../../src/events/event-log.ts';
import { fanOutWebhookOutbox } from '../../src/contacts/crm/index.ts';
import { createWorkspaceRegistry } from '../../src/workspace-registry.ts';
import { createPgDatabase, postgresSkipReason } from '../support/databases.ts';

test('two nodes draining one PostgreSQL outbox at once fan every event out exactly once', async (t) => {
  const why = await postgresSkipReason();
  if (why) return t.skip(why);
  const pg = await createPgDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'fio-fanout-'));
  const nodeA = await openDatabase({ databaseUrl: pg.url, dataDir, poolSize: 4 });
  const nodeB = await openDatabase({ databaseUrl: pg.url, dataDir, poolSize: 4 });
  t.after(async () => {
    await nodeA.close();
    await nodeB.close();
    await pg.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  await migrateToLatest(nodeA.db, 'postgres');
  const now = new Date().toISOString();
  const subscription = (id: string, events: string[]) => ({
    id,
    workspace_id: 'ws_1',
    integration_id: null,
    url: 'http://127.0.0.1:9/hook',
    secret_enc: 'sealed',
    events_json: JSON.stringify(events),
    source: 'api',
    active: 1,
    created_at: now,
    updated_at: now,
  });
  await nodeA.db
    .insertInto('webhook_subscriptions')
    .values([subscription('whs_all', ['contact.created', 'contact.updated']), subscription('whs_created', ['contact.created'])])
    .execute();
  // 300 events in 30 transactions: 200 contact.created, 100 attribute changes (contact.updated), and
  // events no subscriber hears of (message.received), which write no outbox row at all.
  for (let batch = 0; batch < 30; batch++) {
    const events: DomainEventInput[] = Array.from({ length: 10 }, (_, i) => {
      const n = batch * 10 + i;
      return {
        workspaceId: 'ws_1',
        type: n % 3 === 2 ? 'contact.attributes_set' : 'contact.created',
        contactId: `ct_${n}`,
        payload: { n },
        occurredAt: now,
      };
    });
    events.push({ workspaceId: 'ws_1', type: 'message.received', contactId: 'ct_x', payload: {}, occurredAt: now });
    await nodeA.transact((tx) => appendEvents(tx, events));
  }
  assert.equal((await nodeA.db.selectFrom('webhook_outbox').select('id').execute()).length, 300);

  const workspaces = createWorkspaceRegistry();
  const drain = async (node: typeof nodeA) => {
    let rows = 0;
    for (;;) {
      const pass = await fanOutWebhookOutbox({ dialect: 'postgres', transact: node.transact, workspaces, clock: () => new Date() }, 7);
      if (pass.rows === 0) return rows;
      rows += pass.rows;
    }
  };
  const [a, b] = await Promise.all([drain(nodeA), drain(nodeB)]);
  assert.equal(a + b, 300, `each row taken once (node A ${a}, node B ${b})`);
  assert.ok(a > 0 && b > 0, `both nodes worked (A ${a}, B ${b})`);

  const deliveries = await nodeA.db.selectFrom('webhook_deliveries').select(['subscription_id', 'event_id', 'event_type']).execute();
  assert.equal(deliveries.filter((d) => d.subscription_id === 'whs_all').length, 300);
  assert.equal(deliveries.filter((d) => d.subscription_id === 'whs_created').length, 200);
  assert.equal(new Set(deliveries.map((d) => `${d.subscription_id}/${d.event_id}`)).size, 500);
  const jobs = await nodeA.db.selectFrom('jobs').select(['conversation_id', 'payload_json']).where('queue', '=', 'webhook').execute();
  assert.equal(jobs.length, 500);
  assert.ok(
    jobs.some((j) => j.conversation_id === 'whs_all:ct_0'),
    'jobs are keyed by subscription and contact',
  );
  assert.equal((await nodeA.db.selectFrom('webhook_outbox').select('id').execute()).length, 0);
});
