import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { RunningReceiver } from '@fio/channel-kit';
import { emailChannel } from '../src/index.ts';
import { buildEmailConnection } from './support/build-email-connection.ts';
import { buildReceiverContext } from './support/receiver-context.ts';

const mail = (id: string, extra = '') =>
  Buffer.from(
    [
      'From: Maria Souza <maria@cliente.example>',
      'To: suporte@loja.example',
      'Subject: Pedido',
      `Message-ID: <${id}@cliente.example>`,
      'Date: Tue, 24 Nov 2026 10:00:00 -0300',
      ...(extra ? [extra] : []),
      '',
      'Meu pedido não chegou.',
      '',
    ].join('\r\n'),
  );

function smtpError(error: unknown): { responseCode?: number; response?: string } {
  return typeof error === 'object' && error !== null ? error : {};
}

describe('SMTP listener', () => {
  const receiverCtx = buildReceiverContext(
    buildEmailConnection(1, { smtpListener: { host: '127.0.0.1', port: 0, maxMessageBytes: 64 * 1024 }, aliases: ['vendas@loja.example'] }),
  );
  let receiver: RunningReceiver;
  let client: Transporter<SMTPTransport.SentMessageInfo>;
  const send = (raw: Buffer, to = 'suporte@loja.example', from = 'maria@cliente.example') =>
    client.sendMail({ envelope: { from, to: [to] }, raw });

  before(async () => {
    const start = emailChannel.startReceiver;
    assert.ok(start);
    receiver = await start(receiverCtx.ctx);
    assert.ok(receiver.address);
    client = nodemailer.createTransport({ host: '127.0.0.1', port: receiver.address.port, secure: false, ignoreTLS: true });
  });
  after(async () => {
    client.close();
    await receiver.stop();
  });
  beforeEach(() => {
    receiverCtx.state.ingestImpl = null;
  });

  test('answers 250 only after ingest resolved', async () => {
    let release = () => {};
    receiverCtx.state.ingestImpl = () => new Promise<void>((resolve) => (release = resolve));
    let answered = false;
    const sending = send(mail('ordering')).then((info: SMTPTransport.SentMessageInfo) => {
      answered = true;
      return info;
    });
    await waitFor(() => receiverCtx.calls.some((c) => c.events[0]?.providerMessageId === '<ordering@cliente.example>'));
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(answered, false, 'the sender was told 250 before the message was recorded');
    release();
    const info = await sending;
    assert.match(info.response, /^250 /);
  });

  test("answers 451 when recording fails, and the sender's retry is recorded once", async () => {
    receiverCtx.state.ingestImpl = () => Promise.reject(new Error('database is locked'));
    await assert.rejects(send(mail('retry')), (error) => {
      assert.equal(smtpError(error).responseCode, 451);
      return true;
    });
    assert.equal(receiverCtx.stored.has('<retry@cliente.example>'), false);
    receiverCtx.state.ingestImpl = null;
    await send(mail('retry'));
    await send(mail('retry')); // a relay that lost our 250 sends it again
    const calls = receiverCtx.calls.filter((c) => c.events[0]?.providerMessageId === '<retry@cliente.example>');
    assert.equal(calls.length, 3, 'every delivery attempt reached ingest');
    assert.equal([...receiverCtx.stored.keys()].filter((k) => k === '<retry@cliente.example>').length, 1);
    const event = receiverCtx.stored.get('<retry@cliente.example>');
    assert.equal(event?.type === 'message' && event.content.kind === 'text' ? event.content.text : '', 'Meu pedido não chegou.');
  });

  test('takes mail for an alias and a plus-address, whose token reaches the event', async () => {
    await send(mail('alias'), 'Vendas@Loja.Example');
    await send(mail('token'), 'suporte+abc123def@loja.example');
    const token = receiverCtx.stored.get('<token@cliente.example>');
    assert.equal(token?.type === 'message' ? token.thread?.conversationToken : '', 'abc123def');
    assert.ok(receiverCtx.stored.has('<alias@cliente.example>'));
  });

  test('refuses other recipients with 550 at RCPT TO: never an open relay', async () => {
    await assert.rejects(send(mail('relay'), 'someone@elsewhere.example'), (error) => {
      assert.equal(smtpError(error).responseCode, 550);
      return true;
    });
    await assert.rejects(send(mail('relay2'), 'suporte@loja.example.evil'), (error) => smtpError(error).responseCode === 550);
    assert.equal(
      receiverCtx.calls.some((c) => c.events[0]?.providerMessageId === '<relay@cliente.example>'),
      false,
    );
  });

  test('refuses a message over the size limit with 552', async () => {
    const big = mail('big', `X-Padding: ${'a'.repeat(70 * 1024)}`);
    await assert.rejects(send(big), (error) => smtpError(error).responseCode === 552);
    assert.equal(receiverCtx.stored.has('<big@cliente.example>'), false);
  });

  test('accepts an auto-reply with 250 and records it marked automated, for agents and never for the bot', async () => {
    const before = receiverCtx.calls.length;
    const info = await send(mail('ooo', 'Auto-Submitted: auto-replied'));
    assert.match(info.response, /^250 /);
    const recorded = receiverCtx.calls.slice(before).flatMap((c) => c.events);
    assert.ok(recorded.length > 0);
    for (const event of recorded) assert.equal(event.type === 'message' && event.automated, true);
  });

  test('refuses a mail with neither From nor envelope sender with 554', async () => {
    const noFrom = Buffer.from('To: suporte@loja.example\r\nSubject: x\r\n\r\nhello\r\n');
    await assert.rejects(send(noFrom, 'suporte@loja.example', ''), (error) => smtpError(error).responseCode === 554);
  });

  test('passes attachments with the events, keyed as the media urls name them', async () => {
    const withFile = await new Promise<Buffer>((resolve, reject) => {
      nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail(
        {
          from: 'maria@cliente.example',
          to: 'suporte@loja.example',
          subject: 'Comprovante',
          messageId: '<file@cliente.example>',
          text: 'Segue o comprovante.',
          attachments: [{ filename: 'comprovante.pdf', content: Buffer.from('%PDF-1.4 test'), contentType: 'application/pdf' }],
        },
        (error, info) =>
          error ? reject(error) : Buffer.isBuffer(info.message) ? resolve(info.message) : reject(new Error('not buffered')),
      );
    });
    await send(withFile);
    const call = receiverCtx.calls.find((c) => c.events[0]?.providerMessageId === '<file@cliente.example>');
    assert.ok(call);
    const media = call.events[1];
    assert.equal(media?.type === 'message' && media.content.kind === 'media' ? media.content.url : '', 'attachment:part-1');
    assert.equal(call.attachments['part-1']?.filename, 'comprovante.pdf');
    assert.equal(Buffer.from(call.attachments['part-1']?.body ?? []).toString(), '%PDF-1.4 test');
  });
});

