import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { ContactView, ConversationView, MessageView } from '@fio/contracts';
import {
  createTwilioMessagingEmulator,
  createTwilioVoiceEmulator,
  createWhatsAppEmulator,
  listenLateEmulator,
  type CustomerView,
  type ProviderEmulator,
} from '@fio/emulators';
import { writeDemoWorkspaceWith } from '../support/demo-workspace-with.ts';
import { createTestEnvironment, eventually, startTestApp } from '../support/test-app.ts';

const accountSid = 'AC3f6e1d2c4b5a69788796a5b4c3d2e1f0';
const authToken = 'cross-channel-auth-token-0123456789';
const appSecret = 'cross-channel-meta-app-secret';
const storeNumber = '+551140041234';
const teamNumber = '+551130001234';

test('one Brazilian number on WhatsApp (no 9th digit), SMS (with it) and a call is one contact and one conversation, and the bot carries on', async (t) => {
  const whatsapp = await listenLateEmulator<ReturnType<typeof createWhatsAppEmulator>>();
  const sms = await listenLateEmulator<ReturnType<typeof createTwilioMessagingEmulator>>();
  const voice = await listenLateEmulator<ReturnType<typeof createTwilioVoiceEmulator>>();
  const workspaceDir = writeDemoWorkspaceWith(
    'fio-cross-ws-',
    `
  - id: loja-whatsapp
    type: whatsapp
    name: WhatsApp
    config: { phoneNumberId: '109876543210', apiBaseUrl: '${whatsapp.url}' }
    secrets: { accessToken: cross-token, appSecret: ${appSecret}, verifyToken: cross-verify }
  - id: loja-sms
    type: sms
    name: SMS
    config: { accountSid: ${accountSid}, from: '${storeNumber}', apiBaseUrl: '${sms.url}' }
    secrets: { authToken: ${authToken} }
  - id: loja-voz
    type: voice
    name: Telefone
    config: { accountSid: ${accountSid}, apiBaseUrl: '${voice.url}', language: pt-BR, handoff: { dial: '${teamNumber}' } }
    secrets: { authToken: ${authToken} }
`,
  );
  const te = await createTestEnvironment('sqlite');
  const running = await startTestApp(te, { config: { workspaceDirs: [workspaceDir] } });
  t.after(async () => {
    await running.app.close();
    await Promise.all([whatsapp.close(), sms.close(), voice.close()]);
    await te.cleanup();
    rmSync(workspaceDir, { recursive: true, force: true });
  });
  const wa = createWhatsAppEmulator({
    phoneNumberId: '109876543210',
    accessToken: 'cross-token',
    appSecret,
    webhookUrl: `${running.baseUrl}/webhooks/whatsapp/loja-whatsapp`,
  });
  whatsapp.set(wa);
  const twilioSms = createTwilioMessagingEmulator({
    accountSid,
    authToken,
    numbers: [storeNumber],
    webhookUrl: `${running.baseUrl}/webhooks/sms/loja-sms`,
    baseUrl: sms.url,
  });
  sms.set(twilioSms);
  const twilioVoice = createTwilioVoiceEmulator({
    accountSid,
    authToken,
    phoneNumber: storeNumber,
    webhookUrl: `${running.baseUrl}/webhooks/voice/loja-voz`,
  });
  voice.set(twilioVoice);
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${running.baseUrl}${path}`, { headers: { authorization: `Bearer ${running.adminToken}` } });
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as T;
  };
  const nthDelivered = (emulator: ProviderEmulator, n: number, what: string): Promise<CustomerView> =>
    eventually(() => emulator.delivered[n], 8000, what);

  // 1. WhatsApp: the wa_id arrives without the mobile 9th digit, as WhatsApp sends older Brazilian numbers.
  assert.equal((await wa.customer.sendText({ address: '+55 11 8765-4321', name: 'Maria Souza' }, 'oi')).status, 200);
  const greeting = await nthDelivered(wa, 0, 'the greeting on WhatsApp');
  assert.equal(greeting.to, '551187654321');
  assert.match(greeting.text, /ol[aá]/i);
  assert.ok((greeting.options ?? []).length >= 2, 'WhatsApp shows the menu as buttons');

  // 2. SMS from the same number written with the 9th digit: "1" picks the menu WhatsApp showed, whose
  // first option (Status do pedido) starts the order-status flow.
  assert.equal(greeting.options?.[0]?.label, 'Status do pedido');
  assert.equal((await twilioSms.customer.sendText({ address: '+5511987654321' }, '1')).status, 200);
  const askOrder = await nthDelivered(twilioSms, 0, 'the answer by SMS');
  assert.equal(askOrder.to, '+5511987654321');
  assert.match(askOrder.text, /n[uú]mero do pedido/i, 'the bot understood the menu choice made on another channel');

  // 3. A call from the same number: the caller asks for a person and is dialled to the team.
  assert.equal((await twilioVoice.customer.sendText({ address: '+5511987654321' }, 'quero falar com atendente')).status, 200);
  const handoff = await eventually(() => twilioVoice.delivered.find((view) => view.action?.startsWith('dial')), 8000, 'the dial');
  assert.match(handoff.action ?? '', new RegExp(teamNumber.replace('+', '\\+')));

  // One contact, one conversation, every message in it with its channel, and the bot's state carried over.
  const contacts = await get<{ data: ContactView[] }>(`/api/v1/contacts?phone=${encodeURIComponent('+5511987654321')}`);
  assert.equal(contacts.data.length, 1);
  const contact = contacts.data[0];
  assert.ok(contact);
  assert.equal(contact.phone, '+5511987654321');
  const all = await get<{ data: ContactView[] }>('/api/v1/contacts?limit=100');
  assert.equal(all.data.length, 1, 'no second contact was made for the number without the 9th digit');
  const conversations = await get<{ data: ConversationView[] }>(`/api/v1/conversations?contactId=${contact.id}`);
  assert.equal(conversations.data.length, 1);
  const conversation = conversations.data[0];
  assert.ok(conversation);
  assert.equal(conversation.status, 'queued');
  assert.equal(conversation.replyChannelType, 'voice');
  assert.equal(conversation.botState['language'], 'pt-BR');
  assert.equal(conversation.botState['turns'], 3);
  const messages = await get<{ data: MessageView[] }>(`/api/v1/conversations/${conversation.id}/messages?limit=100`);
  const inbound = messages.data.filter((m) => m.direction === 'inbound');
  assert.deepEqual(
    inbound.map((m) => [m.channelType, m.text]),
    [
      ['whatsapp', 'oi'],
      ['sms', '1'],
      ['voice', 'quero falar com atendente'],
    ],
  );
  const botChannels = new Set(messages.data.filter((m) => m.author === 'bot').map((m) => m.channelType));
  assert.deepEqual([...botChannels].sort(), ['sms', 'voice', 'whatsapp']);
});
