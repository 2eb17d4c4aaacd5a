import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { signApiRequest } from '@fio/channel-api';
import type { HandoffDeps } from '../../src/handoff/index.ts';
import type { FioApp } from '../../src/app.ts';
import { newId, type Db } from '../../src/storage/index.ts';
import { startCallbackReceiver } from '../support/callback-receiver.ts';
import { postgresSkipReason, type DialectName } from '../support/databases.ts';
import { createTestEnvironment, eventually, startTestApp, type RunningApp, type TestEnvironment } from '../support/test-app.ts';
import type { AppOverrides } from '../../src/app.ts';

export const apiSecret = 'handoff-test-api-secret-0123456789';

/** The real app on this dialect with the demo workspace, its API channel calling back a loopback receiver. */
export async function startHandoffApp(
  t: TestContext,
  dialect: DialectName,
  overrides: AppOverrides = {},
  env: Record<string, string> = {},
) {
  if (dialect === 'postgres') {
    const why = await postgresSkipReason();
    if (why) {
      t.skip(why);
      return null;
    }
  }
  const receiver = await startCallbackReceiver(apiSecret);
  const te = await createTestEnvironment(dialect, { FIO_DEMO_API_CALLBACK_URL: receiver.url, FIO_DEMO_API_SECRET: apiSecret, ...env });
  const running = await startTestApp(te, overrides);
  const otherNodes: RunningApp[] = [];
  t.after(async () => {
    // Other nodes first: dropping the database would cut their connections mid-close.
    for (const node of otherNodes) await node.app.close();
    await running.app.close();
    await receiver.close();
    await te.cleanup();
  });
  return { running, receiver, te, db: running.app.database.db, otherNodes };
}

/** A second node on the same database (PostgreSQL): what two Fio instances behind a load balancer are. */
export async function startSecondNode(te: TestEnvironment, otherNodes: RunningApp[]): Promise<RunningApp> {
  const second = await startTestApp(te);
  otherNodes.push(second);
  return second;
}

/** The customer writes through the business's app (the signed API channel); answers the conversation id. */
export async function customerWrites(running: RunningApp, messageId: string, text: string, from = 'app-user-1'): Promise<string> {
  const body = JSON.stringify({ messageId, from: { id: from, name: `Cliente ${from}` }, text });
  const res = await fetch(`${running.baseUrl}/webhooks/api/demo-api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signApiRequest(apiSecret, body) },
    body,
  });
  assert.equal(res.status, 200, await res.clone().text());
  const ingest = (await res.json()) as { messages: Array<{ conversationId: string }> };
  const id = ingest.messages[0]?.conversationId;
  assert.ok(id);
  return id;
}

/** A signed-in person's call (session cookie + CSRF), or an API token's. */
export function caller(running: RunningApp, headers: Record<string, string>) {
  return async <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${running.baseUrl}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  };
}

export function handoffDepsOf(app: FioApp): HandoffDeps {
  return {
    db: app.database.db,
    dialect: app.database.dialect,
    transact: app.database.transact,
    jobs: app.deps.jobs,
    bus: app.deps.bus,
    clock: app.deps.clock,
    log: app.deps.log,
    sla: app.deps.sla,
    wake: { routing: () => app.deps.wake.routing?.(), handoff: () => app.deps.wake.handoff?.() },
  };
}

export async function conversationRow(db: Db, id: string) {
  return db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function eventsOf(db: Db, conversationId: string) {
  const rows = await db
    .selectFrom('events')
    .select(['type', 'payload_json'])
    .where('conversation_id', '=', conversationId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ type: r.type, payload: JSON.parse(r.payload_json) as Record<string, unknown> }));
}

export async function botMessages(db: Db, conversationId: string): Promise<number> {
  const rows = await db
    .selectFrom('messages')
    .select('id')
    .where('conversation_id', '=', conversationId)
    .where('author', '=', 'bot')
    .execute();
  return rows.length;
}

/** Waits until no turn job of the conversation is pending or running (its turn was taken or skipped). */
export async function turnsSettled(db: Db, conversationId: string): Promise<void> {
  await eventually(
    async () =>
      (await db.selectFrom('jobs').select('id').where('queue', '=', 'turn').where('conversation_id', '=', conversationId).execute())
        .length === 0,
    8000,
    'the turn jobs to finish',
  );
}

/**
 * A conversation waiting in the queue, written straight to the tables (contact and conversation), for
 * routing tests that need many with chosen priorities, channels, languages and queue times.
 */
export async function insertQueued(
  db: Db,
  workspaceId: string,
  options: { teamId?: string | null; priority?: string; language?: string | null; channelType?: string; queuedAt: string },
): Promise<string> {
  const contactId = newId('ct');
  const id = newId('cv');
  const at = options.queuedAt;
  await db
    .insertInto('contacts')
    .values({
      id: contactId,
      workspace_id: workspaceId,
      display_name: null,
      email: null,
      phone: null,
      locale: null,
      attributes_json: '{}',
      tags_json: '[]',
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('conversations')
    .values({
      id,
      workspace_id: workspaceId,
      contact_id: contactId,
      status: 'queued',
      reply_connection_id: null,
      reply_channel_type: options.channelType ?? 'webchat',
      reply_address: null,
      bot_state_json: '{}',
      last_message_seq: 0,
      last_message_at: at,
      last_inbound_at: at,
      created_at: at,
      updated_at: at,
      resolved_at: null,
      team_id: options.teamId ?? null,
      priority: options.priority ?? 'normal',
      language: options.language === undefined ? 'pt-BR' : options.language,
      queued_at: at,
      waiting_since: at,
    })
    .execute();
  return id;
}

export async function teamId(db: Db, workspaceId: string, key: string): Promise<string> {
  const row = await db
    .selectFrom('teams')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return row.id;
}
