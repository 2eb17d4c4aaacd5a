import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { signApiRequest } from '@fio/channel-api';
import type { MessageView } from '@fio/contracts';
import { dialects, postgresSkipReason } from '../support/databases.ts';
import { createTestEnvironment, eventually, startTestApp, type RunningApp, type TestEnvironment } from '../support/test-app.ts';
import { startCallbackReceiver } from '../support/callback-receiver.ts';
import { createMediaRepository } from '../../src/media/media.repository.ts';

const apiSecret = 'delivery-test-api-secret-0123456789';
const pgSkip = await postgresSkipReason();

interface Attempt {
  at: number;
  messageId: string;
}

interface DeadDelivery {
  id: number;
  conversationId: string;
  messageId: string;
  attempts: number;
  lastError: string | null;
}

for (const dialect of dialects) {
  describe(`delivery retries on ${dialect}`, { skip: dialect === 'postgres' ? (pgSkip ?? false) : false }, () => {
    let te: TestEnvironment;
    let running: RunningApp;
    let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
    /** Every callback Fio tried, successful or not, in the order it tried them. */
    const attempts: Attempt[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { messageId?: string }) : {};
      attempts.push({ at: Date.now(), messageId: body.messageId ?? '' });
      return fetch(input, init);
    };
    const attemptsOf = (messageId: string) => attempts.filter((a) => a.messageId === messageId);

    const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
      const res = await fetch(`${running.baseUrl}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${running.adminToken}`, ...(init.headers as Record<string, string> | undefined) },
      });
      assert.ok(res.ok, `${path}: ${res.status} ${await res.clone().text()}`);
      return (await res.json()) as T;
    };
    const post = async (payload: Record<string, unknown>) => {
      const body = JSON.stringify(payload);
      const res = await fetch(`${running.baseUrl}/webhooks/api/demo-api`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signApiRequest(apiSecret, body) },
        body,
      });
      assert.equal(res.status, 200, await res.clone().text());
      return (await res.json()) as { messages: Array<{ conversationId: string }> };
    };
    /** A customer of the business's app writes; resolves to their conversation id. */
    const customerSays = async (userId: string, text: string) => {
      const ingest = await post({ messageId: `m-${randomBytes(6).toString('hex')}`, from: { id: userId }, text });
      const conversationId = ingest.messages[0]?.conversationId;
      assert.ok(conversationId);
      return conversationId;
    };
    const messagesOf = async (conversationId: string) =>
      (await api<{ data: MessageView[] }>(`/api/v1/conversations/${conversationId}/messages`)).data;
    const botReplies = async (conversationId: string) => (await messagesOf(conversationId)).filter((m) => m.author === 'bot');
    const eventsOf = async (conversationId: string) =>
      (await api<{ data: Array<{ type: string; payload: Record<string, unknown> }> }>(`/api/v1/conversations/${conversationId}/events`))
        .data;
    const newUser = () => `user-${randomBytes(6).toString('hex')}`;

    before(async () => {
      receiver = await startCallbackReceiver(apiSecret);
      te = await createTestEnvironment(dialect, { FIO_DEMO_API_CALLBACK_URL: receiver.url, FIO_DEMO_API_SECRET: apiSecret });
      running = await startTestApp(te, { fetch: recordingFetch });
    });
    after(async () => {
      await running?.app.close();
      await receiver?.close();
      await te?.cleanup();
    });

    test('delivers once and moves pending to delivered when the back end answers 503 then 200', async () => {
      receiver.failNext(503);
      const conversationId = await customerSays(newUser(), 'oi');
      // The first attempt failed: the reply waits, still pending, with the retry in the audit trail.
      const retried = await eventually(
        async () => (await eventsOf(conversationId)).find((e) => e.type === 'delivery.retried'),
        5000,
        'a retry',
      );
      assert.equal(retried.payload['code'], 'provider_unavailable');
      const [pending] = await botReplies(conversationId);
      assert.ok(pending);
      if (attemptsOf(pending.id).length === 1) assert.equal(pending.status, 'pending');

      const delivered = await eventually(
        async () => (await botReplies(conversationId)).find((m) => m.status === 'delivered'),
        5000,
        'delivered',
      );
      assert.equal(delivered.id, pending.id);
      assert.equal(delivered.error, null);
      assert.equal(attemptsOf(delivered.id).length, 2);
      const received = receiver.received.filter((c) => c.body['messageId'] === delivered.id);
      assert.equal(received.length, 1, 'the back end got it exactly once');
      assert.equal(received[0]?.signatureValid, true);
      const changes = (await eventsOf(conversationId)).filter(
        (e) => e.type === 'message.status_changed' && e.payload['messageId'] === delivered.id,
      );
      assert.deepEqual(
        changes.map((e) => e.payload['status']),
        ['delivered'],
      );
    });

    test('waits at least the Retry-After when the back end answers 429', async () => {
      receiver.failNext(429, '1');
      const conversationId = await customerSays(newUser(), 'oi');
      const delivered = await eventually(
        async () => (await botReplies(conversationId)).find((m) => m.status === 'delivered'),
        8000,
        'delivered',
      );
      const tries = attemptsOf(delivered.id);
      assert.equal(tries.length, 2);
      const [first, second] = tries;
      assert.ok(first && second);
      assert.ok(second.at - first.at >= 950, `the retry came ${second.at - first.at} ms after the 429 with Retry-After: 1`);
      const retried = (await eventsOf(conversationId)).find((e) => e.type === 'delivery.retried');
      assert.equal(retried?.payload['code'], 'rate_limited');
      assert.ok(Number(retried?.payload['delayMs']) >= 1000);
    });

    test('marks the message failed and dead-letters the job when the back end answers 400, and retries it on request', async () => {
      receiver.failNext(400);
      const conversationId = await customerSays(newUser(), 'oi');
      const failed = await eventually(async () => (await botReplies(conversationId)).find((m) => m.status === 'failed'), 5000, 'failed');
      assert.equal(failed.error?.code, 'rejected');
      assert.match(failed.error?.message ?? '', /400/);
      assert.equal(attemptsOf(failed.id).length, 1, 'a permanent failure is not retried');

      const dead = await api<{ data: DeadDelivery[] }>('/api/v1/deliveries/dead');
      const letter = dead.data.find((d) => d.messageId === failed.id);
      assert.ok(letter, 'the job is in the dead letters');
      assert.equal(letter.conversationId, conversationId);
      assert.equal(letter.attempts, 1);
      assert.match(letter.lastError ?? '', /rejected/);

      // The back end is fixed (no more scripted failures): the operator retries.
      const res = await fetch(`${running.baseUrl}/api/v1/deliveries/${letter.id}/retry`, {
        method: 'POST',
        headers: { authorization: `Bearer ${running.adminToken}` },
      });
      assert.equal(res.status, 202, await res.clone().text());
      assert.deepEqual(await res.json(), { id: letter.id, status: 'pending' });
      const delivered = await eventually(
        async () => (await botReplies(conversationId)).find((m) => m.id === failed.id && m.status === 'delivered'),
        5000,
        'delivered after retry',
      );
      assert.equal(delivered.error, null);
      assert.equal(receiver.received.filter((c) => c.body['messageId'] === failed.id).length, 1);
      const deadAfter = await api<{ data: DeadDelivery[] }>('/api/v1/deliveries/dead');
      assert.equal(
        deadAfter.data.some((d) => d.id === letter.id),
        false,
        'no longer a dead letter',
      );
      // Retrying again is refused: nothing is dead any more.
      const again = await fetch(`${running.baseUrl}/api/v1/deliveries/${letter.id}/retry`, {
        method: 'POST',
        headers: { authorization: `Bearer ${running.adminToken}` },
      });
      assert.equal(again.status, 404);
      assert.equal(((await again.json()) as { code: string }).code, 'delivery_not_found');
    });

    test("holds an agent's media reply until the file is fetched, then sends it; a file that failed is never sent", async () => {
      const conversationId = await customerSays(newUser(), 'oi');
      await eventually(async () => (await botReplies(conversationId)).find((m) => m.status === 'delivered'), 5000, 'the greeting');
      const media = createMediaRepository(running.app.database.db, running.workspaceId);
      const now = new Date().toISOString();
      const pending = await media.create({ messageId: null, status: 'pending', mimeType: 'image/jpeg' }, now);
      const send = async (url: string) => {
        const res = await fetch(`${running.baseUrl}/api/v1/conversations/${conversationId}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${running.adminToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ content: { kind: 'media', mediaType: 'image', url, caption: 'sua foto' } }),
        });
        assert.equal(res.status, 201, await res.clone().text());
        const [stored] = ((await res.json()) as { data: MessageView[] }).data;
        assert.ok(stored);
        return stored.id;
      };
      const heldId = await send(`/media/${pending.id}`);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const held = (await messagesOf(conversationId)).find((m) => m.id === heldId);
      assert.equal(held?.status, 'pending', 'not sent while the file is being fetched');
      assert.equal(attemptsOf(heldId).length, 0);

      await media.markStored(
        pending.id,
        { storageKey: `test/${pending.id}`, mimeType: 'image/jpeg', filename: null, sizeBytes: 3, sha256: 'abc' },
        new Date().toISOString(),
      );
      await eventually(
        async () => (await messagesOf(conversationId)).find((m) => m.id === heldId && m.status === 'delivered'),
        5000,
        'sent once stored',
      );

      const broken = await media.create({ messageId: null, status: 'failed', error: 'provider said 404' }, now);
      const brokenId = await send(`/media/${broken.id}`);
      const failed = await eventually(
        async () => (await messagesOf(conversationId)).find((m) => m.id === brokenId && m.status === 'failed'),
        5000,
        'failed',
      );
      assert.equal(failed.error?.code, 'unsupported_content');
      assert.equal(attemptsOf(brokenId).length, 0);
    });

    test('keeps the order of replies within a conversation when the first reply is retried', async () => {
      receiver.failNext(503);
      const user = newUser();
      const conversationId = await customerSays(user, 'oi');
      assert.equal(await customerSays(user, 'que horas vocês abrem?'), conversationId);
      const replies = await eventually(
        async () => {
          const list = await botReplies(conversationId);
          return list.length === 2 && list.every((m) => m.status === 'delivered') ? list : undefined;
        },
        8000,
        'both replies delivered',
      );
      const [firstReply, secondReply] = replies;
      assert.ok(firstReply && secondReply && firstReply.seq < secondReply.seq);
      const firstTries = attemptsOf(firstReply.id);
      const secondTries = attemptsOf(secondReply.id);
      assert.equal(firstTries.length, 2, 'the first reply was retried once');
      assert.equal(secondTries.length, 1);
      assert.ok(
        Date.parse(secondReply.createdAt) < (firstTries[1]?.at ?? 0),
        'the second reply was ready while the first one was waiting for its retry',
      );
      assert.ok((secondTries[0]?.at ?? 0) >= (firstTries[1]?.at ?? Infinity), 'the second reply waited for the first to go through');
      const order = receiver.received.filter((c) => c.body['conversationId'] === conversationId).map((c) => c.body['messageId']);
      assert.deepEqual(order, [firstReply.id, secondReply.id]);
    });

    test('moves delivery status only forward when the back end reports read and then delivered', async () => {
      const conversationId = await customerSays(newUser(), 'oi');
      const delivered = await eventually(
        async () => (await botReplies(conversationId)).find((m) => m.status === 'delivered'),
        5000,
        'delivered',
      );
      assert.equal(delivered.providerMessageId, delivered.id);

      await post({ type: 'status', messageId: delivered.providerMessageId, status: 'read' });
      const read = (await botReplies(conversationId)).find((m) => m.id === delivered.id);
      assert.equal(read?.status, 'read');
      await post({ type: 'status', messageId: delivered.providerMessageId, status: 'delivered' });
      await post({
        type: 'status',
        messageId: delivered.providerMessageId,
        status: 'failed',
        error: { code: 'late', message: 'too late' },
      });
      const still = (await botReplies(conversationId)).find((m) => m.id === delivered.id);
      assert.equal(still?.status, 'read');
      assert.equal(still?.error, null);
      const changes = (await eventsOf(conversationId)).filter(
        (e) => e.type === 'message.status_changed' && e.payload['messageId'] === delivered.id,
      );
      assert.deepEqual(
        changes.map((e) => e.payload['status']),
        ['delivered', 'read'],
      );
      // A receipt for a message Fio never sent is ignored, not an error.
      await post({ type: 'status', messageId: 'msg_unknown_to_fio', status: 'read' });
    });
  });
}
