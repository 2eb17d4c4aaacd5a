import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { emailChannel } from '@fio/channel-email';
import { signWidgetIdentity } from '@fio/channel-webchat';
import type { ConversationView, MessageView, ReplyOption, ServerFrame } from '@fio/contracts';
import { createMailboxEmulator } from '../../../../packages/emulators/src/mailbox/index.ts';
import { emailConnectionYaml, writeDemoWorkspaceWith } from '../support/demo-workspace-with.ts';
import { createTestEnvironment, eventually, startTestApp } from '../support/test-app.ts';
import { connectWidget } from '../support/widget-client.ts';

const business = 'atendimento@loja.example';
const widgetSecret = 'reply-via-widget-secret-0123456789';
const isMessage = (f: ServerFrame): f is Extract<ServerFrame, { type: 'message' }> => f.type === 'message';

test('an agent answers a widget conversation by e-mail: delivered there, refused where the customer cannot be reached, sticky until the customer writes', async (t) => {
  const mailbox = createMailboxEmulator({ businessAddress: business, firstSubject: 'Pedido' });
  const relay = await mailbox.listen();
  const workspaceDir = writeDemoWorkspaceWith(
    'fio-reply-via-',
    `
  - id: via-webchat
    type: webchat
    name: Site
    config: { title: Loja, allowedOrigins: ['*'] }
    secrets: { identitySecret: ${widgetSecret} }
${emailConnectionYaml('via-email', business, relay.port)}  - id: via-sms
    type: sms
    name: SMS
    config: { accountSid: AC00000000000000000000000000000de0, from: '+551140040000', apiBaseUrl: 'http://127.0.0.1:9' }
    secrets: { authToken: via-sms-auth-token-0123456789 }
`,
  );
  const te = await createTestEnvironment('sqlite');
  const running = await startTestApp(te, { config: { workspaceDirs: [workspaceDir] } });
  t.after(async () => {
    await running.app.close();
    emailChannel.closeConnections();
    await mailbox.close();
    await te.cleanup();
    rmSync(workspaceDir, { recursive: true, force: true });
  });
  const api = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${running.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${running.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const reply = (text: string, via?: unknown) =>
    api<{ data: MessageView[]; code?: string; message?: string }>('POST', `/api/v1/conversations/${conversationId}/messages`, {
      content: { kind: 'text', text },
      ...(via === undefined ? {} : { via }),
    });

  // Ana is logged in on the site (signed e-mail) and writes in the widget.
  const email = 'ana@cliente.example';
  const widget = await connectWidget(running.wsUrl);
  t.after(() => widget.ws.close());
  widget.send({
    type: 'hello',
    connectionId: 'via-webchat',
    visitorId: 'visitor_via_0123456789',
    locale: 'pt-BR',
    identity: { email, name: 'Ana', signature: signWidgetIdentity(widgetSecret, { email }) },
  });
  await widget.waitFor((f) => f.type === 'welcome');
  widget.send({ type: 'message', clientMessageId: 'via-0001', content: { kind: 'text', text: 'oi, preciso de ajuda com meu pedido' } });
  const greeting = await widget.waitFor(
    (f): f is Extract<ServerFrame, { type: 'message' }> => isMessage(f) && f.message.author === 'bot',
    8000,
  );
  const conversationId = greeting.message.conversationId;

  // A phone typed in chat and never verified could be anyone's: it reaches nothing.
  const { contactId } = (await api<ConversationView>('GET', `/api/v1/conversations/${conversationId}`)).body;
  await running.app.database.db
    .insertInto('identities')
    .values({
      id: 'id_typed_phone_0001',
      workspace_id: running.workspaceId,
      contact_id: contactId,
      kind: 'phone',
      value: '+5511912345678',
      verified: 0,
      created_at: new Date().toISOString(),
      source: 'chat',
    })
    .execute();

  // The channels the agent can pick: the widget (current) and e-mail (her verified address); no SMS.
  const options = await api<{ data: ReplyOption[] }>('GET', `/api/v1/conversations/${conversationId}/reply-options`);
  assert.equal(options.status, 200);
  assert.deepEqual(
    options.body.data.map((o) => [o.connectionId, o.channelType, o.address, o.current, o.identityKind]),
    [
      ['via-webchat', 'webchat', 'visitor_via_0123456789', true, null],
      ['via-email', 'email', email, false, 'email'],
    ],
  );
  assert.ok(options.body.data.every((o) => o.replyWindow.open && o.consent === null));

  // Refused where she cannot be reached, with a stable code; nothing stored.
  const bySms = await reply('Olá Ana!', { channelType: 'sms' });
  assert.equal(bySms.status, 422);
  assert.equal(bySms.body.code, 'channel_not_reachable');
  const byUnknown = await reply('Olá Ana!', { connectionId: 'someone-elses-connection' });
  assert.equal(byUnknown.status, 422);
  assert.equal(byUnknown.body.code, 'channel_not_reachable');
  const badVia = await reply('Olá Ana!', { channelType: 'carrier-pigeon' });
  assert.equal(badVia.status, 400);

  // By e-mail: delivered to her mailbox; the conversation still answers on the widget by default.
  const byEmail = await reply('Ana, te mandei o comprovante por aqui.', { channelType: 'email' });
  assert.equal(byEmail.status, 201, JSON.stringify(byEmail.body));
  assert.equal(byEmail.body.data[0]?.channelType, 'email');
  assert.equal(byEmail.body.data[0]?.connectionId, 'via-email');
  const mail = await eventually(() => mailbox.delivered.find((m) => m.to === email), 8000, 'the e-mail');
  assert.match(mail.text, /comprovante/);
  await eventually(
    async () => {
      const messages = await api<{ data: MessageView[] }>('GET', `/api/v1/conversations/${conversationId}/messages`);
      return messages.body.data.find((m) => m.id === byEmail.body.data[0]?.id && m.status === 'sent');
    },
    5000,
    'the e-mail reply marked sent',
  );
  let conversation = await api<ConversationView>('GET', `/api/v1/conversations/${conversationId}`);
  assert.equal(conversation.body.replyChannelType, 'webchat');
  const plain = await reply('Mais alguma coisa?');
  assert.equal(plain.body.data[0]?.channelType, 'webchat');
  await widget.waitFor((f) => isMessage(f) && f.message.text === 'Mais alguma coisa?');

  // Sticky: e-mail becomes the reply route until Ana writes again.
  const sticky = await reply('Seguimos por e-mail.', { connectionId: 'via-email', sticky: true });
  assert.equal(sticky.status, 201);
  conversation = await api<ConversationView>('GET', `/api/v1/conversations/${conversationId}`);
  assert.equal(conversation.body.replyChannelType, 'email');
  const afterSticky = await reply('Enviei a nota fiscal.');
  assert.equal(afterSticky.body.data[0]?.channelType, 'email');
  await eventually(() => mailbox.delivered.find((m) => m.to === email && /nota fiscal/.test(m.text)), 8000, 'the sticky e-mail');
  const current = await api<{ data: ReplyOption[] }>('GET', `/api/v1/conversations/${conversationId}/reply-options`);
  assert.deepEqual(
    current.body.data.filter((o) => o.current).map((o) => o.channelType),
    ['email'],
  );

  widget.send({ type: 'message', clientMessageId: 'via-0002', content: { kind: 'text', text: 'obrigada!' } });
  await eventually(
    async () => (await api<ConversationView>('GET', `/api/v1/conversations/${conversationId}`)).body.replyChannelType === 'webchat',
    5000,
    'the widget as the reply channel again',
  );
  const events = await api<{ data: { type: string; payload: Record<string, unknown> }[] }>(
    'GET',
    `/api/v1/conversations/${conversationId}/events`,
  );
  const picks = events.body.data.filter((e) => e.type === 'agent.replied' && e.payload['via']).map((e) => e.payload['via']);
  assert.deepEqual(picks, [
    { connectionId: 'via-email', sticky: false },
    { connectionId: 'via-email', sticky: true },
  ]);
});
