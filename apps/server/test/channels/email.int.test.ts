import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import nodemailer from 'nodemailer';
import { emailChannel } from '@fio/channel-email';
import type { ConversationView, MessageView } from '@fio/contracts';
import { createMailboxEmulator, type MailboxEmulator } from '../../../../packages/emulators/src/mailbox/index.ts';
import { emailConnectionYaml, writeDemoWorkspaceWith } from '../support/demo-workspace-with.ts';
import { createTestEnvironment, eventually, startTestApp, type RunningApp } from '../support/test-app.ts';

const business = 'suporte@loja.example';
const maria = { address: 'maria@cliente.example', name: 'Maria Souza' };

/** The demo workspace with one e-mail connection: Fio's SMTP listener on a free loopback port, replies relayed to the emulator. */
function writeWorkspace(relayPort: number): string {
  return writeDemoWorkspaceWith('fio-email-ws-', emailConnectionYaml('email-loja', business, relayPort));
}

interface Harness {
  running: RunningApp;
  mailbox: MailboxEmulator;
  listener: { host: string; port: number };
  messages(conversationId: string): Promise<MessageView[]>;
  conversations(): Promise<ConversationView[]>;
}

async function startHarness(t: TestContext): Promise<Harness> {
  const mailbox = createMailboxEmulator({ businessAddress: business, firstSubject: 'Meu pedido' });
  const relay = await mailbox.listen();
  const workspaceDir = writeWorkspace(relay.port);
  const te = await createTestEnvironment('sqlite');
  const running = await startTestApp(te, { config: { workspaceDirs: [workspaceDir] } });
  t.after(async () => {
    await running.app.close();
    emailChannel.closeConnections();
    await mailbox.close();
    await te.cleanup();
    rmSync(workspaceDir, { recursive: true, force: true });
  });
  const listener = running.app.receiverAddresses().find((r) => r.connectionId === 'email-loja');
  assert.ok(listener, 'the e-mail connection has no SMTP listener running');
  mailbox.setFioSmtp(listener);
  const api = (path: string) => fetch(`${running.baseUrl}${path}`, { headers: { authorization: `Bearer ${running.adminToken}` } });
  return {
    running,
    mailbox,
    listener,
    messages: async (conversationId) =>
      ((await (await api(`/api/v1/conversations/${conversationId}/messages`)).json()) as { data: MessageView[] }).data,
    conversations: async () => ((await (await api('/api/v1/conversations')).json()) as { data: ConversationView[] }).data,
  };
}

function sentMessageId(answer: { status: number; body: string }): string {
  assert.equal(answer.status, 250, answer.body);
  return (JSON.parse(answer.body) as { messageId: string }).messageId;
}

function rawOf(view: { raw: unknown }): Record<string, unknown> {
  assert.ok(typeof view.raw === 'object' && view.raw !== null);
  return { ...view.raw };
}

