import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelError } from '@fio/channel-kit';
import { buildOutboundMessage } from '@fio/channel-kit/contract-suite';
import type { Content } from '@fio/contracts';
import { telegramChannel, toCallbackData } from '../src/index.ts';
import { botToken } from './fixtures/build-telegram-request.ts';
import { customerChat, startEmulator, type EmulatorHarness } from './fixtures/start-emulator.ts';

const send = (h: EmulatorHarness, content: Content, address = customerChat) =>
  telegramChannel.sendMessage(buildOutboundMessage({ recipient: { address }, content }), h.ctx);

const chatId = Number(customerChat);

describe('sendMessage → exact Bot API requests (against the emulator)', () => {
  test('sends text with sendMessage as JSON, the token in the path, and names the message chat:message_id', async (t) => {
    const h = await startEmulator(t);
    const result = await send(h, { kind: 'text', text: 'Olá! Como posso ajudar?' });
    assert.deepEqual(result, { providerMessageId: `${customerChat}:1`, status: 'sent' });
    const [request] = h.emulator.requests;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.path, `/bot${botToken}/sendMessage`);
    assert.equal(request?.headers['content-type'], 'application/json');
    assert.deepEqual(h.body(0), { chat_id: chatId, text: 'Olá! Como posso ajudar?' });
    assert.equal(h.emulator.delivered[0]?.text, 'Olá! Como posso ajudar?');
  });

  test('sends quick replies as an inline keyboard, one callback button per row', async (t) => {
    const h = await startEmulator(t);
    await send(h, {
      kind: 'text',
      text: 'Escolha uma opção',
      quickReplies: [
        { id: 'intent:business_hours', label: 'Horário de atendimento' },
        { id: 'intent:handoff', label: 'Falar com atendente' },
      ],
    });
    assert.deepEqual(h.body(0), {
      chat_id: chatId,
      text: 'Escolha uma opção',
      reply_markup: {
        inline_keyboard: [
          [{ text: 'Horário de atendimento', callback_data: 'intent:business_hours' }],
          [{ text: 'Falar com atendente', callback_data: 'intent:handoff' }],
        ],
      },
    });
    assert.deepEqual(h.emulator.delivered[0]?.options, [
      { id: 'intent:business_hours', label: 'Horário de atendimento' },
      { id: 'intent:handoff', label: 'Falar com atendente' },
    ]);
  });

  test('sends an option id over 64 bytes as a digest Telegram accepts', async (t) => {
    const h = await startEmulator(t);
    const longId = `produto:${'ç'.repeat(40)}`;
    await send(h, { kind: 'text', text: 'Qual?', quickReplies: [{ id: longId, label: 'Este' }] });
    const data = toCallbackData(longId);
    assert.ok(Buffer.byteLength(data) <= 64 && data !== longId);
    assert.deepEqual(h.body(0), {
      chat_id: chatId,
      text: 'Qual?',
      reply_markup: { inline_keyboard: [[{ text: 'Este', callback_data: data }]] },
    });
  });

  test('sends a list as its text (row descriptions appended) and one button per row', async (t) => {
    const h = await startEmulator(t);
    await send(h, {
      kind: 'list',
      text: 'Nossos planos',
      buttonLabel: 'Ver planos',
      sections: [
        {
          title: 'Planos',
          rows: [
            { id: 'basic', title: 'Básico', description: 'R$ 10/mês' },
            { id: 'pro', title: 'Pro' },
          ],
        },
      ],
    });
    assert.deepEqual(h.body(0), {
      chat_id: chatId,
      text: 'Nossos planos\n\n• Básico: R$ 10/mês',
      reply_markup: { inline_keyboard: [[{ text: 'Básico', callback_data: 'basic' }], [{ text: 'Pro', callback_data: 'pro' }]] },
    });
  });

  test('sends photos, documents, audio and video by URL with their caption', async (t) => {
    const h = await startEmulator(t);
    const url = 'https://cdn.example.com/catalogo';
    await send(h, { kind: 'media', mediaType: 'image', url: `${url}.jpg`, caption: 'Catálogo' });
    await send(h, { kind: 'media', mediaType: 'file', url: `${url}.pdf`, filename: 'catalogo.pdf' });
    await send(h, { kind: 'media', mediaType: 'audio', url: `${url}.mp3` });
    const video = await send(h, { kind: 'media', mediaType: 'video', url: `${url}.mp4`, caption: 'Vídeo' });
    assert.deepEqual(
      h.emulator.requests.map((r) => r.path),
      ['sendPhoto', 'sendDocument', 'sendAudio', 'sendVideo'].map((m) => `/bot${botToken}/${m}`),
    );
    assert.deepEqual(h.body(0), { chat_id: chatId, photo: `${url}.jpg`, caption: 'Catálogo' });
    assert.deepEqual(h.body(1), { chat_id: chatId, document: `${url}.pdf` });
    assert.deepEqual(h.body(2), { chat_id: chatId, audio: `${url}.mp3` });
    assert.deepEqual(h.body(3), { chat_id: chatId, video: `${url}.mp4`, caption: 'Vídeo' });
    assert.equal(video.providerMessageId, `${customerChat}:4`);
  });

  test('sends an OGG recording as a voice note and other audio than MP3/M4A as a file', async (t) => {
    const h = await startEmulator(t);
    await send(h, { kind: 'media', mediaType: 'audio', url: 'https://cdn.example.com/a.ogg', mimeType: 'audio/ogg; codecs=opus' });
    await send(h, { kind: 'media', mediaType: 'audio', url: 'https://cdn.example.com/a.m4a', mimeType: 'audio/mp4' });
    await send(h, { kind: 'media', mediaType: 'audio', url: 'https://cdn.example.com/a.wav', mimeType: 'audio/wav' });
    assert.deepEqual(
      h.emulator.requests.map((r) => r.path),
      ['sendVoice', 'sendAudio', 'sendDocument'].map((m) => `/bot${botToken}/${m}`),
    );
    assert.deepEqual(h.body(0), { chat_id: chatId, voice: 'https://cdn.example.com/a.ogg' });
    assert.deepEqual(h.body(2), { chat_id: chatId, document: 'https://cdn.example.com/a.wav' });
  });

  test('sends a caption over 1024 characters as a message after the bare media', async (t) => {
    const h = await startEmulator(t);
    const caption = 'a'.repeat(1500);
    const result = await send(h, { kind: 'media', mediaType: 'image', url: 'https://cdn.example.com/p.jpg', caption });
    assert.deepEqual(h.body(0), { chat_id: chatId, photo: 'https://cdn.example.com/p.jpg' });
    assert.deepEqual(h.body(1), { chat_id: chatId, text: caption });
    assert.equal(result.providerMessageId, `${customerChat}:1`);
  });

  test('sends a bare point with sendLocation and a named place with sendVenue', async (t) => {
    const h = await startEmulator(t);
    await send(h, { kind: 'location', latitude: -23.55, longitude: -46.63 });
    await send(h, { kind: 'location', latitude: -23.56, longitude: -46.65, name: 'Loja Paulista', address: 'Av. Paulista, 1000' });
    assert.deepEqual(h.body(0), { chat_id: chatId, latitude: -23.55, longitude: -46.63 });
    assert.deepEqual(h.body(1), {
      chat_id: chatId,
      latitude: -23.56,
      longitude: -46.65,
      title: 'Loja Paulista',
      address: 'Av. Paulista, 1000',
    });
  });

  test('sends a contact card with sendContact (a vCard when it has more), and an e-mail-only card as text', async (t) => {
    const h = await startEmulator(t);
    await send(h, { kind: 'contact_card', name: 'Loja Exemplo', phones: ['+551130000000'], emails: [] });
    await send(h, { kind: 'contact_card', name: 'Loja Exemplo', phones: ['+551130000000', '+5511999990000'], emails: ['oi@loja.example'] });
    await send(h, { kind: 'contact_card', name: 'Suporte', phones: [], emails: ['suporte@loja.example'] });
    assert.deepEqual(h.body(0), { chat_id: chatId, phone_number: '+551130000000', first_name: 'Loja Exemplo' });
    assert.deepEqual(h.body(1), {
      chat_id: chatId,
      phone_number: '+551130000000',
      first_name: 'Loja Exemplo',
      vcard:
        'BEGIN:VCARD\nVERSION:3.0\nFN:Loja Exemplo\nTEL;TYPE=CELL:+551130000000\nTEL;TYPE=CELL:+5511999990000\nEMAIL:oi@loja.example\nEND:VCARD',
    });
    assert.deepEqual(h.body(2), { chat_id: chatId, text: 'Suporte\nsuporte@loja.example' });
  });

  test('sends a template as its fallback text and refuses what cannot be shown, calling nothing', async (t) => {
    const h = await startEmulator(t);
    await send(h, { kind: 'template', name: 'pedido', language: 'pt_BR', parameters: [], fallbackText: 'Seu pedido saiu' });
    assert.deepEqual(h.body(0), { chat_id: chatId, text: 'Seu pedido saiu' });
    for (const content of [
      { kind: 'unsupported', placeholder: '[sticker]', providerKind: 'sticker' },
      { kind: 'text', text: '   ' },
      { kind: 'media', mediaType: 'image', url: 'media:local-id' },
    ] satisfies Content[]) {
      await assert.rejects(send(h, content), (error: unknown) => error instanceof ChannelError && error.code === 'unsupported_content');
    }
    assert.equal(h.emulator.requests.length, 1);
  });

  test('addresses a group by its negative chat id', async (t) => {
    const h = await startEmulator(t, { knownChats: ['-1001234567890'] });
    const result = await send(h, { kind: 'text', text: 'Oi, grupo' }, '-1001234567890');
    assert.deepEqual(h.body(0), { chat_id: -1001234567890, text: 'Oi, grupo' });
    assert.equal(result.providerMessageId, '-1001234567890:1');
  });
});
