import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inboundEventSchema, type InboundEvent, type InboundMessageEvent } from '@fio/contracts';
import { toCallbackData, toInboundEvents } from '../src/index.ts';
import * as updates from './fixtures/telegram-updates.ts';

function parse(update: unknown): InboundEvent[] {
  const result = toInboundEvents(Buffer.from(JSON.stringify(update)));
  assert.equal(result.ok, true, result.ok ? '' : result.reason);
  if (!result.ok) return [];
  for (const event of result.events) assert.equal(inboundEventSchema.safeParse(event).success, true);
  return result.events;
}

function one(update: unknown): InboundMessageEvent {
  const events = parse(update);
  assert.equal(events.length, 1);
  assert.equal(events[0]?.type, 'message');
  return events[0];
}

const ana = {
  address: '5511987',
  displayName: 'Ana Souza',
  locale: 'pt-BR',
  identities: [{ kind: 'telegram_user', value: '5511987', verified: true }],
};

describe('toInboundEvents (Bot API message kinds)', () => {
  test('reads a private text message: chat id as address, the user as identity, pt-br as pt-BR', () => {
    const event = one(updates.textUpdate);
    assert.equal(event.providerMessageId, '5511987:10');
    assert.deepEqual(event.content, { kind: 'text', text: 'Oi, vocês estão abertos?' });
    assert.deepEqual(event.sender, ana);
    assert.equal(event.sentAt, '2026-01-01T12:00:00.000Z');
    assert.equal(event.raw, undefined);
  });

  test('keeps a /command as the text written (deep-link payload included)', () => {
    assert.deepEqual(one(updates.commandUpdate).content, { kind: 'text', text: '/start promo' });
  });

  test('names the message replied to with the same key the bot’s sent messages have', () => {
    assert.equal(one(updates.replyUpdate).replyToProviderMessageId, '5511987:9');
  });

  test('takes the largest photo size, with its caption', () => {
    assert.deepEqual(one(updates.photoUpdate).content, {
      kind: 'media',
      mediaType: 'image',
      url: 'telegram-file:AgACAgEAAxkBAAIBlarge',
      mimeType: 'image/jpeg',
      caption: 'foto do pedido',
      sizeBytes: 82345,
    });
  });

  test('reads documents, audio, voice notes, videos and video notes as media', () => {
    assert.deepEqual(one(updates.documentUpdate).content, {
      kind: 'media',
      mediaType: 'file',
      url: 'telegram-file:BQACAgEAAxkBAAIBdoc',
      mimeType: 'application/pdf',
      filename: 'nota-fiscal.pdf',
      sizeBytes: 50211,
    });
    assert.deepEqual(one(updates.audioUpdate).content, {
      kind: 'media',
      mediaType: 'audio',
      url: 'telegram-file:CQACAgEAAxkBAAIBaudio',
      mimeType: 'audio/mpeg',
      filename: 'jingle.mp3',
      sizeBytes: 2880000,
    });
    assert.deepEqual(one(updates.voiceUpdate).content, {
      kind: 'media',
      mediaType: 'audio',
      url: 'telegram-file:AwACAgEAAxkBAAIBvoice',
      mimeType: 'audio/ogg',
      sizeBytes: 9121,
    });
    assert.deepEqual(one(updates.videoUpdate).content, {
      kind: 'media',
      mediaType: 'video',
      url: 'telegram-file:BAACAgEAAxkBAAIBvideo',
      mimeType: 'video/mp4',
      caption: 'chegou assim',
      sizeBytes: 400000,
    });
    assert.deepEqual(one(updates.videoNoteUpdate).content, {
      kind: 'media',
      mediaType: 'video',
      url: 'telegram-file:DQACAgEAAxkBAAIBnote',
      mimeType: 'video/mp4',
      sizeBytes: 120000,
    });
  });

  test('reads a GIF animation as the video it is, not as its document copy', () => {
    const event = one(updates.animationUpdate);
    assert.equal(event.content.kind === 'media' && event.content.mediaType, 'video');
    assert.equal(event.content.kind === 'media' && event.content.filename, 'dance.mp4');
  });

  test('keeps stickers, polls and dice as unsupported, with a placeholder and the raw message', () => {
    const sticker = one(updates.stickerUpdate);
    assert.deepEqual(sticker.content, { kind: 'unsupported', placeholder: '[sticker 👍]', providerKind: 'sticker' });
    assert.deepEqual(sticker.raw, updates.stickerUpdate.message);
    assert.deepEqual(one(updates.pollUpdate).content, { kind: 'unsupported', placeholder: '[poll]', providerKind: 'poll' });
    assert.deepEqual(one(updates.diceUpdate).content, { kind: 'unsupported', placeholder: '[dice]', providerKind: 'dice' });
  });

  test('reads locations, and venues with their name and address', () => {
    assert.deepEqual(one(updates.locationUpdate).content, { kind: 'location', latitude: -23.55052, longitude: -46.633308 });
    assert.deepEqual(one(updates.venueUpdate).content, {
      kind: 'location',
      latitude: -23.561414,
      longitude: -46.655881,
      name: 'MASP',
      address: 'Av. Paulista, 1578',
    });
  });

  test('a contact of the sender’s own number proves their phone; anyone else’s is just a card', () => {
    const own = one(updates.ownContactUpdate);
    assert.deepEqual(own.content, { kind: 'contact_card', name: 'Ana Souza', phones: ['5511987654321'], emails: [] });
    assert.deepEqual(own.sender.identities, [...ana.identities, { kind: 'phone', value: '+5511987654321', verified: true }]);
    const other = one(updates.otherContactUpdate);
    assert.deepEqual(other.content, { kind: 'contact_card', name: 'Bruno', phones: ['+55 21 99876-5432'], emails: [] });
    assert.deepEqual(other.sender.identities, ana.identities);
  });

  test('answers a group message to the group, identifying the person who wrote', () => {
    const event = one(updates.groupUpdate);
    assert.equal(event.sender.address, '-1001234567890');
    assert.deepEqual(event.sender.identities, ana.identities);
    assert.equal(event.providerMessageId, '-1001234567890:301');
  });

  test('gives no event for service messages and live-location moves', () => {
    assert.deepEqual(parse(updates.serviceUpdate), []);
    assert.deepEqual(parse(updates.liveLocationEditUpdate), []);
  });

  test('stores an edited caption as a new message marked as edited', () => {
    const event = one(updates.editedCaptionUpdate);
    assert.equal(event.providerMessageId, '5511987:13:edited:1767268860');
    assert.equal(event.content.kind === 'media' && event.content.caption, '[edited] foto do pedido 123');
    assert.equal(event.sentAt, '2026-01-01T12:01:00.000Z');
  });
});

