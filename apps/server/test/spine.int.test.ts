import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signApiRequest } from '@fio/channel-api';
import { signWidgetIdentity } from '@fio/channel-webchat';
import type { MessageView, ServerFrame } from '@fio/contracts';
import { dialects, postgresSkipReason } from './support/databases.ts';
import { createTestEnvironment, eventually, startTestApp } from './support/test-app.ts';
import { startCallbackReceiver } from './support/callback-receiver.ts';
import { connectWidget } from './support/widget-client.ts';

const apiSecret = 'spine-test-api-secret-0123456789';
const widgetSecret = 'spine-test-widget-secret-0123456789';
const isMessage = (f: ServerFrame): f is Extract<ServerFrame, { type: 'message' }> => f.type === 'message';

for (const dialect of dialects) {
  describe(`the spine on ${dialect}`, () => {
    test('a widget visitor and the same person on the API channel share one conversation that survives a restart', async (t) => {
      if (dialect === 'postgres') {
        const why = await postgresSkipReason();
        if (why) return t.skip(why);
      }
      const receiver = await startCallbackReceiver(apiSecret);
      const te = await createTestEnvironment(dialect, {
        FIO_DEMO_API_CALLBACK_URL: receiver.url,
        FIO_DEMO_API_SECRET: apiSecret,
        FIO_DEMO_WIDGET_SECRET: widgetSecret,
      });
      // 1. A logged-in customer opens the widget and says "oi".
      let running = await startTestApp(te);
      t.after(async () => {
        await running.app.close();
        await receiver.close();
        await te.cleanup();
      });
      const email = 'Maria.Silva@Example.com';
      const identity = { email, name: 'Maria', signature: signWidgetIdentity(widgetSecret, { email: email }) };
      const visitorId = 'visitor_0123456789';
      const widget = await connectWidget(running.wsUrl);
      widget.send({ type: 'hello', connectionId: 'demo-webchat', visitorId, locale: 'pt-BR', identity });
      const welcome = await widget.waitFor((f) => f.type === 'welcome');
      assert.equal(welcome.type === 'welcome' && welcome.history.length, 0);

      widget.send({ type: 'message', clientMessageId: 'client-msg-0001', content: { kind: 'text', text: 'oi' } });
      const ack = await widget.waitFor((f) => f.type === 'ack');
      assert.equal(ack.type === 'ack' && ack.duplicate, false);
      const botReply = await widget.waitFor(
        (f): f is Extract<ServerFrame, { type: 'message' }> => isMessage(f) && f.message.author === 'bot',
      );
      assert.equal(botReply.message.content.kind, 'text');
      const quickReplies = botReply.message.content.kind === 'text' ? (botReply.message.content.quickReplies ?? []) : [];
      assert.ok(quickReplies.length >= 2, 'the greeting offers quick replies');
      assert.match(botReply.message.text, /ol[aá]|oi/i);
      const conversationId = botReply.message.conversationId;

      // Resending the same client message id (a reconnecting widget) is acknowledged as a duplicate.
      widget.send({ type: 'message', clientMessageId: 'client-msg-0001', content: { kind: 'text', text: 'oi' } });
      const dupAck = await widget.waitFor((f) => f.type === 'ack');
      assert.equal(dupAck.type === 'ack' && dupAck.duplicate, true);

      // 2. The same person (same e-mail) writes through the business's app (API channel).
      const body = JSON.stringify({
        messageId: 'app-msg-1',
        from: { id: 'app-user-42', email: 'maria.silva@example.com', name: 'Maria' },
        text: 'que horas vocês abrem?',
      });
      const res = await fetch(`${running.baseUrl}/webhooks/api/demo-api`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signApiRequest(apiSecret, body) },
        body,
      });
      assert.equal(res.status, 200, await res.clone().text());
      const ingest = (await res.json()) as { messages: Array<{ conversationId: string; duplicate: boolean }> };
      assert.equal(ingest.messages[0]?.conversationId, conversationId, 'same conversation across channels');

      const callback = await eventually(
        () => receiver.received.find((c) => c.body['conversationId'] === conversationId),
        5000,
        'API callback',
      );
      assert.equal(callback.signatureValid, true);
      assert.equal((callback.body['to'] as { id: string }).id, 'app-user-42');
      assert.match(String(callback.body['text']), /hor[aá]rio|abert|fechad|9h/i);

      // The widget sees the API-channel message in its live thread too.
      await widget.waitFor((f) => isMessage(f) && f.message.text === 'que horas vocês abrem?');
      await widget.close();

      const convRes = await fetch(`${running.baseUrl}/api/v1/conversations/${conversationId}/messages`, {
        headers: { authorization: `Bearer ${running.adminToken}` },
      });
      const before = (await convRes.json()) as { data: MessageView[] };
      assert.deepEqual(
        before.data.map((m) => m.seq),
        before.data.map((_, i) => i + 1),
        'sequence numbers are dense and ordered',
      );
      assert.ok(before.data.length >= 4);
      const stateBefore = (
        (await (
          await fetch(`${running.baseUrl}/api/v1/conversations/${conversationId}`, {
            headers: { authorization: `Bearer ${running.adminToken}` },
          })
        ).json()) as { botState: Record<string, unknown> }
      ).botState;
      assert.equal(stateBefore['language'], 'pt-BR');

      // 3. Restart: the history and the bot state are where they were.
      await running.app.close();
      running = await startTestApp(te);
      const again = await connectWidget(running.wsUrl);
      again.send({ type: 'hello', connectionId: 'demo-webchat', visitorId, locale: 'pt-BR', identity });
      const welcomeBack = await again.waitFor((f) => f.type === 'welcome');
      assert.ok(welcomeBack.type === 'welcome');
      assert.equal(welcomeBack.conversationId, conversationId);
      assert.deepEqual(
        welcomeBack.history.map((m) => m.id),
        before.data.map((m) => m.id),
      );
      const conv = (await (
        await fetch(`${running.baseUrl}/api/v1/conversations/${conversationId}`, {
          headers: { authorization: `Bearer ${running.adminToken}` },
        })
      ).json()) as { botState: Record<string, unknown> };
      assert.deepEqual(conv.botState, stateBefore);

      // 4. Asking for a person moves the conversation to the queue.
      again.send({ type: 'message', clientMessageId: 'client-msg-0002', content: { kind: 'text', text: 'quero falar com atendente' } });
      const status = await again.waitFor((f) => f.type === 'status');
      assert.equal(status.type === 'status' && status.status, 'queued');
      await again.close();
    });
  });
}