describe('e-mail over real SMTP on loopback', () => {
  test('a customer mails Fio, the bot replies threaded, and the reply to it joins the same conversation', async (t) => {
    const h = await startHarness(t);
    const firstId = sentMessageId(await h.mailbox.customer.sendText(maria, 'Olá, boa tarde!'));

    const greeting = await eventually(() => h.mailbox.delivered.find((v) => v.to === maria.address), 8000, "the bot's reply by mail");
    const greetingRaw = rawOf(greeting);
    assert.match(greeting.providerMessageId, /^<fio\.msg_[0-9a-z]+@loja\.example>$/);
    assert.equal(greetingRaw['inReplyTo'], firstId);
    assert.deepEqual(greetingRaw['references'], [firstId]);
    assert.equal(greetingRaw['subject'], 'Re: Meu pedido');
    assert.equal(greetingRaw['autoSubmitted'], 'auto-replied');
    assert.match(String(greetingRaw['from']), /"Loja Exemplo" <suporte@loja\.example>/);
    const replyTo = String(greetingRaw['replyTo']);
    assert.match(replyTo, /^suporte\+[0-9a-z]{32}@loja\.example$/);
    assert.ok((greeting.options ?? []).length >= 2, 'the menu arrives as numbered options');
    assert.match(greeting.text, /\n\nEm .+, maria@cliente\.example escreveu:\n> Olá, boa tarde!$/);

    const conversation = await eventually(async () => (await h.conversations())[0], 3000, 'the conversation');
    const stored = await h.messages(conversation.id);
    const inbound = stored.find((m) => m.direction === 'inbound');
    assert.equal(inbound?.providerMessageId, firstId);
    assert.equal(inbound?.text, 'Olá, boa tarde!');
    const bot = await eventually(
      async () => (await h.messages(conversation.id)).find((m) => m.author === 'bot' && m.status === 'sent'),
      3000,
      'the reply marked sent',
    );
    assert.equal(bot.providerMessageId, greeting.providerMessageId);

    // Maria answers in her mail client: In-Reply-To the bot's Message-ID, sent to the Reply-To token address.
    const secondId = sentMessageId(await h.mailbox.customer.sendText(maria, 'Quero falar com atendente, por favor.'));
    const lastRelay = h.mailbox.requests.at(-1);
    assert.ok(lastRelay);
    const joined = await eventually(
      async () => (await h.messages(conversation.id)).find((m) => m.providerMessageId === secondId),
      5000,
      'the reply in the same conversation',
    );
    assert.equal(joined.conversationId, conversation.id);
    assert.equal((await h.conversations()).length, 1);
    await eventually(async () => (await h.conversations()).find((c) => c.id === conversation.id && c.status === 'queued'), 5000, 'handoff');
    const handoffMail = await eventually(
      () => h.mailbox.delivered.filter((v) => v.to === maria.address)[1],
      5000,
      'the handoff reply by mail',
    );
    const handoffRaw = rawOf(handoffMail);
    assert.equal(handoffRaw['inReplyTo'], secondId);
    assert.deepEqual(handoffRaw['references'], [firstId, greeting.providerMessageId, secondId]);
    assert.equal(handoffRaw['replyTo'], replyTo, 'one reply address per conversation');
  });

  test('a reply to the token address from another mailbox joins the conversation; quoted history is cut from the shown text', async (t) => {
    const h = await startHarness(t);
    await h.mailbox.customer.sendText(maria, 'Oi');
    const greeting = await eventually(() => h.mailbox.delivered.find((v) => v.to === maria.address), 8000, 'the greeting');
    const replyTo = String(rawOf(greeting)['replyTo']);
    const [conversation] = await h.conversations();
    assert.ok(conversation);

    const transport = nodemailer.createTransport({ host: h.listener.host, port: h.listener.port, ignoreTLS: true });
    try {
      await transport.sendMail({
        from: { name: 'Maria (trabalho)', address: 'maria.souza@empresa.example' },
        to: replyTo,
        subject: 'Re: Meu pedido',
        messageId: '<work-1@empresa.example>',
        text: `Escrevo do trabalho: o pedido é 1234.\n\nEm 24/11/2026, Loja Exemplo <${business}> escreveu:\n> ${greeting.text.split('\n')[0] ?? ''}\n`,
      });
    } finally {
      transport.close();
    }
    const joined = await eventually(
      async () => (await h.messages(conversation.id)).find((m) => m.providerMessageId === '<work-1@empresa.example>'),
      5000,
      'the mail from the work address in the same conversation',
    );
    assert.equal(joined.text, 'Escrevo do trabalho: o pedido é 1234.');
  });

  test('a relay that refuses the recipient with 550 marks the reply failed; a 451 is retried and then sent', async (t) => {
    const h = await startHarness(t);
    h.mailbox.failNext(1, 451, { body: '4.7.1 Greylisted, try again later' });
    await h.mailbox.customer.sendText(maria, 'Oi');
    const greeting = await eventually(() => h.mailbox.delivered.find((v) => v.to === maria.address), 10_000, 'the greeting after a retry');
    assert.equal(
      h.mailbox.requests.filter((r) => r.headers['message-id'] === greeting.providerMessageId).length,
      2,
      'refused once, then accepted',
    );

    const ana = { address: 'ana@inexistente.example', name: 'Ana' };
    h.mailbox.failNext(1, 550, { body: '5.1.1 <ana@inexistente.example>: user unknown' });
    await h.mailbox.customer.sendText(ana, 'Oi');
    const failed = await eventually(
      async () => {
        for (const c of await h.conversations()) {
          const m = (await h.messages(c.id)).find((x) => x.author === 'bot' && x.status === 'failed');
          if (m) return m;
        }
        return undefined;
      },
      8000,
      'the reply marked failed',
    );
    assert.equal(failed.error?.code, 'recipient_unreachable:550');
    assert.match(failed.error?.message ?? '', /user unknown/);
  });

  test('a mail with attachments is one customer turn: every part is stored, the bot answers once', async (t) => {
    const h = await startHarness(t);
    const transport = nodemailer.createTransport({ host: h.listener.host, port: h.listener.port, ignoreTLS: true });
    try {
      await transport.sendMail({
        from: maria.address,
        to: business,
        subject: 'Nota fiscal',
        messageId: '<nota@cliente.example>',
        text: 'Olá, segue a nota e a foto do produto.',
        attachments: [
          { filename: 'nota.pdf', content: Buffer.from('%PDF-1.4 nota'), contentType: 'application/pdf' },
          { filename: 'produto.png', content: Buffer.from('89504e470d0a1a0a', 'hex'), contentType: 'image/png' },
        ],
      });
    } finally {
      transport.close();
    }
    const [conversation] = await eventually(async () => {
      const all = await h.conversations();
      return all.length > 0 ? all : undefined;
    });
    assert.ok(conversation);
    await eventually(
      async () => (await h.messages(conversation.id)).filter((m) => m.direction === 'inbound').length === 3,
      5000,
      'the text and both attachments stored',
    );
    await eventually(() => h.mailbox.delivered.some((v) => v.to === maria.address), 5000, 'a reply');
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(h.mailbox.delivered.filter((v) => v.to === maria.address).length, 1);
  });

  test('a delivery report for a reply that bounced later marks that reply failed', async (t) => {
    const h = await startHarness(t);
    await h.mailbox.customer.sendText(maria, 'Oi');
    const greeting = await eventually(() => h.mailbox.delivered.find((v) => v.to === maria.address), 8000, 'the greeting');
    const dsn = [
      'From: Mail Delivery Subsystem <MAILER-DAEMON@cliente.example>',
      `To: ${business}`,
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <dsn-1@cliente.example>',
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--b',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.cliente.example',
      '',
      'Final-Recipient: rfc822; maria@cliente.example',
      'Action: failed',
      'Status: 5.2.2',
      'Diagnostic-Code: smtp; 552 5.2.2 Mailbox full',
      '--b',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: ${greeting.providerMessageId}`,
      `From: ${business}`,
      '--b--',
      '',
    ].join('\r\n');
    const transport = nodemailer.createTransport({ host: h.listener.host, port: h.listener.port, ignoreTLS: true });
    try {
      await transport.sendMail({ envelope: { from: '', to: [business] }, raw: dsn });
    } finally {
      transport.close();
    }
    const [conversation] = await h.conversations();
    assert.ok(conversation);
    const failed = await eventually(
      async () =>
        (await h.messages(conversation.id)).find((m) => m.providerMessageId === greeting.providerMessageId && m.status === 'failed'),
      5000,
      'the bounced reply marked failed',
    );
    assert.equal(failed.error?.code, '5.2.2');
    assert.equal(
      (await h.messages(conversation.id)).filter((m) => m.direction === 'inbound').length,
      1,
      'the report is no customer message',
    );
  });
});
