import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createAgent } from '../support/agents.ts';
import { createTestEnvironment, startTestApp, type RunningApp, type TestEnvironment } from '../support/test-app.ts';
import { connectWidget } from '../support/widget-client.ts';
import { connectInbox } from './inbox-client.ts';

// What an idle session keeps decides how many fit in memory (npm run bench -- widget): its socket must
// not hold the HTTP upgrade (request, reply, ServerResponse) that @fastify/websocket routed it through.
let te: TestEnvironment;
let running: RunningApp;
before(async () => {
  te = await createTestEnvironment('sqlite');
  running = await startTestApp(te);
});
after(async () => {
  await running.app.close();
  await te.cleanup();
});

test('an idle widget or inbox socket keeps no reference to its upgrade request', async () => {
  const widget = await connectWidget(running.wsUrl);
  widget.send({ type: 'hello', connectionId: 'demo-webchat', visitorId: `visitor_${randomBytes(8).toString('hex')}` });
  await widget.waitFor((f) => f.type === 'welcome');
  const agent = await createAgent(running.app.database.db, running.workspaceId, { role: 'admin' });
  const inbox = await connectInbox(running.baseUrl, { cookie: agent.cookie });
  await inbox.hello();

  const sockets = [...running.app.http.websocketServer.clients];
  assert.equal(sockets.length, 2);
  for (const socket of sockets) {
    // The library's own listener closes over the request and the reply; the gateways' replaces it.
    assert.equal(socket.listenerCount('error'), 1);
    // A ServerResponse assigned to the raw socket would keep the request alive through it.
    const raw: unknown = Reflect.get(socket, '_socket');
    assert.ok(raw && typeof raw === 'object');
    assert.equal(Reflect.get(raw, '_httpMessage') ?? null, null);
  }
  await widget.close();
  await inbox.close();
});
