import assert from 'node:assert/strict';
import { buildOutboundMessage, runChannelContractSuite } from '@fio/channel-kit/contract-suite';
import { telegramChannel } from '../src/index.ts';
import { buildConnection, buildUpdateRequest, webhookSecret } from './fixtures/build-telegram-request.ts';
import { callbackUpdate, photoUpdate, stickerUpdate, textUpdate } from './fixtures/telegram-updates.ts';

const valid = buildUpdateRequest(textUpdate);

/** Answers every Bot API call like Telegram does for a sent message. */
const telegramFetch: typeof fetch = async () =>
  new Response(JSON.stringify({ ok: true, result: { message_id: 77, chat: { id: 5511987, type: 'private' }, date: 1767268800 } }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

runChannelContractSuite(telegramChannel, {
  connection: buildConnection(),
  validRequests: [
    {
      name: 'text message',
      request: valid,
      expect: (events) => assert.equal(events[0]?.type === 'message' ? events[0].sender.address : '', '5511987'),
    },
    { name: 'photo', request: buildUpdateRequest(photoUpdate) },
    { name: 'sticker', request: buildUpdateRequest(stickerUpdate) },
    { name: 'button press', request: buildUpdateRequest(callbackUpdate) },
    {
      name: 'inline query (no event)',
      request: buildUpdateRequest({
        update_id: 5,
        inline_query: { id: '1', from: { id: 1, is_bot: false, first_name: 'A' }, query: 'x', offset: '' },
      }),
    },
  ],
  tamperedRequests: [
    { name: 'secret token of another bot', request: buildUpdateRequest(textUpdate, { secret: 'another-bots-secret' }) },
    { name: 'secret token with one character more', request: buildUpdateRequest(textUpdate, { secret: `${webhookSecret}x` }) },
    { name: 'secret token header dropped', request: buildUpdateRequest(textUpdate, { secret: undefined }) },
    { name: 'secret token in the wrong case', request: buildUpdateRequest(textUpdate, { secret: webhookSecret.toLowerCase() }) },
  ],
  invalidRequests: [
    { name: 'no update_id', request: buildUpdateRequest({ message: textUpdate.message }) },
    { name: 'message without chat', request: buildUpdateRequest({ update_id: 1, message: { message_id: 1, date: 0, text: 'x' } }) },
    { name: 'two kinds in one update', request: buildUpdateRequest({ ...textUpdate, callback_query: callbackUpdate.callback_query }) },
  ],
  sendCases: [
    {
      name: 'a text',
      message: buildOutboundMessage({ recipient: { address: '5511987' } }),
      expect: (r) => assert.equal(r.providerMessageId, '5511987:77'),
    },
    {
      name: 'quick replies',
      message: buildOutboundMessage({
        recipient: { address: '5511987' },
        content: { kind: 'text', text: 'Escolha', quickReplies: [{ id: 'intent:handoff', label: 'Falar com atendente' }] },
      }),
    },
    {
      name: 'a list',
      message: buildOutboundMessage({
        recipient: { address: '5511987' },
        content: { kind: 'list', text: 'Escolha', buttonLabel: 'Ver', sections: [{ rows: [{ id: 'a', title: 'A' }] }] },
      }),
    },
    {
      name: 'a photo',
      message: buildOutboundMessage({
        recipient: { address: '5511987' },
        content: { kind: 'media', mediaType: 'image', url: 'https://cdn.example.com/p.jpg', caption: 'foto' },
      }),
    },
    {
      name: 'a location',
      message: buildOutboundMessage({
        recipient: { address: '5511987' },
        content: { kind: 'location', latitude: -23.5, longitude: -46.6 },
      }),
    },
    {
      name: 'a contact card',
      message: buildOutboundMessage({
        recipient: { address: '5511987' },
        content: { kind: 'contact_card', name: 'Loja', phones: ['+551130000000'], emails: [] },
      }),
    },
  ],
  sendContext: { fetch: telegramFetch },
});
