import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { fileSubscriptionId } from '../../src/contacts/crm/index.ts';
import { createTestEnvironment, eventually, startTestApp, type RunningApp } from '../support/test-app.ts';
import { crmSecrets, writeCrmWorkspace } from './crm-workspace.ts';
import { startWebhookReceiver } from './webhook-receiver.ts';

async function call(running: RunningApp, method: string, path: string, body?: unknown) {
  const res = await fetch(`${running.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${running.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

test('a failing receiver is retried with back-off (Retry-After honoured), dead-lettered after 8 attempts, and replayed from the API', async (t) => {
  // A fake clock the receiver shares: hours of back-off pass in a moment, and signatures stay fresh to it.
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  const acme = await startWebhookReceiver(crmSecrets.acme, clock);
  const other = await startWebhookReceiver(crmSecrets.other, clock);
  const sink = await startWebhookReceiver('unused-callback-secret-0123456789', clock);
  const dir = writeCrmWorkspace({ acme: acme.url, other: other.url, callback: sink.url });
  const te = await createTestEnvironment('sqlite');
  const running = await startTestApp(te, { clock, config: { workspaceDirs: [dir] } });
  t.after(async () => {
    await running.app.close();
    await Promise.all([acme.close(), other.close(), sink.close()]);
    await te.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });
  const db = running.app.database.db;
  const otherId = fileSubscriptionId(running.workspaceId, 'other-crm');
  const deliveryTo = async (eventType: string) =>
    db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('subscription_id', '=', otherId)
      .where('event_type', '=', eventType)
      .orderBy('id', 'desc')
      .executeTakeFirst();
  /** The delivery's k-th attempt is recorded and its job is back in line (not running). */
  const afterAttempt = (k: number) =>
    eventually(
      async () => {
        const d = await deliveryTo('contact.created');
        if (!d || d.attempts !== k) return undefined;
        if (d.status !== 'pending') return { delivery: d, job: null };
        const job = await db
          .selectFrom('jobs')
          .selectAll()
          .where('queue', '=', 'webhook')
          .where('status', '=', 'pending')
          .executeTakeFirst();
        return job ? { delivery: d, job } : undefined;
      },
      8000,
      `attempt ${k}`,
    );

  other.failNext(503, 1, '7200');
  other.failNext(500, 7);
  const created = await call(running, 'PUT', '/api/v1/contacts/by-external-id/R-1?integration=acme-crm', { fields: { full_name: 'Rita' } });
  assert.equal(created.status, 201);

  const first = await afterAttempt(1);
  assert.equal(first.delivery.last_status_code, 503);
  const wait1 = Date.parse(first.job!.run_at) - Date.parse(first.delivery.last_attempt_at!);
  assert.ok(wait1 >= 7_200_000, `Retry-After: 7200 is honoured (waited ${wait1} ms)`);
  offsetMs += 7_300_000;
  const second = await afterAttempt(2);
  const wait2 = Date.parse(second.job!.run_at) - Date.parse(second.delivery.last_attempt_at!);
  // Attempt 2 of 10 s doubling with jitter: between 10 and 20 s.
  assert.ok(wait2 >= 10_000 && wait2 <= 20_000, `exponential back-off with jitter (waited ${wait2} ms)`);
  for (let k = 3; k <= 8; k++) {
    offsetMs += 3_700_000;
    await afterAttempt(k);
  }
  const dead = await deliveryTo('contact.created');
  assert.equal(dead?.status, 'dead');
  assert.equal(dead?.attempts, 8);
  assert.equal(dead?.last_status_code, 500);
  assert.match(dead?.last_error ?? '', /gave up after 8 attempts: the receiver answered 500/);
  assert.equal(other.attempts(), 8);
  assert.equal(other.received.length, 0);
  assert.equal((await db.selectFrom('jobs').select('id').where('queue', '=', 'webhook').execute()).length, 0, 'no job left behind');

  // The delivery log shows it; a replay sends the same body with a fresh signature.
  const log = await call(running, 'GET', `/api/v1/webhooks/${otherId}/deliveries?status=dead`);
  assert.equal(log.status, 200);
  assert.equal(log.json.data[0].id, dead?.id);
  assert.equal(log.json.data[0].body.type, 'contact.created');
  const replay = await call(running, 'POST', `/api/v1/webhook-deliveries/${dead?.id}/replay`);
  assert.equal(replay.status, 202);
  assert.deepEqual(replay.json, { deliveryId: dead?.id, queued: true });
  const arrived = await eventually(() => other.received[0], 8000, 'the replayed webhook');
  assert.equal(arrived.check.ok, true);
  assert.equal(arrived.raw, dead?.body, 'the same bytes as stored');
  await eventually(async () => (await deliveryTo('contact.created'))?.status === 'delivered', 5000, 'delivered after replay');
  assert.equal((await deliveryTo('contact.created'))?.attempts, 9);

  // A delivered one can be replayed too (the CRM lost it).
  offsetMs += 60_000;
  await call(running, 'POST', `/api/v1/webhook-deliveries/${dead?.id}/replay`);
  const again = await eventually(() => other.received[1], 8000, 'the second replay');
  assert.equal(again.raw, arrived.raw);
  assert.notEqual(again.headers['fio-signature'], arrived.headers['fio-signature'], 'signed afresh');

  // A 4xx other than 408/425/429 is dead at once, with the receiver's answer as the reason.
  other.failNext(422);
  await call(running, 'PUT', '/api/v1/contacts/by-external-id/R-2?integration=acme-crm', { fields: { full_name: 'Rui' } });
  const refused = await eventually(
    async () => {
      const d = await deliveryTo('contact.created');
      return d && d.id !== dead?.id && d.status === 'dead' ? d : undefined;
    },
    8000,
    'the refused delivery',
  );
  assert.equal(refused.attempts, 1);
  assert.equal(refused.last_status_code, 422);
  assert.match(refused.last_error ?? '', /answered 422: \{"error":"scripted failure"\}/);

  // A ping goes through the same sender and log.
  const ping = await call(running, 'POST', `/api/v1/webhooks/${otherId}/ping`);
  assert.equal(ping.status, 202);
  const pong = await eventually(() => other.received.find((r) => r.body.type === 'webhook.ping'), 8000, 'the ping');
  assert.equal(pong.check.ok, true);
  assert.equal(pong.body.data.subscriptionId, otherId);
});
