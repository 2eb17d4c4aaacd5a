import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { toInboundEvents } from '../src/inbound/to-inbound-events.ts';
import { defaultParseOptions, messages, onlyText, ownFixturesDir, parseFixture } from './support/parse-fixture.ts';

// Our own fixtures (test/fixtures), written from RFC 5322/2045/2047 and real clients' habits: the
// shared datasets hold no Portuguese mail.
describe('toInboundEvents on our pt/es fixtures', () => {
  test('decodes an ISO-8859-1 Portuguese reply, cuts quote and signature, reads the token and threading ids', async () => {
    const parsed = await parseFixture(join(ownFixturesDir, 'pt-iso-8859-1-reply.eml'));
    const { event, text } = onlyText(parsed.events);
    assert.equal(text, 'Olá, a entrega ainda não chegou. Vocês podem verificar a situação?\nObrigada, Conceição');
    assert.equal(event.sender.address, 'maria.souza@example.com.br');
    assert.equal(event.sender.displayName, 'Maria José Souza');
    assert.equal(event.providerMessageId, '<CAF=maria.001@mail.example.com.br>');
    assert.equal(event.replyToProviderMessageId, '<fio.msg_01@loja.example>');
    assert.deepEqual(event.thread, {
      references: ['<CAF=maria.000@mail.example.com.br>', '<fio.msg_01@loja.example>'],
      conversationToken: '9f8e7d6c5b4a3928171615141312111a2b3c4d5e6f',
    });
    assert.equal(event.sentAt, '2026-11-24T13:15:00.000Z');
    const raw = event.raw;
    assert.ok(typeof raw === 'object' && raw !== null && 'subject' in raw && 'text' in raw && 'trimmed' in raw);
    assert.equal(raw.subject, 'Re: Seu pedido nº 1234');
    assert.equal(raw.trimmed, true);
    assert.match(String(raw.text), /> Olá! Seu pedido nº 1234 saiu para entrega\./, 'the full original is kept');
  });

  test('leaves the From unverified unless a trusted MTA says DMARC passed', async () => {
    const file = join(ownFixturesDir, 'pt-iso-8859-1-reply.eml');
    const untrusted = onlyText((await parseFixture(file)).events).event;
    assert.equal(untrusted.sender.identities[0]?.verified, false, 'no trusted authserv-id configured');
    const other = onlyText((await parseFixture(file, { trustedAuthServIds: ['mx.other.example'] })).events).event;
    assert.equal(other.sender.identities[0]?.verified, false, 'a header from an MTA we do not trust proves nothing');
    const trusted = onlyText((await parseFixture(file, { trustedAuthServIds: ['MX.loja.example'] })).events).event;
    assert.deepEqual(trusted.sender.identities, [{ kind: 'email', value: 'maria.souza@example.com.br', verified: true }]);
  });

  test('does not trust an Authentication-Results pass for another domain than the From, nor one in a comment', async () => {
    const forged = [
      'Authentication-Results: mx.loja.example; dkim=pass header.d=attacker.example; dmarc=fail header.from=banco.example',
      'Authentication-Results: mx.loja.example; spf=fail (dkim=pass header.d=banco.example) smtp.mailfrom=x@attacker.example',
      'From: Banco <atendimento@banco.example>',
      'To: suporte@loja.example',
      'Subject: oi',
      'Message-ID: <forged@attacker.example>',
      '',
      'Transfira agora.',
    ].join('\r\n');
    const result = await toInboundEvents(Buffer.from(forged), { ...defaultParseOptions, trustedAuthServIds: ['mx.loja.example'] });
    assert.ok(result.ok);
    assert.equal(onlyText(result.events).event.sender.identities[0]?.verified, false);
  });

  test('converts windows-1252 HTML-only Outlook mail to text and cuts its "De:/Enviado:" block', async () => {
    const parsed = await parseFixture(join(ownFixturesDir, 'pt-windows-1252-outlook-html.eml'));
    const { event, text } = onlyText(parsed.events);
    assert.equal(event.sender.displayName, 'João Pereira');
    assert.match(text, /Gostaria de um orçamento para 10 unidades – preço em € ou R\$\. “Urgente”\./);
    assert.match(text, /Atenciosamente,\nJoão/);
    assert.doesNotMatch(text, /Segue o catálogo|Assunto:/);
    assert.ok(typeof event.raw === 'object' && event.raw !== null && 'subject' in event.raw);
    assert.equal(event.raw.subject, 'Cotação – orçamento');
  });

  test('keeps a Portuguese out-of-office reply (Auto-Submitted) for agents, marked automated so the bot never answers a robot', async () => {
    const parsed = await parseFixture(join(ownFixturesDir, 'pt-auto-reply.eml'));
    assert.equal(parsed.automatic, 'auto_reply');
    const [only, ...rest] = messages(parsed.events);
    assert.equal(rest.length, 0);
    assert.equal(only?.automated, true);
    assert.equal(only?.content.kind, 'text');
  });

  test('makes one event for the text and one per attachment, the cid inline image included', async () => {
    const parsed = await parseFixture(join(ownFixturesDir, 'es-inline-image-and-pdf.eml'));
    const [text, logo, pdf, ...rest] = messages(parsed.events);
    assert.equal(rest.length, 0);
    assert.deepEqual(text?.content, { kind: 'text', text: 'Adjunto la factura. Mi logo abajo.' });
    assert.equal(text?.providerMessageId, '<es.456@cliente.example>');
    assert.equal(text?.partOf, undefined);
    assert.equal(logo?.partOf, '<es.456@cliente.example>', 'attachments are parts of the mail: answered once');
    assert.equal(pdf?.partOf, '<es.456@cliente.example>');
    assert.deepEqual(logo?.content, {
      kind: 'media',
      mediaType: 'image',
      url: 'attachment:part-1',
      mimeType: 'image/png',
      filename: 'logo.png',
      sizeBytes: 70,
    });
    assert.equal(logo?.providerMessageId, '<es.456@cliente.example>#part-1');
    assert.equal(pdf?.content.kind === 'media' ? `${pdf.content.url} ${pdf.content.filename}` : '', 'attachment:part-2 factura-2026.pdf');
    assert.equal(pdf?.providerMessageId, '<es.456@cliente.example>#part-2');
    assert.equal(parsed.attachments['part-2']?.body.subarray(0, 5).toString(), '%PDF-');
    assert.equal(text?.thread?.conversationToken, undefined, 'no plus-address among the recipients');
  });

  test('finds the conversation token in a Bcc recipient known only from the SMTP envelope', async () => {
    const mail = 'From: a@b.example\r\nTo: someone@else.example\r\nSubject: x\r\nMessage-ID: <1@b.example>\r\n\r\nOi';
    const result = await toInboundEvents(Buffer.from(mail), {
      ...defaultParseOptions,
      envelope: { mailFrom: 'a@b.example', rcptTo: ['Suporte+AbC123@Loja.Example'] },
    });
    assert.ok(result.ok);
    assert.equal(onlyText(result.events).event.thread?.conversationToken, 'abc123');
  });

  test('cuts the gmail_quote of an HTML-only reply once converted to text', async () => {
    const html =
      '<div dir="ltr">Obrigado, recebi!</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">Em ter., 24 de nov. de 2026 às 10:04, ' +
      'Loja Exemplo &lt;<a href="mailto:suporte@loja.example">suporte@loja.example</a>&gt; escreveu:<br></div>' +
      '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex"><div>Seu pedido saiu.</div></blockquote></div>';
    const raw = `From: a@b.example\r\nTo: suporte@loja.example\r\nMessage-ID: <h@b.example>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}`;
    const result = await toInboundEvents(Buffer.from(raw), defaultParseOptions);
    assert.ok(result.ok);
    assert.equal(onlyText(result.events).text, 'Obrigado, recebi!');
  });

  test("takes the customer's language from Content-Language, and ignores a malformed one", async () => {
    const mail = (language: string) =>
      Buffer.from(
        `From: a@b.example\r\nTo: suporte@loja.example\r\nContent-Language: ${language}\r\nMessage-ID: <l@b.example>\r\n\r\nHola`,
      );
    const es = await toInboundEvents(mail('es-AR'), defaultParseOptions);
    assert.ok(es.ok);
    assert.equal(onlyText(es.events).event.sender.locale, 'es-AR');
    const junk = await toInboundEvents(mail('<script>'), defaultParseOptions);
    assert.ok(junk.ok);
    assert.equal(onlyText(junk.events).event.sender.locale, undefined);
  });

  test('refuses an empty message and a body that is not mail, without throwing', async () => {
    for (const body of [Buffer.alloc(0), Buffer.from('\u0000\u0001garbage'), Buffer.from('{"type":"message"}')]) {
      const result = await toInboundEvents(body, defaultParseOptions);
      assert.equal(result.ok, false, `accepted ${JSON.stringify(body.toString())}`);
      if (!result.ok) assert.ok(result.reason.length > 0);
    }
  });
});
