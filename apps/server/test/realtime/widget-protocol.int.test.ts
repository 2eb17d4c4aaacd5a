import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { signWidgetIdentity } from '@fio/channel-webchat';
import type { ServerFrame } from '@fio/contracts';
import { dialects, postgresSkipReason } from '../support/databases.ts';
import { createTestEnvironment, eventually, startTestApp, type RunningApp, type TestEnvironment } from '../support/test-app.ts';
import { connectWidget } from '../support/widget-client.ts';

const widgetSecret = 'widget-protocol-test-secret-0123456789';
const pgSkip = await postgresSkipReason();

type Widget = Awaited<ReturnType<typeof connectWidget>>;
type ErrorFrame = Extract<ServerFrame, { type: 'error' }>;
type MessageFrame = Extract<ServerFrame, { type: 'message' }>;
type WelcomeFrame = Extract<ServerFrame, { type: 'welcome' }>;
type AckFrame = Extract<ServerFrame, { type: 'ack' }>;

const isError =
  (code: string) =>
  (f: ServerFrame): f is ErrorFrame =>
    f.type === 'error' && f.code === code;
const isWelcome = (f: ServerFrame): f is WelcomeFrame => f.type === 'welcome';
const isAck =
  (id: string) =>
  (f: ServerFrame): f is AckFrame =>
    f.type === 'ack' && f.clientMessageId === id;
const isBotMessage = (f: ServerFrame): f is MessageFrame => f.type === 'message' && f.message.author === 'bot';
const newVisitor = () => `visitor_${randomBytes(8).toString('hex')}`;
const newClientId = () => `client_${randomBytes(8).toString('hex')}`;

