import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { InboundEvent, MessageView } from '@fio/contracts';
import { writeDemoWorkspaceWith } from '../support/demo-workspace-with.ts';
import { createTestEnvironment, eventually, startTestApp, type RunningApp } from '../support/test-app.ts';
import { conversationToken } from '../../src/conversation/conversation-token.ts';
import type { BotTurnInput, ConversationEngine } from '../../src/conversation/bot/engine.ts';
import {
  createFixtureProbe,
  createReceiverFixtureChannel,
  createWebhookFixtureChannel,
  fixtureSecret,
  signFixtureBody,
  type FixtureChannelProbe,
} from './fixture-channels.ts';

/** The demo workspace with two fixture connections instead of the demo's channels. */
function writeWorkspace(): string {
  return writeDemoWorkspaceWith(
    'fio-seams-ws-',
    `
  - id: fx-sms
    type: sms
    name: Fixture SMS
    config: {}
    secrets:
      secret: ${fixtureSecret}
  - id: fx-mail
    type: email
    name: Fixture mail
    config: {}
`,
  );
}

interface Harness {
  running: RunningApp;
  reply(conversationId: string, content: unknown): Promise<Response>;
  probe: FixtureChannelProbe;
  post(events: InboundEvent[], opts?: { signature?: string }): Promise<Response>;
  messages(conversationId: string): Promise<MessageView[]>;
  api(path: string): Promise<Response>;
}

async function startHarness(
  t: TestContext,
  env: Record<string, string> = {},
  clock?: () => Date,
  engine?: ConversationEngine,
): Promise<Harness> {
  const probe = createFixtureProbe();
  const workspaceDir = writeWorkspace();
  const te = await createTestEnvironment('sqlite', env);
  const running = await startTestApp(te, {
    ...(clock ? { clock } : {}),
    ...(engine ? { engine } : {}),
    channels: [createWebhookFixtureChannel(probe), createReceiverFixtureChannel(probe)],
    config: { workspaceDirs: [workspaceDir] },
  });
  t.after(async () => {
    await running.app.close();
    await te.cleanup();
    rmSync(workspaceDir, { recursive: true, force: true });
  });
  const api = (path: string) => fetch(`${running.baseUrl}${path}`, { headers: { authorization: `Bearer ${running.adminToken}` } });
  return {
    running,
    probe,
    api,
    reply: (conversationId, content) =>
      fetch(`${running.baseUrl}/api/v1/conversations/${conversationId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${running.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ content }),
      }),
    post: (events, opts = {}) => {
      const body = JSON.stringify(events);
      return fetch(`${running.baseUrl}/webhooks/sms/fx-sms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-fixture-signature': opts.signature ?? signFixtureBody(body) },
        body,
      });
    },
    messages: async (conversationId) => {
      const res = await api(`/api/v1/conversations/${conversationId}/messages`);
      assert.equal(res.status, 200);
      return ((await res.json()) as { data: MessageView[] }).data;
    },
  };
}

const customer = (phone: string) => ({ address: phone, identities: [{ kind: 'phone' as const, value: phone, verified: true }] });
const text = (id: string, phone: string, body: string): Extract<InboundEvent, { type: 'message' }> => ({
  type: 'message',
  providerMessageId: id,
  sender: customer(phone),
  content: { kind: 'text', text: body },
});

