import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { ContactView, ConversationView, MessageView } from '@fio/contracts';
import {
  businessScopedUserId,
  createWhatsAppEmulator,
  listenEmulator,
  type CustomerView,
  type WhatsAppEmulator,
  type WhatsAppEmulatorOptions,
} from '@fio/emulators';
import { writeDemoWorkspaceWith } from '../support/demo-workspace-with.ts';
import { createTestEnvironment, eventually, startTestApp, type RunningApp } from '../support/test-app.ts';

// The WhatsApp Cloud API channel end to end: the real app in process, the Graph emulator on loopback
// posting Meta's signed webhooks and answering Fio's sends.
const phoneNumberId = '106540352242922';
const accessToken = 'EAAG-int-test-token';
const appSecret = 'int-test-app-secret-9c1d';
const verifyToken = 'int-test-verify-token';
const connectionId = 'wa-loja';
// A São Paulo mobile registered before 2012: WhatsApp's wa_id leaves out the 9th digit.
const waId = '551199998888';
const ana = { address: `+${waId}`, name: 'Ana Souza' };

function writeWorkspace(apiBaseUrl: string): string {
  return writeDemoWorkspaceWith(
    'fio-wa-ws-',
    `
  - id: ${connectionId}
    type: whatsapp
    name: WhatsApp da loja
    config:
      phoneNumberId: '${phoneNumberId}'
      apiBaseUrl: '${apiBaseUrl}'
      apiVersion: v21.0
    secrets:
      accessToken: '${accessToken}'
      appSecret: '${appSecret}'
      verifyToken: '${verifyToken}'
`,
  );
}

interface Harness {
  running: RunningApp;
  emulator: WhatsAppEmulator;
  webhookUrl: string;
  api<T>(path: string): Promise<T>;
  messages(conversationId: string): Promise<MessageView[]>;
}

