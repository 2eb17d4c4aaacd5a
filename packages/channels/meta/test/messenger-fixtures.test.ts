import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { InboundEvent, InboundMessageEvent } from '@fio/contracts';
import { messengerChannel } from '../src/index.ts';
import { envelope, messengerConnection, signedRequest } from './fixtures/build-meta-request.ts';
import { listFixtureFiles, readFixture, sharedFixturesSkip } from './fixtures/read-shared-fixtures.ts';

const folder = 'messenger';
const skip = sharedFixturesSkip(folder);
const ctx = messengerConnection();
const psid = { kind: 'messenger_psid', value: '5678', verified: true };

function parse(body: Buffer) {
  const request = signedRequest(body);
  assert.deepEqual(messengerChannel.webhook?.verifyRequest(request, ctx), { ok: true });
  const result = messengerChannel.webhook?.toInboundEvents(request, ctx);
  assert.ok(result);
  return result;
}

function events(body: Buffer): InboundEvent[] {
  const result = parse(body);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.events;
}

function onlyMessage(body: Buffer): InboundMessageEvent {
  const all = events(body);
  assert.equal(all.length, 1, JSON.stringify(all));
  const event = all[0];
  assert.ok(event?.type === 'message');
  assert.equal(event.sender.address, '5678');
  assert.deepEqual(event.sender.identities, [psid]);
  return event;
}

/** The canonical result of each courier capture; a new file in the folder fails until it is listed. */
const expectations: Record<string, (body: Buffer) => void> = {
  'nyaruka-courier/hello_msg.json': (body) => {
    const event = onlyMessage(body);
    assert.equal(event.providerMessageId, 'external_id');
    assert.deepEqual(event.content, { kind: 'text', text: 'Hello World' });
    assert.equal(event.sentAt, '2016-04-07T01:11:27.970Z');
  },
  'nyaruka-courier/duplicate_msg.json': (body) => {
    // Both entries carry the same mid: the server's dedupe keeps one.
    const all = events(body);
    assert.deepEqual(
      all.map((e) => e.providerMessageId),
      ['external_id', 'external_id'],
    );
  },
  'nyaruka-courier/attachment.json': (body) => {
    const event = onlyMessage(body);
    assert.deepEqual(event.content, { kind: 'media', mediaType: 'image', url: 'https://image-url/foo.png' });
  },
  'nyaruka-courier/location_attachment.json': (body) => {
    assert.deepEqual(onlyMessage(body).content, { kind: 'location', latitude: 1.2, longitude: -1.3 });
  },
  'nyaruka-courier/fallback.json': (body) => {
    const event = onlyMessage(body);
    assert.deepEqual(event.content, {
      kind: 'unsupported',
      placeholder: '[shared link: Foo My Documents/foo.doc]',
      providerKind: 'fallback',
    });
    assert.ok(event.raw, 'the provider payload is kept');
  },
  'nyaruka-courier/reel.json': (body) => {
    const event = onlyMessage(body);
    assert.deepEqual(event.content, { kind: 'unsupported', placeholder: '[reel]', providerKind: 'ig_reel' });
    assert.ok(event.raw);
  },
  'nyaruka-courier/thumbs_up.json': (body) => {
    const event = onlyMessage(body);
    assert.deepEqual(event.content, { kind: 'unsupported', placeholder: '[like 👍]', providerKind: 'sticker' });
    assert.ok(event.raw);
  },
  'nyaruka-courier/echo.json': (body) => assert.deepEqual(events(body), []),
  'nyaruka-courier/dlr.json': (body) => {
    assert.deepEqual(events(body), [
      { type: 'status', providerMessageId: 'mid.1458668856218:ed81099e15d3f4f233', status: 'delivered', at: '2016-03-22T17:47:36.253Z' },
    ]);
  },
  'nyaruka-courier/postback.json': (body) => {
    const event = onlyMessage(body);
    assert.deepEqual(event.content, { kind: 'text', text: 'postback title', payload: 'postback payload' });
    assert.match(event.providerMessageId, /^postback:5678:1459991487970$/);
  },
  'nyaruka-courier/postback_get_started.json': (body) => {
    assert.deepEqual(onlyMessage(body).content, { kind: 'text', text: 'postback title', payload: 'get_started' });
  },
  'nyaruka-courier/postback_referral.json': (body) => {
    const event = onlyMessage(body);
    assert.deepEqual(event.content, { kind: 'text', text: 'postback title', payload: 'get_started' });
    assert.ok(event.raw, 'the referral (ad id) is kept with the raw payload');
  },
  'nyaruka-courier/referral.json': (body) => {
    const event = onlyMessage(body);
    assert.deepEqual(event.content, { kind: 'unsupported', placeholder: '[referral: referral id]', providerKind: 'referral' });
    assert.equal(event.providerMessageId, 'referral:5678:1459991487970');
  },
  'nyaruka-courier/referral_seconds.json': (body) => {
    // This referral's timestamp is in seconds, not milliseconds.
    const event = onlyMessage(body);
    assert.equal(event.sentAt, '2023-12-03T10:25:11.000Z');
    assert.equal(event.content.kind, 'unsupported');
  },
  'nyaruka-courier/referral_optin.json': (body) => {
    assert.deepEqual(onlyMessage(body).content, { kind: 'unsupported', placeholder: '[opt-in: optin_ref]', providerKind: 'optin' });
  },
  'nyaruka-courier/referral_optin_user_ref.json': (body) => {
    assert.deepEqual(onlyMessage(body).content, { kind: 'unsupported', placeholder: '[opt-in: optin_ref]', providerKind: 'optin' });
  },
  'nyaruka-courier/notification_messages_optin.json': (body) => {
    assert.deepEqual(onlyMessage(body).content, { kind: 'unsupported', placeholder: '[opt-in: Bird Facts]', providerKind: 'optin' });
  },
  // The message is addressed to another Page (recipient 1235): it belongs to another connection.
  'nyaruka-courier/different_page.json': (body) => assert.deepEqual(events(body), []),
  'nyaruka-courier/invalid_urn.json': (body) => {
    const result = parse(body);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.reason, /entry\[0\]\.messaging\[0\]: sender\.id "abc5678" is not a numeric/);
  },
  'nyaruka-courier/not_page.json': (body) => {
    const result = parse(body);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.reason, /object is "notpage", but this connection receives "page"/);
  },
  'nyaruka-courier/no_entries.json': (body) => assert.deepEqual(events(body), []),
  'nyaruka-courier/no_messaging_entries.json': (body) => assert.deepEqual(events(body), []),
  'nyaruka-courier/unknown_messaging_entry.json': (body) => assert.deepEqual(events(body), []),
  'meta-docs/messenger_webhook_examples.json': (body) => checkDocExamples(body),
};