describe('toInboundEvents (button presses)', () => {
  test('reads a press as the option picked: the button’s label as text, its id as payload', () => {
    const event = one(updates.callbackUpdate);
    assert.equal(event.providerMessageId, 'callback:4382bfdwdsb323b2d9');
    assert.deepEqual(event.content, { kind: 'text', text: 'Falar com atendente', payload: 'intent:handoff' });
    assert.deepEqual(event.sender, ana);
    assert.equal(event.replyToProviderMessageId, '5511987:40');
  });

  test('recognises a long option id sent as a digest by its label, without a payload', () => {
    const longId = `order:${'x'.repeat(80)}`;
    const data = toCallbackData(longId);
    assert.ok(Buffer.byteLength(data) <= 64);
    const update = structuredClone(updates.callbackUpdate);
    update.callback_query.data = data;
    update.callback_query.message.reply_markup.inline_keyboard = [[{ text: 'Meu pedido', callback_data: data }]];
    assert.deepEqual(one(update).content, { kind: 'text', text: 'Meu pedido' });
  });

  test('keeps a game button press as unsupported, addressed to the user', () => {
    const event = one(updates.gameCallbackUpdate);
    assert.deepEqual(event.content, { kind: 'unsupported', placeholder: '[game]', providerKind: 'callback_game' });
    assert.equal(event.sender.address, '5511987');
  });
});

describe('toInboundEvents (refusals)', () => {
  const refuse = (body: string) => {
    const result = toInboundEvents(Buffer.from(body));
    assert.equal(result.ok, false);
    return result.ok ? '' : result.reason;
  };

  test('names the field that is wrong', () => {
    assert.match(
      refuse(JSON.stringify({ update_id: 1, message: { ...updates.textUpdate.message, chat: { id: 'x', type: 'private' } } })),
      /message: chat\.id/,
    );
    assert.match(refuse(JSON.stringify({ update_id: 'one' })), /update_id/);
    assert.match(refuse('{"update_id": 1, "message": '), /not JSON/);
  });

  test('refuses impossible dates and coordinates instead of storing them', () => {
    refuse(JSON.stringify({ update_id: 1, message: { ...updates.textUpdate.message, date: 1e300 } }));
    refuse(JSON.stringify({ update_id: 1, message: { ...updates.locationUpdate.message, location: { latitude: 91, longitude: 0 } } }));
  });
});