for (const dialect of dialects) {
  describe(`the widget protocol on ${dialect}`, { skip: dialect === 'postgres' ? (pgSkip ?? false) : false }, () => {
    let te: TestEnvironment;
    let running: RunningApp;
    const open: Widget[] = [];
    const connect = async () => {
      const w = await connectWidget(running.wsUrl);
      open.push(w);
      return w;
    };
    const hello = async (w: Widget, visitorId: string, extra: Record<string, unknown> = {}) => {
      w.send({ type: 'hello', connectionId: 'demo-webchat', visitorId, locale: 'pt-BR', ...extra });
      return w.waitFor(isWelcome);
    };
    /** Sends a text and waits for its ack and the bot's answer. */
    const say = async (w: Widget, text: string, payload?: string) => {
      const clientMessageId = newClientId();
      w.send({ type: 'message', clientMessageId, content: { kind: 'text', text, ...(payload ? { payload } : {}) } });
      const ack = await w.waitFor(isAck(clientMessageId));
      const reply = await w.waitFor(isBotMessage);
      return { ack, reply };
    };
    const messageCount = async () => {
      const row = await running.app.database.db
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };

    before(async () => {
      te = await createTestEnvironment(dialect, { FIO_DEMO_WIDGET_SECRET: widgetSecret });
      running = await startTestApp(te);
    });
    after(async () => {
      for (const w of open) if (w.ws.readyState === w.ws.OPEN) await w.close();
      await running?.app.close();
      await te?.cleanup();
    });

    test('answers hello_required and stores nothing when the first frame is not hello', async () => {
      const w = await connect();
      const before = await messageCount();
      w.send({ type: 'message', clientMessageId: newClientId(), content: { kind: 'text', text: 'oi' } });
      const err = await w.waitFor(isError('hello_required'));
      assert.ok(err.message.length > 0);
      w.send({ type: 'typing', on: true });
      await w.waitFor(isError('hello_required'));
      // Still usable: ping works and hello opens the session.
      w.send({ type: 'ping' });
      await w.waitFor((f) => f.type === 'pong');
      const welcome = await hello(w, newVisitor());
      assert.equal(welcome.conversationId, null);
      assert.equal(await messageCount(), before);
    });

    test('answers bad_frame and unknown_frame when frames are garbage, and keeps the socket usable', async () => {
      const w = await connect();
      w.send('this is not json');
      await w.waitFor(isError('bad_frame'));
      w.send('[1,2,3]');
      await w.waitFor(isError('bad_frame'));
      w.send({ noType: true });
      await w.waitFor(isError('bad_frame'));
      w.ws.send(Buffer.from([1, 2, 3]), { binary: true });
      await w.waitFor(isError('bad_frame'));
      w.send({ type: 'subscribe', channel: 'everything' });
      const unknown = await w.waitFor(isError('unknown_frame'));
      assert.match(unknown.message, /subscribe/);
      w.send({ type: 'hello', connectionId: 'demo-webchat', visitorId: 'bad id with spaces' });
      await w.waitFor(isError('bad_frame'));
      // The socket is still open and the session can start.
      assert.equal(w.ws.readyState, w.ws.OPEN);
      await hello(w, newVisitor());
      w.send({ type: 'message', clientMessageId: 'short', content: { kind: 'text', text: 'oi' } });
      await w.waitFor(isError('bad_frame'));
      const { ack, reply } = await say(w, 'oi');
      assert.equal(ack.seq, 1);
      assert.equal(reply.message.seq, 2);
    });

    test('answers bad_identity when the identity signature does not verify, and accepts an anonymous hello after it', async () => {
      const w = await connect();
      const visitorId = newVisitor();
      const email = 'someone@example.com';
      const forged = { email, signature: signWidgetIdentity('the-wrong-secret-0123456789', { email }) };
      w.send({ type: 'hello', connectionId: 'demo-webchat', visitorId, identity: forged });
      await w.waitFor(isError('bad_identity'));
      // No session was opened by the refused hello.
      w.send({ type: 'message', clientMessageId: newClientId(), content: { kind: 'text', text: 'oi' } });
      await w.waitFor(isError('hello_required'));
      const good = { email, signature: signWidgetIdentity(widgetSecret, { email }) };
      const welcome = await hello(w, visitorId, { identity: good });
      assert.equal(welcome.history.length, 0);
    });

    test('answers unknown_connection when hello names a connection that is not a webchat', async () => {
      const w = await connect();
      w.send({ type: 'hello', connectionId: 'no-such-widget', visitorId: newVisitor() });
      await w.waitFor(isError('unknown_connection'));
      w.send({ type: 'hello', connectionId: 'demo-api', visitorId: newVisitor() });
      await w.waitFor(isError('unknown_connection'));
      await hello(w, newVisitor());
    });

    test('answers rate_limited and keeps serving when a socket floods frames', async () => {
      const w = await connect();
      for (let i = 0; i < 200; i++) w.send({ type: 'ping' });
      await eventually(() => w.frames.length >= 200, 5000, '200 answers');
      const pongs = w.frames.filter((f) => f.type === 'pong').length;
      const limited = w.frames.filter((f) => f.type === 'error' && f.code === 'rate_limited').length;
      assert.equal(pongs + limited, 200, 'every frame got exactly one answer');
      assert.ok(limited >= 100, `most of the flood is refused (${limited} rate_limited)`);
      assert.ok(pongs >= 1 && pongs <= 40, `a burst gets through (${pongs} pongs)`);
      w.frames.splice(0);
      assert.equal(w.ws.readyState, w.ws.OPEN, 'the flooding socket is not dropped');
      // The bucket refills (120 frames a minute = one every 0.5 s).
      await new Promise((r) => setTimeout(r, 1100));
      w.send({ type: 'ping' });
      await w.waitFor((f) => f.type === 'pong');
      // Other visitors are not affected.
      const other = await connect();
      await hello(other, newVisitor());
      const { reply } = await say(other, 'oi');
      assert.match(reply.message.text, /ol[aá]/i);
    });

    test('returns only newer history when a widget reconnects with afterSeq', async () => {
      const visitorId = newVisitor();
      const first = await connect();
      await hello(first, visitorId);
      const one = await say(first, 'oi');
      const two = await say(first, 'que horas vocês abrem?');
      assert.ok(two.reply.message.seq > one.reply.message.seq);
      const seenUpTo = one.reply.message.seq;
      await first.close();

      const again = await connect();
      const full = await hello(again, visitorId);
      assert.deepEqual(
        full.history.map((m) => m.seq),
        [1, 2, 3, 4],
      );
      const back = await connect();
      const welcome = await hello(back, visitorId, { afterSeq: seenUpTo });
      assert.equal(welcome.conversationId, one.reply.message.conversationId);
      assert.deepEqual(
        welcome.history.map((m) => m.seq),
        full.history.filter((m) => m.seq > seenUpTo).map((m) => m.seq),
      );
      assert.equal(welcome.history[0]?.text, 'que horas vocês abrem?');
      const upToDate = await connect();
      const none = await hello(upToDate, visitorId, { afterSeq: 4 });
      assert.deepEqual(none.history, []);
    });

    test('sends the bot reply to both tabs when one visitor has two tabs open', async () => {
      const visitorId = newVisitor();
      const tabA = await connect();
      const tabB = await connect();
      await hello(tabA, visitorId);
      await hello(tabB, visitorId);
      const { reply } = await say(tabA, 'oi');
      const inB = await tabB.waitFor(isBotMessage);
      assert.equal(inB.message.id, reply.message.id);

      // Once the conversation exists, what one tab sends shows in the other one too.
      const clientMessageId = newClientId();
      tabA.send({ type: 'message', clientMessageId, content: { kind: 'text', text: 'obrigado' } });
      await tabA.waitFor(isAck(clientMessageId));
      const echoed = await tabB.waitFor(
        (f): f is MessageFrame => f.type === 'message' && f.message.author === 'contact' && f.message.text === 'obrigado',
      );
      assert.equal(echoed.message.conversationId, reply.message.conversationId);
      const [replyA, replyB] = await Promise.all([tabA.waitFor(isBotMessage), tabB.waitFor(isBotMessage)]);
      assert.equal(replyA.message.id, replyB.message.id);
    });

    test('answers the picked option when the widget sends a quick reply with its payload', async () => {
      const w = await connect();
      await hello(w, newVisitor());
      const { reply: greeting } = await say(w, 'oi');
      assert.equal(greeting.message.content.kind, 'text');
      const options = greeting.message.content.kind === 'text' ? (greeting.message.content.quickReplies ?? []) : [];
      const hours = options.find((o) => o.id === 'intent:business_hours');
      assert.ok(hours, `the greeting offers opening hours: ${JSON.stringify(options)}`);
      const { ack, reply } = await say(w, hours.label, hours.id);
      assert.equal(ack.duplicate, false);
      assert.match(reply.message.text, /Nosso horário/);

      const stored = await running.app.database.db
        .selectFrom('messages')
        .select(['content_json'])
        .where('id', '=', ack.messageId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(stored.content_json), { kind: 'text', text: hours.label, payload: hours.id });
    });
  });
}
