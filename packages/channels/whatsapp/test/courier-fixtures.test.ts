import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedFixturesDir, skipShared } from './fixtures/build-whatsapp-request.ts';
import { message, messages, noEvents, parseBody, refused, status, type Expectation } from './fixtures/expect-events.ts';

// nyaruka/courier's WhatsApp Cloud API test payloads (AGPL-3.0, read at test time, never copied).
// Their sender is the placeholder wa_id "5678", which is no phone number (Fio's phone identities are
// E.164, 8 to 15 digits): such a message is refused as sent, and its kind is asserted on the same
// payload with a realistic Rwandan number in place of the placeholder.
const placeholder = '"5678"';
const realistic = '250788123456';
const kerry = { address: realistic, displayName: 'Kerry Fisher', identities: [['phone', `+${realistic}`]] as [string, string][] };
const refusedPlaceholder = refused(/from: "5678" is neither a phone number \(8-15 digits\) nor a business-scoped user id/);
const sentAt = '2016-01-30T01:57:09.000Z';

interface CourierCase {
  /** The file exactly as courier ships it. */
  verbatim: Expectation;
  /** With the placeholder sender replaced, when it matters. */
  withRealisticNumber?: Expectation;
}
const placeholderSender = (expectation: Expectation): CourierCase => ({ verbatim: refusedPlaceholder, withRealisticNumber: expectation });

const cases: Record<string, CourierCase> = {
  'hello.json': placeholderSender(message({ kind: 'text', text: 'Hello World' }, kerry, { id: 'external_id', sentAt, raw: false })),
  'audio.json': placeholderSender(
    message(
      { kind: 'media', mediaType: 'audio', url: 'whatsapp-media:id_audio', mimeType: 'image/jpeg', caption: 'Check out my new phone!' },
      kerry,
    ),
  ),
  'image.json': placeholderSender(
    message(
      { kind: 'media', mediaType: 'image', url: 'whatsapp-media:id_image', mimeType: 'image/jpeg', caption: 'Check out my new phone!' },
      kerry,
    ),
  ),
  'video.json': placeholderSender(
    message(
      { kind: 'media', mediaType: 'video', url: 'whatsapp-media:id_video', mimeType: 'image/jpeg', caption: 'Check out my new phone!' },
      kerry,
    ),
  ),
  'voice.json': placeholderSender(
    message({ kind: 'media', mediaType: 'audio', url: 'whatsapp-media:id_voice', mimeType: 'audio/ogg; codecs=opus' }, kerry),
  ),
  'document.json': placeholderSender(
    message(
      {
        kind: 'media',
        mediaType: 'file',
        url: 'whatsapp-media:id_document',
        mimeType: 'application/pdf',
        caption: '80skaraokesonglistartist',
      },
      kerry,
    ),
  ),
  'location.json': placeholderSender(
    message(
      { kind: 'location', latitude: 0, longitude: 1, name: 'Main Street Beach', address: 'Main Street Beach, Santa Cruz, CA' },
      kerry,
    ),
  ),
  'button.json': placeholderSender(
    message({ kind: 'text', text: 'No', payload: 'No-Button-Payload' }, kerry, { replyTo: 'gBGGFmkiWVVPAgkgQkwi7IORac0' }),
  ),
  'button_reply.json': placeholderSender(message({ kind: 'text', text: 'Yes', payload: 'id_button_reply' }, kerry)),
  'list_reply.json': placeholderSender(message({ kind: 'text', text: 'Yes', payload: 'id_list_reply' }, kerry)),
  // A WhatsApp Flow's answers: the text the customer saw, the response JSON kept in raw.
  'nfm_reply.json': placeholderSender(message({ kind: 'text', text: 'Sent' }, kerry, { raw: true })),
  'nfm_reply_non_object.json': placeholderSender(message({ kind: 'text', text: 'Sent' }, kerry, { raw: true })),
  'error_msg.json': placeholderSender(
    message({ kind: 'unsupported', placeholder: '[unsupported message]', providerKind: 'unsupported' }, kerry, { raw: true }),
  ),
  // The same message twice in one body is recorded once.
  'duplicate.json': placeholderSender((result) => {
    const events = messages(result);
    assert.equal(events.length, 1);
    assert.deepEqual(events[0]?.content, { kind: 'text', text: 'Hello World' });
  }),
  // Fio serves one-to-one conversations: group messages are not recorded (a reply would go private).
  'group_message.json': { verbatim: noEvents, withRealisticNumber: noEvents },
  'hello_user_id.json': placeholderSender(
    message(
      { kind: 'text', text: 'Hello World' },
      {
        ...kerry,
        identities: [
          ['whatsapp_bsuid', 'US.1234'],
          ['phone', `+${realistic}`],
        ],
      },
    ),
  ),
  // "foo_bar" is no business-scoped user id: ignored, the phone still identifies the sender.
  'hello_invalid_user_id.json': placeholderSender(message({ kind: 'text', text: 'Hello World' }, kerry)),
  // Senders who hide their number: the BSUID is the address and the identity.
  'hello_from_bsuid.json': {
    verbatim: message(
      { kind: 'text', text: 'Hello World' },
      {
        address: 'US.1234',
        displayName: 'Kerry Fisher',
        identities: [
          ['whatsapp_bsuid', 'US.1234'],
          ['whatsapp_bsuid', 'US.ENT.5678'],
        ],
      },
    ),
  },
  'hello_bsuid_in_from.json': {
    verbatim: message(
      { kind: 'text', text: 'Hello World' },
      { address: 'US.1234', displayName: 'Kerry Fisher', identities: [['whatsapp_bsuid', 'US.1234']] },
    ),
  },
  'no_from.json': { verbatim: refused(/messages\.0: the message names no sender/) },
  'invalid_from.json': { verbatim: refused(/messages\.0\.from: "bla" is neither a phone number/) },
  'invalid_timestamp.json': { verbatim: refused(/messages\.0\.timestamp: timestamp must be unix seconds/) },
  'valid_status.json': { verbatim: status('external_id', 'sent') },
  'error_status.json': {
    verbatim: status('external_id', 'failed', {
      code: '131014',
      message: 'Request for url https://URL.jpg failed with error: 404 (Not Found)',
    }),
  },
  // "deleted" and unknown statuses are skipped rather than refused (Meta would retry for days).
  'ignore_status.json': { verbatim: noEvents },
  'invalid_status.json': { verbatim: noEvents },
  // A webhook-level error with no message or status in it.
  'error_errors.json': { verbatim: noEvents },
};

describe('nyaruka/courier webhook fixtures', { skip: skipShared }, () => {
  const dir = join(sharedFixturesDir, 'nyaruka-courier');
  const files = skipShared ? [] : readdirSync(dir).filter((file) => file.endsWith('.json'));

  test('every file has its canonical result asserted', () => {
    assert.equal(files.length, 27);
    assert.deepEqual(
      files.filter((file) => !(file in cases)),
      [],
    );
  });

  for (const file of files.sort()) {
    test(`parses ${file}`, () => {
      const expected = cases[file];
      assert.ok(expected, `no expectation for ${file}`);
      const body = readFileSync(join(dir, file), 'utf8');
      expected.verbatim(parseBody(body));
      if (expected.withRealisticNumber) {
        assert.ok(body.includes(placeholder), `${file} has no placeholder sender`);
        expected.withRealisticNumber(parseBody(body.replaceAll(placeholder, `"${realistic}"`)));
      }
    });
  }
});