describe('the server side of provider channels', () => {
  test('inbound media is fetched through the adapter, kept, and served to the workspace only', async (t) => {
    const h = await startHarness(t);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]);
    h.probe.media.set('prov-media-1', { body: jpeg, mimeType: 'image/jpeg', filename: 'foto.jpg' });
    const res = await h.post([
      {
        type: 'message',
        providerMessageId: 'm-media-1',
        sender: customer('+5511987654321'),
        content: { kind: 'media', mediaType: 'image', url: 'prov-media-1', caption: 'meu pedido chegou assim' },
        raw: { providerKind: 'image', id: 'prov-media-1' },
      },
    ]);
    assert.equal(res.status, 200);
    const [outcome] = ((await res.json()) as { messages: { conversationId: string; messageId: string }[] }).messages;
    assert.ok(outcome);

    const stored = await eventually(
      async () => {
        const message = (await h.messages(outcome.conversationId)).find((m) => m.id === outcome.messageId);
        return message?.content.kind === 'media' && message.content.sizeBytes ? message : undefined;
      },
      5000,
      'the media to be stored',
    );
    assert.equal(stored.content.kind, 'media');
    if (stored.content.kind !== 'media') return;
    assert.match(stored.content.url, /^\/media\/med_[0-9a-z]{22}$/);
    assert.equal(stored.content.mimeType, 'image/jpeg');
    assert.equal(stored.content.sizeBytes, jpeg.length);
    assert.equal(stored.content.caption, 'meu pedido chegou assim');

    const file = await h.api(stored.content.url);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'image/jpeg');
    assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(Buffer.from(await file.arrayBuffer()), jpeg);
    assert.equal((await fetch(`${h.running.baseUrl}${stored.content.url}`)).status, 401, 'no token, no signature: no file');
    assert.equal((await fetch(`${h.running.baseUrl}${stored.content.url}?exp=99999999999&sig=forged`)).status, 401);
  });

  test('media over the size limit or of a refused type is not kept, and says why', async (t) => {
    const h = await startHarness(t, { FIO_MEDIA_MAX_BYTES: '4096' });
    h.probe.media.set('big', { body: Buffer.alloc(10_000), mimeType: 'video/mp4' });
    h.probe.media.set('exe', { body: Buffer.alloc(10), mimeType: 'application/x-msdownload', filename: 'boleto.exe' });
    const res = await h.post([
      {
        type: 'message',
        providerMessageId: 'm-big',
        sender: customer('+5511911112222'),
        content: { kind: 'media', mediaType: 'video', url: 'big' },
      },
      {
        type: 'message',
        providerMessageId: 'm-exe',
        sender: customer('+5511911112222'),
        content: { kind: 'media', mediaType: 'file', url: 'exe' },
      },
    ]);
    assert.equal(res.status, 200);
    const outcomes = ((await res.json()) as { messages: { conversationId: string; messageId: string }[] }).messages;
    for (const [outcome, reason] of [
      [outcomes[0], /4096/],
      [outcomes[1], /application\/x-msdownload/],
    ] as const) {
      assert.ok(outcome);
      const message = (await h.messages(outcome.conversationId)).find((m) => m.id === outcome.messageId);
      const url = message?.content.kind === 'media' ? message.content.url : '';
      const answer = await eventually(
        async () => {
          const r = await h.api(url);
          return r.status === 409 ? undefined : r;
        },
        5000,
        'the media job to finish',
      );
      assert.equal(answer.status, 410);
      const body = (await answer.json()) as { code: string; message: string };
      assert.equal(body.code, 'media_unavailable');
      assert.match(body.message, reason);
    }
  });

  test('STOP withdraws consent with one confirmation, later sends fail as opted out, START restores them', async (t) => {
    const h = await startHarness(t);
    const phone = '+5511933334444';
    await h.post([text('s-1', phone, 'oi')]);
    await eventually(() => h.probe.sent.length >= 1 || undefined, 5000, 'the greeting');
    const sentBefore = h.probe.sent.length;

    const stop = await h.post([text('s-2', phone, 'PARAR')]);
    const [stopOutcome] = ((await stop.json()) as { messages: { conversationId: string; messageId: string }[] }).messages;
    assert.ok(stopOutcome);
    const confirmation = await eventually(() => h.probe.sent.find((m) => m.author === 'system'), 5000, 'the confirmation');
    assert.match(confirmation.content.kind === 'text' ? confirmation.content.text : '', /VOLTAR/);
    assert.equal(h.probe.sent.length, sentBefore + 1, 'the bot does not answer a STOP');

    await h.post([text('s-3', phone, 'quero saber do meu pedido')]);
    const failed = await eventually(
      async () => {
        const all = await h.messages(stopOutcome.conversationId);
        return all.find((m) => m.direction === 'outbound' && m.status === 'failed');
      },
      5000,
      'the bot reply to fail as opted out',
    );
    assert.match(failed.error?.code ?? '', /opted_out/);
    assert.match(failed.error?.message ?? '', /opted out/);
    assert.equal(h.probe.sent.length, sentBefore + 1, 'nothing reached the provider after the STOP');

    await h.post([text('s-4', phone, 'voltar')]);
    await eventually(() => h.probe.sent.filter((m) => m.author === 'system').length === 2 || undefined, 5000, 'the opt-in confirmation');
    await h.post([text('s-5', phone, 'oi de novo')]);
    await eventually(
      () => h.probe.sent.some((m) => m.author === 'bot' && m.messageId > confirmation.messageId) || undefined,
      5000,
      'a bot reply',
    );

    const events = await (await h.api(`/api/v1/conversations/${stopOutcome.conversationId}/events`)).json();
    const consent = (events as { data: { type: string; payload: { status: string } }[] }).data.filter((e) => e.type === 'consent.changed');
    assert.deepEqual(
      consent.map((e) => e.payload.status),
      ['withdrawn', 'granted'],
    );
  });

  test('after a recorded webhook the adapter may answer the provider; duplicates are not answered twice', async (t) => {
    const h = await startHarness(t);
    const event = text('a-1', '+5511955556666', 'oi');
    assert.equal((await h.post([event])).status, 200);
    await eventually(() => h.probe.afterIngest.length === 1 || undefined, 2000, 'afterIngest');
    assert.deepEqual(h.probe.afterIngest[0], [event]);
    assert.equal((await h.post([event])).status, 200);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(h.probe.afterIngest.length, 1);
  });

  test('channels that thread get history, provider ids and a reply token; bot replies carry author and status', async (t) => {
    const h = await startHarness(t);
    await h.post([{ ...text('t-1', '+5511977778888', 'oi'), raw: { subject: 'Pedido 123' } }]);
    const reply = await eventually(() => h.probe.sent.find((m) => m.author === 'bot'), 5000, 'the greeting');
    assert.equal(reply.conversationStatus, 'bot');
    assert.ok(reply.lastInboundAt);
    assert.ok(reply.thread);
    assert.equal(reply.thread.inReplyToProviderMessageId, 't-1');
    assert.deepEqual(reply.thread.providerMessageIds, ['t-1']);
    assert.equal(reply.thread.recent.at(-1)?.text, 'oi');
    assert.deepEqual(reply.thread.latestInboundRaw, { subject: 'Pedido 123' });
    assert.equal(reply.thread.conversationToken, conversationToken(h.running.app.deps.replyTokenKey, reply.conversationId));

    await h.post([text('t-2', '+5511977778888', 'falar com atendente')]);
    const handoff = await eventually(() => h.probe.sent.find((m) => m.conversationStatus === 'queued'), 5000, 'the handoff reply');
    assert.equal(handoff.author, 'bot');
  });

  test('a receiver ingests with attachments once, and a reply to the token address joins its conversation', async (t) => {
    const h = await startHarness(t);
    const receiver = await eventually(() => h.probe.receiver ?? undefined, 2000, 'the receiver to start');
    const from = {
      address: 'ana@cliente.example',
      identities: [{ kind: 'email' as const, value: 'ana@cliente.example', verified: false }],
    };
    const pdf = { body: Buffer.from('%PDF-1.4 nota fiscal'), mimeType: 'application/pdf', filename: 'nota.pdf' };
    const mail: InboundEvent[] = [
      {
        type: 'message',
        providerMessageId: '<m1@cliente>',
        sender: from,
        content: { kind: 'text', text: 'Segue a nota' },
        raw: { subject: 'Nota' },
      },
      {
        type: 'message',
        providerMessageId: '<m1@cliente>#1',
        sender: from,
        content: { kind: 'media', mediaType: 'file', url: 'attachment:0', filename: 'nota.pdf' },
      },
    ];
    await receiver.ingest(mail, { '0': pdf });
    await receiver.ingest(mail, { '0': pdf });
    const reply = await eventually(() => h.probe.sent.find((m) => m.recipient.address === 'ana@cliente.example'), 5000, 'a reply');
    const all = await h.messages(reply.conversationId);
    assert.equal(all.filter((m) => m.direction === 'inbound').length, 2, 'the second delivery was a duplicate');
    const file = all.find((m) => m.content.kind === 'media');
    assert.ok(file && file.content.kind === 'media');
    const download = await h.api(file.content.url);
    assert.equal(download.status, 200);
    assert.equal(await download.text(), '%PDF-1.4 nota fiscal');

    // Ana answers from her work address, to the conversation's reply address.
    const token = reply.thread?.conversationToken ?? '';
    const work = {
      address: 'ana.souza@empresa.example',
      identities: [{ kind: 'email' as const, value: 'ana.souza@empresa.example', verified: false }],
    };
    await receiver.ingest([
      {
        type: 'message',
        providerMessageId: '<m2@empresa>',
        sender: work,
        content: { kind: 'text', text: 'Respondendo daqui' },
        thread: { references: [], conversationToken: token },
      },
    ]);
    const joined = await eventually(
      async () => {
        const messages = await h.messages(reply.conversationId);
        return messages.find((m) => m.text === 'Respondendo daqui');
      },
      3000,
      'the reply to join the conversation',
    );
    assert.equal(joined.conversationId, reply.conversationId);

    // A forged token threads nothing: the stranger gets a conversation of their own.
    const stranger = { address: 'x@evil.example', identities: [{ kind: 'email' as const, value: 'x@evil.example', verified: false }] };
    await receiver.ingest([
      {
        type: 'message',
        providerMessageId: '<m3@evil>',
        sender: stranger,
        content: { kind: 'text', text: 'me mostra a conversa' },
        thread: { references: [], conversationToken: `${token.slice(0, 22)}0000000000` },
      },
    ]);
    const strangerReply = await eventually(
      () => h.probe.sent.find((m) => m.recipient.address === 'x@evil.example'),
      5000,
      'a reply to the stranger',
    );
    assert.notEqual(strangerReply.conversationId, reply.conversationId);
  });

  test('a provider outage is retried and the message then goes out once', async (t) => {
    const h = await startHarness(t);
    h.probe.failSends = 2;
    await h.post([text('r-1', '+5511922223333', 'oi')]);
    const sent = await eventually(() => h.probe.sent.find((m) => m.recipient.address === '+5511922223333'), 8000, 'the retried send');
    assert.equal(h.probe.sent.filter((m) => m.messageId === sent.messageId).length, 1);
  });

  test("a person's reply goes out inside the reply window; outside it only a template does, and the agent is told why", async (t) => {
    let now = new Date('2026-11-24T12:00:00Z').getTime();
    const h = await startHarness(t, {}, () => new Date(now));
    const res = await h.post([text('w-1', '+5511966667777', 'oi')]);
    const [outcome] = ((await res.json()) as { messages: { conversationId: string }[] }).messages;
    assert.ok(outcome);
    await eventually(() => h.probe.sent.find((m) => m.author === 'bot'), 5000, 'the greeting');

    now += 3_600_000;
    const inside = await h.reply(outcome.conversationId, { kind: 'text', text: 'Olá, aqui é a Júlia da Loja Exemplo.' });
    assert.equal(inside.status, 201);
    const [agentMessage] = ((await inside.json()) as { data: MessageView[] }).data;
    assert.equal(agentMessage?.author, 'agent');
    const sent = await eventually(() => h.probe.sent.find((m) => m.messageId === agentMessage?.id), 5000, 'the agent reply');
    assert.equal(sent.author, 'agent');

    now += 24 * 3_600_000;
    const outside = await h.reply(outcome.conversationId, { kind: 'text', text: 'Conseguiu resolver?' });
    assert.equal(outside.status, 422);
    const refusal = (await outside.json()) as { code: string; message: string };
    assert.equal(refusal.code, 'reply_window_closed');
    assert.match(refusal.message, /25 hours ago.*only approved templates/);

    const template = await h.reply(outcome.conversationId, {
      kind: 'template',
      name: 'pedido_atualizado',
      language: 'pt_BR',
      parameters: ['123'],
      fallbackText: 'Seu pedido 123 foi atualizado.',
    });
    assert.equal(template.status, 201);

    const missing = await h.reply('cv_00000000000000000000zz', { kind: 'text', text: 'oi' });
    assert.equal(missing.status, 404);
    const bad = await h.reply(outcome.conversationId, { kind: 'unsupported', placeholder: '[x]', providerKind: 'x' });
    assert.equal(bad.status, 400);
  });

  test('a reply to a customer who opted out is refused before it is queued', async (t) => {
    const h = await startHarness(t);
    const res = await h.post([text('o-1', '+5511944445555', 'STOP')]);
    const [outcome] = ((await res.json()) as { messages: { conversationId: string }[] }).messages;
    assert.ok(outcome);
    const refused = await h.reply(outcome.conversationId, { kind: 'text', text: 'Posso ajudar?' });
    assert.equal(refused.status, 422);
    assert.equal(((await refused.json()) as { code: string }).code, 'contact_opted_out');
  });

  test('a webhook whose sender has no usable identity is refused with 400, and nothing of it is stored', async (t) => {
    const h = await startHarness(t);
    const res = await h.post([text('u-1', '+5511900001111', 'oi'), text('u-2', '   ', 'oi')]);
    assert.equal(res.status, 400);
    const body = (await res.json()) as { code: string; message: string };
    assert.equal(body.code, 'invalid_payload');
    assert.match(body.message, /u-2: no usable sender identity/);
    const receipts = await h.running.app.database.db.selectFrom('inbound_receipts').selectAll().execute();
    assert.equal(receipts.length, 0, 'the valid first event was not recorded either');
  });

  test('the engine is told whether the reply channel takes free-form replies now, and until when', async (t) => {
    const inputs: BotTurnInput[] = [];
    const engine: ConversationEngine = {
      runTurn: (input) => {
        inputs.push(input);
        return Promise.resolve({ replies: [], actions: [], intent: null, botState: input.botState });
      },
    };
    const now = new Date('2026-11-24T12:00:00Z');
    const h = await startHarness(t, {}, () => now, engine);
    await h.post([text('e-1', '+5511988887777', 'oi')]);
    const [input] = await eventually(() => (inputs.length > 0 ? inputs : undefined), 5000, 'a turn');
    assert.deepEqual(input?.replyWindow, { open: true, closesAt: '2026-11-25T12:00:00.000Z', reason: null });
  });

  test('a delivery receipt that arrives before the send is recorded is kept and applied, not lost', async (t) => {
    const h = await startHarness(t);
    const answers: number[] = [];
    h.probe.beforeSendReturns = async (providerMessageId) => {
      h.probe.beforeSendReturns = null;
      const res = await h.post([{ type: 'status', providerMessageId, status: 'delivered' }]);
      answers.push(res.status);
    };
    const res = await h.post([text('k-1', '+5511977776666', 'oi')]);
    const [outcome] = ((await res.json()) as { messages: { conversationId: string }[] }).messages;
    assert.ok(outcome);
    const reply = await eventually(
      async () => {
        const all = await h.messages(outcome.conversationId);
        return all.find((m) => m.author === 'bot' && m.status === 'delivered');
      },
      5000,
      'the early receipt to be applied',
    );
    assert.equal(answers[0], 200);
    assert.equal(reply.providerMessageId, `fx-${reply.id}`);
    const left = await h.running.app.database.db.selectFrom('early_status_receipts').selectAll().execute();
    assert.equal(left.length, 0);
  });

  test("a provider's report that the recipient opted out (Twilio's 21610) is recorded as consent withdrawal", async (t) => {
    const h = await startHarness(t);
    const res = await h.post([text('p-1', '+5511966665555', 'oi')]);
    const [outcome] = ((await res.json()) as { messages: { conversationId: string }[] }).messages;
    assert.ok(outcome);
    const greeting = await eventually(() => h.probe.sent.find((m) => m.author === 'bot'), 5000, 'the greeting');
    await eventually(async () => (await h.messages(outcome.conversationId)).some((m) => m.status === 'sent') || undefined, 5000, 'sent');
    const receipt = await h.post([
      {
        type: 'status',
        providerMessageId: `fx-${greeting.messageId}`,
        status: 'failed',
        error: { code: '21610', message: 'unsubscribed recipient' },
        recipientOptedOut: true,
      },
    ]);
    assert.equal(receipt.status, 200);
    const refused = await h.reply(outcome.conversationId, { kind: 'text', text: 'Podemos ajudar?' });
    assert.equal(refused.status, 422);
    assert.equal(((await refused.json()) as { code: string }).code, 'contact_opted_out');
    const events = (await (await h.api(`/api/v1/conversations/${outcome.conversationId}/events`)).json()) as {
      data: { type: string; payload: { source?: string } }[];
    };
    assert.deepEqual(
      events.data.filter((e) => e.type === 'consent.changed').map((e) => e.payload.source),
      ['provider'],
    );
  });
});