/** Meta's documented items, with the docs' placeholders (<PSID>, a|b alternatives) filled in. */
function checkDocExamples(body: Buffer): void {
  const doc = JSON.parse(body.toString('utf8')) as { examples: Record<string, unknown> };
  const fill = (value: unknown) =>
    Buffer.from(
      JSON.stringify(value).replaceAll('<PSID>', '5678').replaceAll('<PAGE_ID>', '1234567890').replaceAll('PAGE-ID', '1234567890'),
    );
  const wrap = (value: unknown) => Buffer.from(JSON.stringify(envelope('page', JSON.parse(fill(value).toString()) as object)));
  const { examples } = doc;

  const quick = onlyMessage(wrap(examples['text_with_quick_reply']));
  assert.deepEqual(quick.content, { kind: 'text', text: 'hello, world!', payload: '<DEVELOPER_DEFINED_PAYLOAD>' });
  assert.equal(quick.providerMessageId, 'mid.1457764197618:41d102a3e1ae206a38');

  const reply = onlyMessage(wrap(examples['reply_message']));
  assert.equal(reply.replyToProviderMessageId, 'm_1fTq8oLumEyIp3Q2MR-aY7IfLZDamVrALniheU');
  assert.deepEqual(reply.content, { kind: 'text', text: 'hello, world!' });

  // The attachment entry lists its type as alternatives: each parses to its own canonical kind.
  const entry = JSON.parse(fill(examples['attachment_entry']).toString()) as object;
  const expected: Record<string, string> = {
    image: 'media:image',
    video: 'media:video',
    audio: 'media:audio',
    file: 'media:file',
    reel: 'unsupported:[reel]',
    ig_reel: 'unsupported:[reel]',
  };
  for (const [type, kind] of Object.entries(expected)) {
    const text = JSON.stringify({ object: 'page', entry: [entry] })
      .replace('<image|video|audio|file|reel|ig_reel>', type)
      .replace('<ATTACHMENT_URL>', 'https://scontent.xx.fbcdn.net/v/t1/a.bin')
      .replace('"682498302938465"', '"1234567890"');
    const event = onlyMessage(Buffer.from(text));
    const got =
      event.content.kind === 'media'
        ? `media:${event.content.mediaType}`
        : event.content.kind === 'unsupported'
          ? `unsupported:${event.content.placeholder}`
          : event.content.kind;
    assert.equal(got, kind, type);
  }

  // The postback example names its sender by user_ref only: no PSID to answer, so nothing is recorded;
  // with a PSID, the same postback is a text carrying its payload.
  const postback = examples['messaging_postbacks'] as { value: Record<string, unknown> };
  const changes = (value: unknown) =>
    Buffer.from(
      JSON.stringify({ object: 'page', entry: [{ id: '1234567890', time: 1, changes: [{ field: 'messaging_postbacks', value }] }] }),
    );
  assert.deepEqual(events(changes(JSON.parse(fill(postback.value).toString()))), []);
  const withPsid = onlyMessage(changes({ ...(JSON.parse(fill(postback.value).toString()) as object), sender: { id: '5678' } }));
  assert.deepEqual(withPsid.content, { kind: 'text', text: 'TITLE-FOR-THE-CTA', payload: 'USER-DEFINED-PAYLOAD' });
  assert.equal(withPsid.providerMessageId, 'm_MESSAGE-ID');
  assert.equal(withPsid.sentAt, '2018-05-27T22:23:44.000Z');

  const reaction = JSON.parse(
    fill(examples['message_reaction'])
      .toString()
      .replace('smile|angry|sad|wow|love|like|dislike|other', 'love')
      .replace('react|unreact', 'react'),
  ) as object;
  const reacted = onlyMessage(Buffer.from(JSON.stringify(envelope('page', reaction))));
  assert.deepEqual(reacted.content, { kind: 'unsupported', placeholder: '[reaction ❤️]', providerKind: 'reaction' });
  assert.equal(reacted.replyToProviderMessageId, '<MID_OF_ReactedTo_Message>');
}

describe('Messenger fixtures from ../shared/data/channel-fixtures/messenger', { skip }, () => {
  const files = listFixtureFiles(folder);

  test('every fixture file has a stated canonical result', () => {
    assert.ok(files.length >= 24, `found ${files.length} files`);
    assert.deepEqual(
      files.filter((file) => !(file in expectations)),
      [],
    );
  });

  for (const file of files) {
    const expectation = expectations[file];
    if (expectation) test(`parses ${file} to its canonical result`, () => expectation(readFixture(folder, file)));
  }
});
