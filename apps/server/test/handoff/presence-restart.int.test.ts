import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAgent } from '../support/agents.ts';
import { createTestEnvironment, startTestApp } from '../support/test-app.ts';

test('after a restart of the embedded (SQLite) process nobody is online until their inbox reconnects; the grace timer is set', async (t) => {
  const te = await createTestEnvironment('sqlite');
  t.after(() => te.cleanup());
  const first = await startTestApp(te);
  const agent = await createAgent(first.app.database.db, first.workspaceId, { presence: 'online' });
  await first.app.close();

  const second = await startTestApp(te);
  t.after(() => second.app.close());
  const db = second.app.database.db;
  const user = await db.selectFrom('users').select(['presence']).where('id', '=', agent.userId).executeTakeFirstOrThrow();
  assert.equal(user.presence, 'offline');
  const grace = await db
    .selectFrom('jobs')
    .select(['payload_json'])
    .where('queue', '=', 'handoff')
    .where('conversation_id', '=', `presence:${agent.userId}`)
    .executeTakeFirstOrThrow();
  assert.equal(JSON.parse(grace.payload_json).kind, 'offline_grace');
});
