import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { simpleParser, type ParsedMail } from 'mailparser';
import { ChannelError, type OutboundMessage, type SendContext } from '@fio/channel-kit';
import { buildOutboundMessage } from '@fio/channel-kit/contract-suite';
import type { MessageView } from '@fio/contracts';
import { createEmailChannel } from '../src/index.ts';
import type { EmailConfig, EmailSecrets } from '../src/definition.ts';
import { buildEmailConnection } from './support/build-email-connection.ts';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.ts';

function headerLine(mail: ParsedMail, key: string): string | undefined {
  return mail.headerLines.find((h) => h.key === key)?.line;
}

function unfold(line: string | undefined): string | undefined {
  return line?.replace(/\r?\n[ \t]+/g, ' ');
}

function view(overrides: Partial<MessageView>): MessageView {
  return {
    id: 'msg_x',
    conversationId: 'cv_1',
    seq: 1,
    direction: 'inbound',
    author: 'contact',
    channelType: 'email',
    connectionId: 'conn_email',
    content: { kind: 'text', text: overrides.text ?? '' },
    text: '',
    providerMessageId: null,
    status: 'delivered',
    error: null,
    createdAt: '2026-11-24T13:00:00.000Z',
    ...overrides,
  };
}

/** A bot reply in a conversation that began with two customer mails (one with an attachment). */
function threadedReply(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  const base = buildOutboundMessage({
    messageId: 'msg_42',
    conversationId: 'cv_1',
    recipient: { address: 'maria@cliente.example' },
    content: { kind: 'text', text: 'Seu pedido <1234> sai hoje & chega amanhã.' },
    view: { createdAt: '2026-11-24T13:05:00.000Z' },
  });
  return {
    ...base,
    author: 'bot',
    thread: {
      recent: [
        view({ seq: 1, text: 'Meu pedido não chegou.', providerMessageId: '<c1@cliente.example>', createdAt: '2026-11-24T13:00:00.000Z' }),
        view({
          seq: 2,
          direction: 'outbound',
          author: 'bot',
          text: 'Qual o número do pedido?',
          providerMessageId: '<fio.msg_00@loja.example>',
          createdAt: '2026-11-24T13:01:00.000Z',
        }),
        view({ seq: 3, text: '1234', providerMessageId: '<c2@cliente.example>', createdAt: '2026-11-24T13:04:00.000Z' }),
      ],
      providerMessageIds: [
        '<c1@cliente.example>',
        '<fio.msg_00@loja.example>',
        '<c2@cliente.example>',
        '<c2@cliente.example>#part-1',
        'sha256:0000',
      ],
      inReplyToProviderMessageId: '<c2@cliente.example>#part-1',
      conversationToken: 'k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8',
      latestInboundRaw: { subject: 'Pedido 1234 atrasado' },
    },
    ...overrides,
  };
}