describe('SMTP listener with AUTH', () => {
  test('asks a relay to log in, and takes mail once it has', async () => {
    const { ctx, stored } = buildReceiverContext(
      buildEmailConnection(
        1,
        { smtpListener: { host: '127.0.0.1', port: 0, requireAuth: true, listenerUser: 'relay' } },
        { listenerPassword: 's3cret' },
      ),
    );
    const receiver = await emailChannel.startReceiver?.(ctx);
    assert.ok(receiver?.address);
    const port = receiver.address.port;
    const anonymous = nodemailer.createTransport({ host: '127.0.0.1', port, ignoreTLS: true });
    const wrong = nodemailer.createTransport({ host: '127.0.0.1', port, ignoreTLS: true, auth: { user: 'relay', pass: 'nope' } });
    const right = nodemailer.createTransport({ host: '127.0.0.1', port, ignoreTLS: true, auth: { user: 'relay', pass: 's3cret' } });
    try {
      const envelope = { from: 'maria@cliente.example', to: ['suporte@loja.example'] };
      await assert.rejects(anonymous.sendMail({ envelope, raw: mail('anon') }), (error) => smtpError(error).responseCode === 530);
      await assert.rejects(wrong.sendMail({ envelope, raw: mail('wrong') }), (error) => smtpError(error).responseCode === 535);
      await right.sendMail({ envelope, raw: mail('authed') });
      assert.deepEqual([...stored.keys()], ['<authed@cliente.example>']);
    } finally {
      for (const t of [anonymous, wrong, right]) t.close();
      await receiver.stop();
    }
  });

  test('refuses to start when AUTH is required but no password is configured', async () => {
    const { ctx } = buildReceiverContext(
      buildEmailConnection(1, { smtpListener: { host: '127.0.0.1', port: 0, requireAuth: true, listenerUser: 'relay' } }),
    );
    await assert.rejects(Promise.resolve(emailChannel.startReceiver?.(ctx)), /listenerPassword/);
  });
});

async function waitFor(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe(
  'SMTP listener with STARTTLS',
  { skip: existsSync('/usr/bin/openssl') ? false : 'needs openssl to make a test certificate' },
  () => {
    test('offers STARTTLS with the configured certificate and takes mail over TLS', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'fio-smtp-tls-'));
      try {
        execFileSync(
          'openssl',
          [
            'req',
            '-x509',
            '-newkey',
            'rsa:2048',
            '-nodes',
            '-days',
            '1',
            '-subj',
            '/CN=loja.example',
            '-keyout',
            join(dir, 'key.pem'),
            '-out',
            join(dir, 'cert.pem'),
          ],
          {
            stdio: 'ignore',
          },
        );
        const { ctx, stored } = buildReceiverContext(
          buildEmailConnection(
            1,
            { smtpListener: { host: '127.0.0.1', port: 0, starttls: true } },
            { tlsKey: readFileSync(join(dir, 'key.pem'), 'utf8'), tlsCert: readFileSync(join(dir, 'cert.pem'), 'utf8') },
          ),
        );
        const receiver = await emailChannel.startReceiver?.(ctx);
        assert.ok(receiver?.address);
        const client = nodemailer.createTransport({
          host: '127.0.0.1',
          port: receiver.address.port,
          requireTLS: true,
          tls: { rejectUnauthorized: false },
        });
        try {
          await client.sendMail({ envelope: { from: 'maria@cliente.example', to: ['suporte@loja.example'] }, raw: mail('tls') });
          assert.ok(stored.has('<tls@cliente.example>'));
        } finally {
          client.close();
          await receiver.stop();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