async function startHarness(t: TestContext, options: Pick<WhatsAppEmulatorOptions, 'statusCallbacks'> = {}): Promise<Harness> {
  let webhookUrl = '';
  const emulator = createWhatsAppEmulator({ phoneNumberId, accessToken, appSecret, webhookUrl: () => webhookUrl, ...options });
  const listening = await listenEmulator(emulator);
  const workspaceDir = writeWorkspace(listening.url);
  const te = await createTestEnvironment('sqlite');
  const running = await startTestApp(te, { config: { workspaceDirs: [workspaceDir] } });
  webhookUrl = `${running.baseUrl}/webhooks/whatsapp/${connectionId}`;
  t.after(async () => {
    await running.app.close();
    await listening.close();
    await te.cleanup();
    rmSync(workspaceDir, { recursive: true, force: true });
  });
  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${running.baseUrl}${path}`, { headers: { authorization: `Bearer ${running.adminToken}` } });
    assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
    return (await res.json()) as T;
  };
  return {
    running,
    emulator,
    webhookUrl,
    api,
    messages: async (conversationId) => (await api<{ data: MessageView[] }>(`/api/v1/conversations/${conversationId}/messages`)).data,
  };
}

/** The conversation id Fio answered the customer's webhook with. */
function conversationOf(answer: { status: number; body: string }): string {
  assert.equal(answer.status, 200, answer.body);
  const parsed = JSON.parse(answer.body) as { messages: { conversationId: string; duplicate: boolean }[] };
  const id = parsed.messages[0]?.conversationId;
  assert.ok(id, answer.body);
  return id;
}

/** A "messages" webhook as Meta posts it, for bodies the emulated customer does not send (retries, reactions, forgeries). */
function customerWebhook(message: object, from = { waId, name: 'Ana Souza' }): object {
  const value = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '5511900000000', phone_number_id: phoneNumberId },
    contacts: [{ profile: { name: from.name }, wa_id: from.waId }],
    messages: [{ from: from.waId, timestamp: '1767225600', ...message }],
  };
  return { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value }] }] };
}

const sends = (emulator: WhatsAppEmulator) =>
  emulator.requests
    .filter((r) => r.method === 'POST' && r.path === `/v21.0/${phoneNumberId}/messages`)
    .map((r) => JSON.parse(r.body.toString('utf8')));

describe('WhatsApp Cloud API channel in the app', () => {
  test('answers the GET verification handshake through /webhooks/whatsapp/:id', async (t) => {
    const h = await startHarness(t);
    const ok = await fetch(`${h.webhookUrl}?hub.mode=subscribe&hub.verify_token=${verifyToken}&hub.challenge=1158201444`);
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), '1158201444');
    const wrong = await fetch(`${h.webhookUrl}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444`);
    assert.equal(wrong.status, 403);
    assert.ok(!(await wrong.text()).includes('1158201444'));
  });

  test('a Brazilian number without the 9th digit writes, the bot answers through Graph, statuses move forward', async (t) => {
    const h = await startHarness(t);
    const conversationId = conversationOf(await h.emulator.customer.sendText(ana, 'oi'));

    // The bot's greeting reaches the customer as a Cloud API request to the wa_id as WhatsApp gave it.
    const greeting = await eventually(() => h.emulator.delivered.find((v) => v.to === waId), 5000, 'the greeting');
    const [request] = sends(h.emulator);
    assert.match(request.interactive?.body?.text ?? '', /^Olá! Sou o assistente virtual da Loja Exemplo\./);
    // The greeting's quick replies become reply buttons, titles cut to WhatsApp's 20 characters.
    assert.deepEqual(
      { ...request, interactive: { ...request.interactive, body: undefined } },
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: waId,
        type: 'interactive',
        interactive: {
          type: 'button',
          body: undefined,
          action: {
            buttons: [
              { type: 'reply', reply: { id: 'flow:order-status', title: 'Status do pedido' } },
              { type: 'reply', reply: { id: 'intent:business_hours', title: 'Horário de atendime…' } },
              { type: 'reply', reply: { id: 'intent:talk_to_human', title: 'Falar com uma pessoa' } },
            ],
          },
        },
      },
    );
    assert.match(greeting.text, /ol[aá]|oi/i);
    assert.equal(h.emulator.requests[0]?.headers.authorization, `Bearer ${accessToken}`);

    // One contact, whose phone is stored with the 9th digit and the WhatsApp display name.
    const contacts = await h.api<{ data: ContactView[] }>(`/api/v1/contacts?phone=${encodeURIComponent('+5511999998888')}`);
    assert.equal(contacts.data.length, 1);
    assert.equal(contacts.data[0]?.displayName, 'Ana Souza');
    assert.deepEqual(contacts.data[0]?.identities.map((i) => [i.kind, i.value]).sort(), [
      ['phone', '+5511999998888'],
      ['whatsapp_bsuid', businessScopedUserId(waId)],
    ]);

    // Meta's status callbacks move the bot's message to delivered, then read; an older one changes nothing.
    const botMessage = async () => (await h.messages(conversationId)).find((m) => m.providerMessageId === greeting.providerMessageId);
    assert.equal((await botMessage())?.status, 'sent');
    assert.equal((await h.emulator.postStatus(greeting.providerMessageId, 'delivered')).status, 200);
    await eventually(async () => (await botMessage())?.status === 'delivered', 3000, 'delivered');
    assert.equal((await h.emulator.postStatus(greeting.providerMessageId, 'read')).status, 200);
    await eventually(async () => (await botMessage())?.status === 'read', 3000, 'read');
    assert.equal((await h.emulator.postStatus(greeting.providerMessageId, 'delivered')).status, 200);
    assert.equal((await botMessage())?.status, 'read');

    // The same number with the 9th digit (as typed elsewhere) is the same contact and conversation.
    const again = conversationOf(await h.emulator.customer.sendText({ address: '+5511999998888', name: 'Ana Souza' }, 'tudo bem?'));
    assert.equal(again, conversationId);
  });

  test('a customer who hides the number behind a username stays the same contact, reached by BSUID', async (t) => {
    const h = await startHarness(t);
    const conversationId = conversationOf(await h.emulator.customer.sendText(ana, 'oi'));
    await eventually(() => h.emulator.delivered.length >= 1, 5000, 'the greeting');
    h.emulator.hidePhoneNumber(ana.address);
    const bsuid = businessScopedUserId(waId);
    const before = sends(h.emulator).length;
    assert.equal(conversationOf(await h.emulator.customer.sendText(ana, 'qual o horário de vocês?')), conversationId);
    const reply = await eventually(() => sends(h.emulator)[before], 5000, 'the answer to the BSUID-only message');
    assert.equal(reply.recipient, bsuid);
    assert.equal(reply.to, undefined);
    const contacts = await h.api<{ data: ContactView[] }>(`/api/v1/contacts?phone=${encodeURIComponent('+5511999998888')}`);
    assert.equal(contacts.data.length, 1);
    assert.ok(contacts.data[0]?.identities.some((i) => i.kind === 'whatsapp_bsuid' && i.value === bsuid));
  });

  test('"falar com atendente" hands off; a failed status shows Meta\'s code on the message', async (t) => {
    const h = await startHarness(t);
    const conversationId = conversationOf(await h.emulator.customer.sendText(ana, 'oi'));
    await eventually(() => h.emulator.delivered.length >= 1, 5000, 'the greeting');
    const before = h.emulator.delivered.length;
    await h.emulator.customer.sendText(ana, 'falar com atendente');
    const handoff = await eventually(() => h.emulator.delivered.slice(before).at(-1), 5000, 'the handoff reply');
    assert.match(handoff.text, /pessoa|equipe|atendimento|hor[aá]rio/i);
    const conversation = await h.api<ConversationView>(`/api/v1/conversations/${conversationId}`);
    assert.ok(['queued', 'assigned'].includes(conversation.status), conversation.status);

    await h.emulator.postStatus(handoff.providerMessageId, 'failed', {
      code: 131026,
      title: 'Message undeliverable',
      details: 'Unable to deliver message. Reasons can include: the recipient phone number is not a WhatsApp phone number.',
    });
    const failed = await eventually(
      async () =>
        (await h.messages(conversationId)).find((m) => m.providerMessageId === handoff.providerMessageId && m.status === 'failed'),
      3000,
      'the failed status',
    );
    assert.equal(failed.error?.code, '131026');
    assert.match(failed.error?.message ?? '', /Message undeliverable: Unable to deliver message/);
  });

  test('an agent reply after 24 hours is refused by WhatsApp (131047) and the reason is on the message', async (t) => {
    const h = await startHarness(t);
    const conversationId = conversationOf(await h.emulator.customer.sendText(ana, 'oi'));
    await eventually(() => h.emulator.delivered.length >= 1, 5000, 'the greeting');
    h.emulator.advance(25 * 60 * 60 * 1000);
    const res = await fetch(`${h.running.baseUrl}/api/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.running.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: { kind: 'text', text: 'Oi Ana, ainda precisa de ajuda?' } }),
    });
    assert.ok(res.status < 300, await res.text());
    const failed = await eventually(
      async () => (await h.messages(conversationId)).find((m) => m.text === 'Oi Ana, ainda precisa de ajuda?' && m.status === 'failed'),
      8000,
      'the refused reply',
    );
    assert.match(failed.error?.message ?? '', /24 hours/);
    assert.equal(failed.error?.code, 'outside_reply_window:131047');
  });

  test('a customer photo is fetched through the Graph media endpoints and served by Fio', async (t) => {
    const h = await startHarness(t);
    const photo = new Uint8Array(Array.from({ length: 4096 }, (_, i) => i % 251));
    const conversationId = conversationOf(
      await h.emulator.customer.sendMedia(ana, { kind: 'image', bytes: photo, mimeType: 'image/jpeg', caption: 'Chegou quebrado' }),
    );
    const stored = (await h.messages(conversationId)).find((m) => m.direction === 'inbound');
    assert.equal(stored?.content.kind, 'media');
    if (stored?.content.kind !== 'media') return;
    assert.equal(stored.content.caption, 'Chegou quebrado');
    assert.match(stored.content.url, /^\/media\/med_/);
    const url = `${h.running.baseUrl}${stored.content.url}`;
    const served = await eventually(
      async () => {
        const res = await fetch(url, { headers: { authorization: `Bearer ${h.running.adminToken}` } });
        return res.status === 200 ? res : undefined;
      },
      5000,
      'the stored photo',
    );
    assert.equal(served.headers.get('content-type'), 'image/jpeg');
    assert.deepEqual(new Uint8Array(await served.arrayBuffer()), photo);
  });

  test('an agent sends a stored file back: Meta gets a signed link it can download, then statuses follow', async (t) => {
    const h = await startHarness(t, { statusCallbacks: ['sent', 'delivered', 'read'] });
    const photo = new Uint8Array(Array.from({ length: 2048 }, (_, i) => (i * 7) % 256));
    const conversationId = conversationOf(
      await h.emulator.customer.sendMedia(ana, { kind: 'image', bytes: photo, mimeType: 'image/jpeg' }),
    );
    const stored = await eventually(async () => {
      const inbound = (await h.messages(conversationId)).find((m) => m.direction === 'inbound');
      return inbound?.content.kind === 'media' ? inbound.content : undefined;
    });
    // The agent forwards the file once Fio has it (an agent sees the photo after its fetch from Meta); a
    // link to a file still being fetched would answer 409 to Meta.
    await eventually(
      async () =>
        (await fetch(`${h.running.baseUrl}${stored.url}`, { headers: { authorization: `Bearer ${h.running.adminToken}` } })).status === 200,
      8000,
      'the customer photo stored',
    );
    const res = await fetch(`${h.running.baseUrl}/api/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.running.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: { kind: 'media', mediaType: 'image', url: stored.url, caption: 'Recebemos a sua foto' } }),
    });
    assert.ok(res.status < 300, await res.text());
    const request = await eventually(() => sends(h.emulator).find((body) => body.type === 'image'), 5000, 'the image send');
    assert.equal(request.image.caption, 'Recebemos a sua foto');
    assert.ok(request.image.link.startsWith(`${h.running.baseUrl}/media/med_`), request.image.link);
    assert.deepEqual(new Uint8Array(await (await fetch(request.image.link)).arrayBuffer()), photo);
    await eventually(
      async () =>
        (await h.messages(conversationId)).find((m) => m.direction === 'outbound' && m.content.kind === 'media')?.status === 'read',
      5000,
      'the image read',
    );
  });

  test('a webhook Meta delivers twice is stored once; a reaction is kept as a readable placeholder', async (t) => {
    const h = await startHarness(t);
    const conversationId = conversationOf(await h.emulator.customer.sendText(ana, 'oi'));
    const text = JSON.stringify(customerWebhook({ id: 'wamid.retried', type: 'text', text: { body: 'meu pedido não chegou' } }));
    const first = JSON.parse((await h.emulator.postRaw(text)).body);
    const second = JSON.parse((await h.emulator.postRaw(text)).body);
    assert.deepEqual([first.messages[0].duplicate, second.messages[0].duplicate], [false, true]);
    const reaction = JSON.stringify(
      customerWebhook({ id: 'wamid.reaction', type: 'reaction', reaction: { message_id: 'wamid.retried', emoji: '👍' } }),
    );
    assert.equal((await h.emulator.postRaw(reaction)).status, 200);
    const inbound = (await h.messages(conversationId)).filter((m) => m.direction === 'inbound');
    assert.deepEqual(
      inbound.map((m) => m.text),
      ['oi', 'meu pedido não chegou', '[reaction 👍]'],
    );
    assert.deepEqual(inbound[2]?.content, { kind: 'unsupported', placeholder: '[reaction 👍]', providerKind: 'reaction' });
  });

  test('a bad signature is 401 and a malformed body 400, with nothing stored', async (t) => {
    const h = await startHarness(t);
    const body = JSON.stringify(
      customerWebhook({ id: 'wamid.forged', type: 'text', text: { body: 'oi' } }, { waId: '5511911112222', name: 'Intruso' }),
    );
    const forged = await h.emulator.postRaw(body, `sha256=${'0'.repeat(64)}`);
    assert.equal(forged.status, 401);
    const unsigned = await fetch(h.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.equal(unsigned.status, 401);
    const malformed = await h.emulator.postRaw(body.replace('"timestamp":"1767225600"', '"timestamp":"yesterday"'));
    assert.equal(malformed.status, 400);
    assert.match(malformed.body, /timestamp/);
    const contacts = await h.api<{ data: ContactView[] }>(`/api/v1/contacts?phone=${encodeURIComponent('+5511911112222')}`);
    assert.equal(contacts.data.length, 0);
    const conversations = await h.api<{ data: ConversationView[] }>('/api/v1/conversations');
    assert.equal(conversations.data.length, 0);

    // The valid, signed body is then accepted.
    assert.equal((await h.emulator.postRaw(body)).status, 200);
  });

  test('tapping the greeting\'s "Falar com uma pessoa" button (button_reply) hands off', async (t) => {
    const h = await startHarness(t);
    const conversationId = conversationOf(await h.emulator.customer.sendText(ana, 'oi'));
    const greeting: CustomerView = await eventually(() => h.emulator.delivered.find((v) => v.to === waId), 5000, 'the greeting');
    const index = greeting.options?.findIndex((option) => option.id === 'intent:talk_to_human') ?? -1;
    assert.ok(index >= 0, JSON.stringify(greeting.options));
    const before = h.emulator.delivered.length;
    const answer = await h.emulator.customer.pickOption(ana, greeting, index);
    assert.equal(conversationOf(answer), conversationId);
    const picked = (await h.messages(conversationId)).filter((m) => m.direction === 'inbound').at(-1);
    assert.deepEqual(picked?.content, { kind: 'text', text: 'Falar com uma pessoa', payload: 'intent:talk_to_human' });
    assert.match(picked?.providerMessageId ?? '', /^wamid\./);
    await eventually(() => h.emulator.delivered.length > before, 5000, 'the handoff reply');
    const conversation = await h.api<ConversationView>(`/api/v1/conversations/${conversationId}`);
    assert.ok(['queued', 'assigned'].includes(conversation.status), conversation.status);
  });
});