describe('sendMessage over SMTP', () => {
  let sink: SmtpSink;
  const channel = createEmailChannel();
  const ctxFor = (
    config: Record<string, unknown> = {},
    secrets: EmailSecrets = {},
    fetchFn: typeof fetch = () => Promise.reject(new Error('no fetch expected')),
  ): SendContext<EmailConfig, EmailSecrets> => ({
    ...buildEmailConnection(sink.port, config, secrets),
    fetch: fetchFn,
    now: () => new Date('2026-11-24T13:05:00Z'),
    realtime: { push: () => 0 },
  });

  before(async () => {
    sink = await startSmtpSink();
  });
  after(async () => {
    channel.closeConnections();
    await sink.close();
  });

  test('sends a threaded reply with exact headers, text and escaped HTML parts, and the thread quoted', async () => {
    const result = await channel.sendMessage(threadedReply(), ctxFor());
    assert.deepEqual(result, { providerMessageId: '<fio.msg_42@loja.example>', status: 'sent' });
    const sunk = sink.mails.at(-1);
    assert.ok(sunk);
    assert.equal(sunk.mailFrom, 'suporte@loja.example');
    assert.deepEqual(sunk.rcptTo, ['maria@cliente.example']);
    const mail = await simpleParser(sunk.raw);
    assert.equal(mail.messageId, '<fio.msg_42@loja.example>');
    assert.equal(mail.inReplyTo, '<c2@cliente.example>');
    assert.deepEqual(mail.references, ['<c1@cliente.example>', '<fio.msg_00@loja.example>', '<c2@cliente.example>']);
    assert.equal(mail.from?.text, '"Loja Exemplo" <suporte@loja.example>');
    assert.equal(mail.replyTo?.text, 'suporte+k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8@loja.example');
    assert.equal(mail.subject, 'Re: Pedido 1234 atrasado');
    assert.equal(mail.headers.get('auto-submitted'), 'auto-replied');
    assert.deepEqual(
      unfold(headerLine(mail, 'list-unsubscribe')),
      'List-Unsubscribe: <mailto:suporte+k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8@loja.example?subject=PARAR>',
    );
    assert.equal(headerLine(mail, 'x-auto-response-suppress'), 'X-Auto-Response-Suppress: All');
    assert.equal(
      mail.text,
      [
        'Seu pedido <1234> sai hoje & chega amanhã.',
        '',
        'Em 24 de nov. de 2026, 10:04, maria@cliente.example escreveu:',
        '> 1234',
        '',
        'Em 24 de nov. de 2026, 10:01, Loja Exemplo <suporte@loja.example> escreveu:',
        '> Qual o número do pedido?',
        '',
        'Em 24 de nov. de 2026, 10:00, maria@cliente.example escreveu:',
        '> Meu pedido não chegou.',
        '',
      ].join('\n'),
    );
    assert.ok(mail.html);
    assert.match(mail.html, /<div>Seu pedido &lt;1234&gt; sai hoje &amp; chega amanhã\.<\/div>/);
    assert.match(mail.html, /<blockquote type="cite"[^>]*>Meu pedido não chegou\.<\/blockquote>/);
    assert.doesNotMatch(mail.html, /<1234>/);
  });

  test('quotes in English and uses a neutral subject when the conversation began on another channel', async () => {
    const message = threadedReply({ author: 'agent' });
    assert.ok(message.thread);
    message.thread.latestInboundRaw = null;
    await channel.sendMessage(message, ctxFor({ locale: 'en', quoteRecent: 1, listUnsubscribe: false }));
    const mail = await simpleParser(sink.mails.at(-1)?.raw ?? Buffer.alloc(0));
    assert.equal(mail.subject, 'Your conversation with Loja Exemplo');
    assert.equal(mail.headers.get('auto-submitted'), undefined, 'a person wrote it');
    assert.equal(headerLine(mail, 'list-unsubscribe'), undefined);
    assert.match(mail.text ?? '', /\n\nOn Nov 24, 2026, 10:04 AM, maria@cliente\.example wrote:\n> 1234\n$/);
  });

  test('keeps "Re:" from doubling and renders options the server left as numbered lines', async () => {
    const message = threadedReply({
      content: {
        kind: 'text',
        text: 'Escolha:',
        quickReplies: [
          { id: 'a', label: 'Pedidos' },
          { id: 'b', label: 'Atendente' },
        ],
      },
    });
    assert.ok(message.thread);
    message.thread.latestInboundRaw = { subject: 'RE: Pedido' };
    await channel.sendMessage(message, ctxFor({ quoteRecent: 0 }));
    const mail = await simpleParser(sink.mails.at(-1)?.raw ?? Buffer.alloc(0));
    assert.equal(mail.subject, 'RE: Pedido');
    assert.equal(mail.text, 'Escolha:\n\n1. Pedidos\n2. Atendente\n');
  });

  test('attaches media fetched through the send context, its caption as the body', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000', 'hex');
    let fetched = '';
    const fetchFn: typeof fetch = async (input) => {
      fetched = input instanceof Request ? input.url : input.toString();
      return new Response(png, { status: 200, headers: { 'content-type': 'image/png' } });
    };
    const message = threadedReply({
      content: {
        kind: 'media',
        mediaType: 'image',
        url: 'https://fio.example/media/med_1?sig=x',
        mimeType: 'image/png',
        filename: 'nota.png',
        caption: 'Sua nota fiscal',
      },
    });
    await channel.sendMessage(message, ctxFor({ quoteRecent: 0 }, {}, fetchFn));
    assert.equal(fetched, 'https://fio.example/media/med_1?sig=x');
    const mail = await simpleParser(sink.mails.at(-1)?.raw ?? Buffer.alloc(0));
    assert.equal(mail.text, 'Sua nota fiscal\n');
    assert.deepEqual(
      mail.attachments.map((a) => [a.filename, a.contentType, a.content.toString('hex')]),
      [['nota.png', 'image/png', png.toString('hex')]],
    );
  });

  test('refuses content e-mail cannot carry', async () => {
    const message = threadedReply({ content: { kind: 'location', latitude: -23.5, longitude: -46.6 } });
    await assert.rejects(
      channel.sendMessage(message, ctxFor()),
      (e) => e instanceof ChannelError && e.code === 'unsupported_content' && !e.retryable,
    );
  });

  test('maps a 451 to a retryable error, a 550 at RCPT TO to recipient_unreachable, a 554 to rejected', async () => {
    sink.failNext('data', 451, '4.7.1 Greylisted, try again later');
    await assert.rejects(channel.sendMessage(threadedReply(), ctxFor()), (e) => {
      assert.ok(e instanceof ChannelError);
      assert.deepEqual([e.code, e.retryable, e.providerCode], ['provider_unavailable', true, '451']);
      assert.match(e.message, /Greylisted/);
      return true;
    });
    sink.failNext('rcpt', 550, '5.1.1 <maria@cliente.example>: user unknown');
    await assert.rejects(channel.sendMessage(threadedReply(), ctxFor()), (e) => {
      assert.ok(e instanceof ChannelError);
      assert.deepEqual([e.code, e.retryable, e.providerCode], ['recipient_unreachable', false, '550']);
      assert.match(e.message, /user unknown/);
      return true;
    });
    sink.failNext('data', 554, '5.7.1 Message rejected as spam');
    await assert.rejects(
      channel.sendMessage(threadedReply(), ctxFor()),
      (e) => e instanceof ChannelError && e.code === 'rejected' && !e.retryable,
    );
    // The pool recovers: the next mail goes through.
    const before = sink.mails.length;
    await channel.sendMessage(threadedReply(), ctxFor());
    assert.equal(sink.mails.length, before + 1);
  });

  test('maps a refused connection to a retryable network error and bad credentials to unauthorized', async () => {
    const closed = await startSmtpSink();
    await closed.close();
    const refused = { ...ctxFor(), config: buildEmailConnection(closed.port).config, connectionId: 'conn_refused' };
    await assert.rejects(
      channel.sendMessage(threadedReply(), refused),
      (e) => e instanceof ChannelError && e.code === 'network_error' && e.retryable,
    );

    const authSink = await startSmtpSink({ auth: { user: 'fio', pass: 'right' } });
    try {
      const wrong = {
        ...ctxFor(),
        ...buildEmailConnection(
          authSink.port,
          { smtp: { host: '127.0.0.1', port: authSink.port, user: 'fio', timeoutMs: 5000 } },
          { smtpPassword: 'wrong' },
        ),
        connectionId: 'conn_auth',
      };
      await assert.rejects(
        channel.sendMessage(threadedReply(), wrong),
        (e) => e instanceof ChannelError && e.code === 'unauthorized' && !e.retryable,
      );
      const right = { ...wrong, secrets: { smtpPassword: 'right' } };
      await channel.sendMessage(threadedReply(), right);
      assert.equal(authSink.mails.length, 1, 'a changed password gets a fresh transport');
    } finally {
      await authSink.close();
    }
  });
});
