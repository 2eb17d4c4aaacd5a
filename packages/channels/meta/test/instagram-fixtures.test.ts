import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { InboundEvent, InboundMessageEvent } from '@fio/contracts';
import { instagramChannel } from '../src/index.ts';
import { envelope, instagramConnection, item, signedRequest } from './fixtures/build-meta-request.ts';
import { listFixtureFiles, readFixture, sharedFixturesSkip } from './fixtures/read-shared-fixtures.ts';

const folder = 'instagram';
const skip = sharedFixturesSkip(folder);
const ctx = instagramConnection();
const igsid = { kind: 'instagram_igsid', value: '5678', verified: true };

function parse(body: Buffer) {
  const request = signedRequest(body);
  assert.deepEqual(instagramChannel.webhook?.verifyRequest(request, ctx), { ok: true });
  const result = instagramChannel.webhook?.toInboundEvents(request, ctx);
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
  assert.deepEqual(event.sender.identities, [igsid]);
  return event;
}

const expectations: Record<string, (body: Buffer) => void> = {
  'nyaruka-courier/hello_msg.json': (body) => {
    const event = onlyMessage(body);
    assert.equal(event.providerMessageId, 'external_id');
    assert.deepEqual(event.content, { kind: 'text', text: 'Hello World' });
    assert.equal(event.sentAt, '2016-04-07T01:11:27.970Z');
  },
  'nyaruka-courier/duplicate_msg.json': (body) => {
    assert.deepEqual(
      events(body).map((e) => e.providerMessageId),
      ['external_id', 'external_id'],
    );
  },
  'nyaruka-courier/attachment.json': (body) => {
    assert.deepEqual(onlyMessage(body).content, { kind: 'media', mediaType: 'image', url: 'https://image-url/foo.png' });
  },
  'nyaruka-courier/like_heart.json': (body) => {
    const event = onlyMessage(body);
    assert.deepEqual(event.content, { kind: 'unsupported', placeholder: '[like ❤️]', providerKind: 'like_heart' });
    assert.ok(event.raw);
  },
  'nyaruka-courier/story_mention.json': (body) => {
    const event = onlyMessage(body);
    assert.deepEqual(event.content, { kind: 'unsupported', placeholder: '[story mention]', providerKind: 'story_mention' });
    assert.ok(event.raw, 'the story URL is kept with the raw payload');
  },
  'nyaruka-courier/unsent_msg.json': (body) => {
    // The original stays stored under its mid; the unsend is a notice of its own.
    const event = onlyMessage(body);
    assert.equal(event.providerMessageId, 'external_id#deleted');
    assert.deepEqual(event.content, { kind: 'unsupported', placeholder: '[message unsent]', providerKind: 'message_deleted' });
  },
  'nyaruka-courier/icebreaker_get_started.json': (body) => {
    assert.deepEqual(onlyMessage(body).content, { kind: 'text', text: 'icebreaker question', payload: 'get_started' });
  },
  'nyaruka-courier/echo.json': (body) => assert.deepEqual(events(body), []),
  'nyaruka-courier/different_page.json': (body) => assert.deepEqual(events(body), []),
  'nyaruka-courier/invalid_urn.json': (body) => {
    const result = parse(body);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.reason, /sender\.id "abc5678" is not a numeric/);
  },
  'nyaruka-courier/not_instagram.json': (body) => {
    const result = parse(body);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.reason, /object is "notinstagram", but this connection receives "instagram"/);
  },
  'nyaruka-courier/no_entries.json': (body) => assert.deepEqual(events(body), []),
  'nyaruka-courier/no_messaging_entries.json': (body) => assert.deepEqual(events(body), []),
  'nyaruka-courier/unknown_messaging_entry.json': (body) => assert.deepEqual(events(body), []),
};

describe('Instagram fixtures from ../shared/data/channel-fixtures/instagram', { skip }, () => {
  const files = listFixtureFiles(folder);

  test('every fixture file has a stated canonical result', () => {
    assert.ok(files.length >= 14, `found ${files.length} files`);
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

/** Documented Instagram kinds the shared captures lack, written from Meta's webhook reference. */
describe('Instagram documented payloads', () => {
  const body = (fields: object) => Buffer.from(JSON.stringify(envelope('instagram', item(fields))));

  test('a read receipt names the message read (read.mid) and moves it to read', () => {
    assert.deepEqual(events(body({ read: { mid: 'aWdfZAG1faWRfMTIz' } })), [
      { type: 'status', providerMessageId: 'aWdfZAG1faWRfMTIz', status: 'read', at: '2016-03-23T00:25:52.478Z' },
    ]);
  });

  test('a shared post and an unsupported kind keep their payload behind a placeholder', () => {
    const share = onlyMessage(
      body({
        message: {
          mid: 'm_s',
          attachments: [{ type: 'share', payload: { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1' } }],
        },
      }),
    );
    assert.deepEqual(share.content, { kind: 'unsupported', placeholder: '[shared post]', providerKind: 'share' });
    const odd = onlyMessage(body({ message: { mid: 'm_u', is_unsupported: true } }));
    assert.deepEqual(odd.content, { kind: 'unsupported', placeholder: '[unsupported message]', providerKind: 'message' });
    assert.ok(odd.raw);
  });

  test('a reply to a message and a text with an image give one event each, the image under a derived id', () => {
    const all = events(
      body({
        message: {
          mid: 'm_r',
          text: 'olha essa',
          reply_to: { mid: 'm_original' },
          attachments: [{ type: 'image', payload: { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=2' } }],
        },
      }),
    );
    assert.deepEqual(
      all.map((e) => (e.type === 'message' ? [e.providerMessageId, e.content.kind, e.replyToProviderMessageId] : [])),
      [
        ['m_r', 'text', 'm_original'],
        ['m_r#1', 'media', 'm_original'],
      ],
    );
  });

  test('a first message from an ad keeps its referral in raw for attribution; a plain text does not', () => {
    const referral = { ref: 'promo-verao', ad_id: '23851234567890', source: 'ADS', type: 'OPEN_THREAD' };
    const fromAd = onlyMessage(body({ message: { mid: 'm_ad', text: 'Quero saber da promoção', referral } }));
    assert.deepEqual(fromAd.content, { kind: 'text', text: 'Quero saber da promoção' });
    assert.deepEqual((fromAd.raw as { message: { referral: unknown } }).message.referral, referral);
    assert.equal(onlyMessage(body({ message: { mid: 'm_plain', text: 'oi' } })).raw, undefined);
  });

  test('a reaction and its removal are kept as placeholders pointing at the message', () => {
    const reacted = onlyMessage(body({ reaction: { mid: 'm_target', action: 'react', reaction: 'love', emoji: '❤️' } }));
    assert.deepEqual(reacted.content, { kind: 'unsupported', placeholder: '[reaction ❤️]', providerKind: 'reaction' });
    assert.equal(reacted.replyToProviderMessageId, 'm_target');
    const removed = onlyMessage(body({ reaction: { mid: 'm_target', action: 'unreact' } }));
    assert.deepEqual(removed.content, { kind: 'unsupported', placeholder: '[reaction removed]', providerKind: 'reaction' });
    assert.notEqual(removed.providerMessageId, reacted.providerMessageId);
  });
});
