import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { toInboundEvents } from '../src/inbound/to-inbound-events.ts';
import {
  defaultParseOptions,
  messages,
  onlyText,
  parseFixture,
  sharedFixturesDir,
  statuses,
  type ParsedOk,
} from './support/parse-fixture.ts';

const skip = existsSync(sharedFixturesDir) ? false : 'needs ../shared/data/channel-fixtures (absent in a fresh clone)';

/** Every shared .eml and what it must give: one specific expectation per file. */
const expectations: Record<string, (parsed: ParsedOk) => void> = {
  'chatwoot/multiple_in_reply_to.eml': ({ events }) => {
    const { event, text } = onlyText(events);
    assert.equal(text, "Let's talk about these images");
    assert.equal(event.sender.address, 'sony@chatwoot.com');
    assert.equal(event.sender.displayName, 'Sony Mathew');
    // Two ids folded in In-Reply-To: the first is the parent, all are threading evidence.
    assert.equal(event.replyToProviderMessageId, '<4e6e35f5a38b4_479f13bb90078171@small-app-01.mail>');
    assert.deepEqual(event.thread?.references, [
      '<4e6e35f5a38b4_479f13bb90078178@small-app-01.mail>',
      '<4e6e35f5a38b4_479f13bb90078171@small-app-01.mail>',
      '<4e6e35f5a38b4_479f13bb90078131@small-app-01.mail>',
    ]);
  },
  'chatwoot/non_utf_encoded_mail.eml': ({ events, automatic }) => {
    // Auto-Submitted: auto-replied and Precedence: bulk — kept for agents, never answered by the bot.
    assert.equal(automatic, 'auto_reply');
    assert.ok(events.length > 0);
    for (const event of events) assert.equal(event.type === 'message' && event.automated, true);
  },
  'chatwoot/references.eml': ({ events }) => {
    const { event, text } = onlyText(events);
    assert.equal(text, 'References Email');
    assert.equal(event.providerMessageId, '<0CB459E0-0336-41DA-BC88-E6E28C697DDBF@chatwoot.com>');
    // "<test-in-reply-to>" has no @: no Message-ID of ours could ever match it.
    assert.deepEqual(event.thread?.references, ['<4e6e35f5a38b4_479f13bb90078178@small-app-01.mail>']);
  },
  'mikel-mail/attachment_emails/attachment_nonascii_filename.eml': ({ events, attachments }) => {
    const [text, file] = messages(events);
    assert.deepEqual(text?.content, { kind: 'text', text: 'This is the first part.' });
    assert.deepEqual(file?.content, {
      kind: 'media',
      mediaType: 'file',
      url: 'attachment:part-1',
      mimeType: 'text/plain',
      filename: 'ciële.txt',
      sizeBytes: 11,
    });
    assert.equal(file?.providerMessageId, '<9169D984-4E0B-45EF-82D4-8F5E53AD7012@example.com>#part-1');
    assert.equal(attachments['part-1']?.filename, 'ciële.txt');
  },
  'mikel-mail/attachment_emails/attachment_with_encoded_name.eml': ({ events, attachments }) => {
    const [text, audio] = messages(events);
    assert.match(text?.content.kind === 'text' ? text.content.text : '', /^We should not include these files or vcards as attachments\./);
    assert.equal(audio?.content.kind === 'media' ? audio.content.mediaType : '', 'audio');
    assert.equal(audio?.content.kind === 'media' ? audio.content.filename : '', '01 Quien Te Dijat. Pitbull.mp3');
    assert.equal(attachments['part-1']?.mimeType, 'audio/mpeg');
    assert.equal(attachments['part-1']?.body.byteLength, 399);
  },
  'mikel-mail/error_emails/content_transfer_encoding_with_8bits.eml': ({ events }) => {
    // HTML only, raw 8-bit ISO-8859-1: shown as text converted from the HTML; the HTML kept in raw.
    const { event, text } = onlyText(events);
    assert.match(text, /December 04, 2001/);
    assert.doesNotMatch(text, /<(p|td|table|font)\b/i);
    assert.equal(event.sender.address, 'announcements@provantage.com');
    const raw = event.raw;
    assert.ok(typeof raw === 'object' && raw !== null && 'html' in raw && typeof raw.html === 'string' && raw.html.includes('<'));
  },
  'mikel-mail/error_emails/empty_in_reply_to.eml': ({ events }) => {
    // No body at all: the subject is the message; an empty In-Reply-To is no reply.
    const { event, text } = onlyText(events);
    assert.equal(text, 'illegal copy of our patient education software');
    assert.equal(event.replyToProviderMessageId, undefined);
    assert.deepEqual(event.thread?.references, []);
  },
  'mikel-mail/error_emails/encoding_madness.eml': ({ events }) => {
    const { event, text } = onlyText(events);
    assert.equal(text, 'Body Text');
    assert.equal(event.sender.address, 'no-reply@crm.el-example.org');
  },
  'mikel-mail/error_emails/multiple_references_with_one_invalid.eml': ({ events }) => {
    const { event, text } = onlyText(events);
    assert.equal(text, 'foo');
    assert.deepEqual(event.thread?.references, ['<foo@bar.net>', '<baz@bar.net>']);
    assert.equal(event.sentAt, undefined, 'the mail has no Date header');
  },
  'mikel-mail/mime_emails/raw_email2.eml': ({ events }) => {
    // multipart/signed: the S/MIME signature blob is transport, not an attachment for agents.
    const { event } = onlyText(events);
    assert.equal(event.providerMessageId, '<e85734b90505081209eaaa17b@mail.gmail.com>');
    assert.equal(event.replyToProviderMessageId, '<F6E2D0B4-CC35-4A91-BA4C-C7C712B10C13@mac.com>');
  },
  'mikel-mail/mime_emails/raw_email4.eml': ({ events }) => {
    // "--" signature (the operator's MMS footer) cut from what is shown.
    assert.equal(onlyText(events).text, 'Some text');
  },
  'mikel-mail/mime_emails/raw_email7.eml': ({ events }) => {
    const parts = messages(events).map((e) => (e.content.kind === 'media' ? [e.content.filename, e.content.mimeType] : [e.content.kind]));
    assert.deepEqual(parts, [['text'], ['test.rb', 'text/x-ruby-script'], ['test.pdf', 'application/pdf']]);
    assert.equal(new Set(events.map((e) => e.providerMessageId)).size, 3, 'distinct dedupe keys');
  },
  'mikel-mail/mime_emails/raw_email_with_nested_attachment.eml': ({ events }) => {
    const [text, image] = messages(events);
    assert.equal(text?.content.kind === 'text' ? text.content.text : '', 'Here is a test of an attachment via email.\n\n- Jamis');
    assert.equal(image?.content.kind === 'media' ? `${image.content.mediaType} ${image.content.filename}` : '', 'image truncated.png');
  },
  'mikel-mail/multi_charset/japanese.eml': ({ events }) => {
    const { event, text } = onlyText(events);
    assert.equal(text, 'かきくえこ', 'UTF-8 body decoded, "-- " signature cut');
    assert.match(event.providerMessageId, /^sha256:[0-9a-f]{64}$/, 'no Message-ID: a hash of the raw message');
  },
  'mikel-mail/multi_charset/japanese_attachment.eml': ({ events }) => {
    const [, file] = messages(events);
    assert.equal(file?.content.kind === 'media' ? file.content.filename : '', 'てすと.txt');
  },
  'mikel-mail/multi_charset/japanese_attachment_long_name.eml': ({ events }) => {
    // No text part: the attachment event carries the Message-ID itself.
    const [file, ...rest] = messages(events);
    assert.equal(rest.length, 0);
    assert.equal(file?.providerMessageId, '<60A112A8-F26C-4E23-95B8-4EB9F139D6A0@test.lindsaar.net>');
    assert.equal(file?.content.kind === 'media' ? file.content.filename : '', 'かきくけこかきくけこかきくけこかきくけこかきくけこ.txt');
  },
  'mikel-mail/multi_charset/japanese_iso_2022.eml': ({ events }) => {
    assert.equal(onlyText(events).text, 'すみません。');
  },
  'mikel-mail/multi_charset/japanese_shift_jis.eml': ({ events }) => {
    assert.equal(onlyText(events).text, 'あいうえお\n\nこのメールはテスト用のメールです。\n\n今後ともよろしくお願い申し上げます！');
  },
  'mikel-mail/multi_charset/ks_c_5601-1987.eml': ({ events }) => {
    assert.equal(onlyText(events).text, '스티해');
  },
  'mikel-mail/multipart_report_emails/report_530.eml': ({ events, automatic }) => {
    // A bounce of a mail we sent: the returned mail's Message-ID is marked failed with the reason.
    assert.equal(automatic, 'delivery_report');
    assert.deepEqual(statuses(events), [
      {
        type: 'status',
        providerMessageId: '<200712232303.lBNN3jDq002941@mail12.rrrr.com.au>',
        status: 'failed',
        error: { code: '5.3.0', message: 'SMTP; 553 5.3.0 <edwin@zzzzzzz.com>... Unknown E-Mail Address' },
        at: '2007-12-23T23:03:53.000Z',
      },
    ]);
    assert.equal(messages(events).length, 0);
  },
  'mikel-mail/plain_emails/raw_email.eml': ({ events }) => {
    const { event, text } = onlyText(events);
    assert.equal(text, '대부분의 마찬가지로, 우리는 하나님을 믿습니다.\n\n제 이름은 Jamis입니다.');
    assert.ok(typeof event.raw === 'object' && event.raw !== null && 'subject' in event.raw);
    assert.equal(event.raw.subject, 'NOTE: 한국말로 하는 것');
  },
  'mikel-mail/plain_emails/raw_email8.eml': ({ events }) => {
    assert.deepEqual(
      messages(events).map((e) => e.providerMessageId),
      ['<e85734b90505081209eaaa17b@mail.gmail.com>', '<e85734b90505081209eaaa17b@mail.gmail.com>#part-1'],
    );
  },
  'mikel-mail/plain_emails/raw_email_bad_time.eml': ({ events }) => {
    const { event, text } = onlyText(events);
    assert.equal(event.sentAt, undefined, 'a Date in the year 3609 is not a sending time');
    assert.equal(event.sender.displayName, 'Атиковa');
    assert.match(text, /^Filter2: This message has been scanned for viruses/);
  },
  'mikel-mail/plain_emails/raw_email_reply.eml': ({ events }) => {
    const { event, text } = onlyText(events);
    assert.equal(text, 'Message body');
    assert.equal(event.replyToProviderMessageId, '<348F04F142D69C21-291E56D292BC@xxxx.net>');
    assert.deepEqual(event.thread?.references, ['<473FF3B8.9020707@xxx.org>', '<348F04F142D69C21-291E56D292BC@xxxx.net>']);
  },
  'mikel-mail/rfc2822/example05.eml': ({ events }) => {
    const { event, text } = onlyText(events);
    assert.equal(text, 'This is a message just to say hello.\nSo, "Hello".');
    assert.equal(event.providerMessageId, '<1234@local.machine.example>');
    assert.equal(event.sentAt, '1997-11-21T15:55:06.000Z');
  },
  'mikel-mail/rfc2822/example06.eml': ({ events }) => {
    const { event } = onlyText(events);
    assert.equal(event.sender.address, 'mary@example.net');
    assert.equal(event.replyToProviderMessageId, '<1234@local.machine.example>');
    assert.deepEqual(event.thread?.references, ['<1234@local.machine.example>']);
  },
  'mikel-mail/rfc2822/example07.eml': ({ events }) => {
    const { event } = onlyText(events);
    assert.equal(event.replyToProviderMessageId, '<3456@example.net>');
    assert.deepEqual(event.thread?.references, ['<1234@local.machine.example>', '<3456@example.net>']);
  },
  'mikel-mail/rfc2822/example14.eml': ({ events }) => {
    const { event, text } = onlyText(events);
    assert.equal(text, 'Hello');
    assert.equal(event.sender.displayName, 'Atsushi Yoshida');
  },
  'mikel-mail/rfc6532/utf8_headers.eml': ({ events }) => {
    const { event } = onlyText(events);
    assert.equal(event.sender.address, 'jdöe@mächine.example');
    assert.deepEqual(event.sender.identities, [{ kind: 'email', value: 'jdöe@mächine.example', verified: false }]);
  },
  'nodemailer-mailparser/base64encodedroot.eml': ({ events, attachments }) => {
    const [image, ...rest] = messages(events);
    assert.equal(rest.length, 0);
    assert.deepEqual(image?.content, {
      kind: 'media',
      mediaType: 'image',
      url: 'attachment:part-1',
      mimeType: 'image/png',
      filename: 'screenshot.png',
      sizeBytes: 425,
    });
    assert.deepEqual([...(attachments['part-1']?.body.subarray(0, 4) ?? [])], [0x89, 0x50, 0x4e, 0x47], 'PNG bytes decoded');
  },
  'nodemailer-mailparser/delivery-status.eml': ({ events }) => {
    const [status] = statuses(events);
    assert.equal(status?.providerMessageId, '<xxxxx@email.amazonses.com>');
    assert.equal(status?.status, 'failed');
    assert.equal(status?.error?.code, '5.1.1');
    assert.match(status?.error?.message ?? '', /suppression list/);
  },
  'nodemailer-mailparser/nested.eml': ({ events }) => {
    const { text } = onlyText(events);
    assert.match(text, /^Dear Sir,\n\nGood evening\./);
    assert.match(text, /The footer$/);
  },
  'nodemailer-mailparser/simple.eml': ({ events }) => {
    const { event, text } = onlyText(events);
    assert.equal(text, 'Hello world!');
    assert.equal(event.sender.address, 'andris@kreata.ee');
  },
};

/** Files refused, with the reason they must give. */
const refusals: Record<string, RegExp> = {
  // No From header at all: there is nobody to answer (through the listener the envelope sender is used).
  'nodemailer-mailparser/mixed.eml': /no From address/,
};

function listEml(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listEml(path) : name.endsWith('.eml') ? [path] : [];
  });
}

describe('every shared e-mail fixture', { skip }, () => {
  const files = skip ? [] : listEml(sharedFixturesDir).map((p) => relative(sharedFixturesDir, p));

  test('has an expectation for each file in the folder, and each expectation has its file', () => {
    assert.deepEqual([...files].sort(), [...Object.keys(expectations), ...Object.keys(refusals)].sort());
  });

  for (const [file, expect] of Object.entries(expectations)) {
    test(`parses ${file}`, async () => {
      expect(await parseFixture(join(sharedFixturesDir, file)));
    });
  }

  for (const [file, reason] of Object.entries(refusals)) {
    test(`refuses ${file}`, async () => {
      const result = await toInboundEvents(readFileSync(join(sharedFixturesDir, file)), defaultParseOptions);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.reason, reason);
    });
  }

  test('parses the same message to the same events twice (pure: dedupe keys are stable)', async () => {
    const file = join(sharedFixturesDir, 'mikel-mail/multi_charset/japanese.eml');
    const [a, b] = await Promise.all([parseFixture(file), parseFixture(file)]);
    assert.deepEqual(a.events, b.events);
  });

  test('uses the envelope sender for a mail without From that came through the listener', async () => {
    const parsed = await parseFixture(join(sharedFixturesDir, 'nodemailer-mailparser/mixed.eml'), {
      envelope: { mailFrom: 'Scanner@Example.com', rcptTo: ['suporte@loja.example'] },
    });
    const { event, text } = onlyText(parsed.events);
    assert.equal(event.sender.address, 'scanner@example.com');
    assert.match(text, /Good Morning;/);
  });
});
