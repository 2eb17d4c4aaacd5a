import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { ConversationView, MessageView } from '@fio/contracts';
import { createMetaMessagingEmulator, listenEmulator, type MetaMessagingEmulator } from '@fio/emulators';
import { writeDemoWorkspaceWith } from '../support/demo-workspace-with.ts';
import { createTestEnvironment, eventually, startTestApp, type RunningApp } from '../support/test-app.ts';

const pageId = '104858421234567';
const igAccountId = '17841400123456789';
const appSecret = 'int-test-meta-app-secret-0123456789';
const verifyToken = 'int-test-verify-token';
const messengerToken = 'EAAIntTestMessengerToken';
const instagramToken = 'EAAIntTestInstagramToken';
const ana = { address: '24036925405913', name: 'Ana' };
const bia = { address: '6972049162831955', name: 'Bia' };
const hour = 3_600_000;

/** The demo workspace with a Messenger and an Instagram connection pointed at the emulator. */
function writeWorkspace(apiBaseUrl: string): string {
  const secrets = (token: string) => `
    secrets:
      pageAccessToken: ${token}
      appSecret: ${appSecret}
      verifyToken: ${verifyToken}`;
  return writeDemoWorkspaceWith(
    'fio-meta-ws-',
    `
  - id: fb-loja
    type: messenger
    name: Messenger
    config:
      pageId: '${pageId}'
      apiBaseUrl: ${apiBaseUrl}
      apiVersion: v21.0${secrets(messengerToken)}
  - id: ig-loja
    type: instagram
    name: Instagram
    config:
      instagramAccountId: '${igAccountId}'
      apiBaseUrl: ${apiBaseUrl}
      apiVersion: v21.0${secrets(instagramToken)}
`,
  );
}

interface Harness {
  running: RunningApp;
  emulator: MetaMessagingEmulator;
  emulatorUrl: string;
  /** Moves Fio's clock and the emulator's together. */
  advance(ms: number): void;
  api(path: string, init?: RequestInit): Promise<Response>;
  messages(conversationId: string): Promise<MessageView[]>;
  conversations(): Promise<ConversationView[]>;
}

async function startHarness(t: TestContext): Promise<Harness> {
  const start = Date.now();
  let offset = 0;
  const emulator = createMetaMessagingEmulator({
    accounts: [
      { platform: 'messenger', id: pageId, accessToken: messengerToken, appSecret },
      { platform: 'instagram', id: igAccountId, accessToken: instagramToken, appSecret },
    ],
    statusCallbacks: 'delivered',
    echoes: true,
    now: new Date(start),
  });
  const listening = await listenEmulator(emulator);
  const workspaceDir = writeWorkspace(listening.url);
  const te = await createTestEnvironment('sqlite');
  const running = await startTestApp(te, { clock: () => new Date(Date.now() + offset), config: { workspaceDirs: [workspaceDir] } });
  t.after(async () => {
    await running.app.close();
    await listening.close();
    await te.cleanup();
    rmSync(workspaceDir, { recursive: true, force: true });
  });
  emulator.setWebhookUrl(pageId, `${running.baseUrl}/webhooks/messenger/fb-loja`);
  emulator.setWebhookUrl(igAccountId, `${running.baseUrl}/webhooks/instagram/ig-loja`);
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${running.baseUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${running.adminToken}`, 'content-type': 'application/json', ...init.headers },
    });
  return {
    running,
    emulator,
    emulatorUrl: listening.url,
    advance: (ms) => {
      offset += ms;
      emulator.advance(ms);
    },
    api,
    messages: async (conversationId) => {
      const res = await api(`/api/v1/conversations/${conversationId}/messages`);
      assert.equal(res.status, 200);
      return ((await res.json()) as { data: MessageView[] }).data;
    },
    conversations: async () => ((await (await api('/api/v1/conversations')).json()) as { data: ConversationView[] }).data,
  };
}

function conversationOf(answer: { status: number; body: string }): string {
  assert.equal(answer.status, 200, answer.body);
  const id = (JSON.parse(answer.body) as { messages: { conversationId: string }[] }).messages[0]?.conversationId;
  assert.ok(id, answer.body);
  return id;
}

function sentBodies(emulator: MetaMessagingEmulator, to: string): Record<string, unknown>[] {
  return emulator.requests
    .filter((r) => r.method === 'POST' && r.path === '/v21.0/me/messages')
    .map((r) => JSON.parse(r.body.toString('utf8')) as Record<string, unknown>)
    .filter((body) => (body['recipient'] as { id: string }).id === to);
}

describe('Messenger and Instagram through the Meta emulator', () => {
  test('the subscription handshake answers the challenge with the verify token, 403 without it', async (t) => {
    const h = await startHarness(t);
    const url = `${h.running.baseUrl}/webhooks/messenger/fb-loja?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=`;
    const ok = await fetch(`${url}${verifyToken}`);
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), '1158201444');
    const wrong = await fetch(`${url}guess`);
    assert.equal(wrong.status, 403);
    assert.doesNotMatch(await wrong.text(), new RegExp(verifyToken));
  });

  test('a Messenger user and an Instagram user write, the bot answers each through the Send API, echoes store nothing', async (t) => {
    const h = await startHarness(t);
    const fbConversation = conversationOf(await h.emulator.customer.sendText(ana, 'oi'));
    const greeting = await eventually(() => h.emulator.delivered.find((v) => v.to === ana.address), 5000, 'the Messenger greeting');
    assert.ok((greeting.options ?? []).length >= 2, 'the greeting offers quick replies');
    const [first] = sentBodies(h.emulator, ana.address);
    assert.equal(first?.['messaging_type'], 'RESPONSE');
    const quickReplies =
      (first?.['message'] as { quick_replies?: { content_type: string; title: string; payload: string }[] }).quick_replies ?? [];
    assert.deepEqual(
      quickReplies.map((q) => [q.content_type, q.title]),
      (greeting.options ?? []).map((o) => ['text', o.label]),
    );
    assert.ok(quickReplies.every((q) => q.title.length <= 20 && q.payload.length > 0));

    // The delivery webhook moves the bot's message forward; its echo is ignored.
    const delivered = await eventually(
      async () => (await h.messages(fbConversation)).find((m) => m.author === 'bot' && m.status === 'delivered'),
      5000,
      'the greeting marked delivered',
    );
    assert.equal(delivered.providerMessageId, greeting.providerMessageId);
    await eventually(() => h.emulator.callbackAnswers.length >= 2, 5000, 'the echo and delivery webhooks');
    assert.ok(
      h.emulator.callbackAnswers.every((a) => a.status === 200),
      JSON.stringify(h.emulator.callbackAnswers),
    );
    const inbound = (await h.messages(fbConversation)).filter((m) => m.direction === 'inbound');
    assert.deepEqual(
      inbound.map((m) => m.text),
      ['oi'],
      'the echo of our own reply is not a customer message',
    );

    // The Instagram user is another contact with another conversation, answered with the Instagram token.
    const igConversation = conversationOf(await h.emulator.customerOf(igAccountId).sendText(bia, 'olá'));
    assert.notEqual(igConversation, fbConversation);
    await eventually(() => h.emulator.delivered.find((v) => v.to === bia.address), 5000, 'the Instagram greeting');
    const igCall = h.emulator.requests.find((r) => r.path === '/v21.0/me/messages' && r.body.toString().includes(bia.address));
    assert.equal(igCall?.headers['authorization'], `Bearer ${instagramToken}`);
    const conversations = await h.conversations();
    const byId = new Map(conversations.map((c) => [c.id, c]));
    assert.notEqual(byId.get(fbConversation)?.contactId, byId.get(igConversation)?.contactId);

    // Picking "talk to a person" (a quick reply) hands the conversation off.
    const handoff = (greeting.options ?? []).findIndex((o) => /pessoa|atendente/i.test(o.label));
    assert.ok(handoff >= 0, JSON.stringify(greeting.options));
    await h.emulator.customer.pickOption(ana, greeting, handoff);
    await eventually(async () => (await h.conversations()).find((c) => c.id === fbConversation && c.status === 'queued'), 5000, 'handoff');
    const picked = (await h.messages(fbConversation)).filter((m) => m.direction === 'inbound').at(-1);
    assert.deepEqual(picked?.content, { kind: 'text', text: greeting.options?.[handoff]?.label, payload: greeting.options?.[handoff]?.id });
  });

  test("after 24 hours an agent's reply goes out tagged HUMAN_AGENT and is recorded as sent", async (t) => {
    const h = await startHarness(t);
    const conversationId = conversationOf(await h.emulator.customer.sendText(ana, 'quero falar com atendente'));
    await eventually(async () => (await h.conversations()).find((c) => c.id === conversationId && c.status === 'queued'), 5000, 'handoff');
    h.advance(30 * hour);
    const res = await h.api(`/api/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      body: JSON.stringify({ content: { kind: 'text', text: 'Oi Ana, desculpe a demora! Seu pedido já saiu.' } }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    const sent = await eventually(
      () => sentBodies(h.emulator, ana.address).find((b) => JSON.stringify(b).includes('desculpe a demora')),
      5000,
      "the agent's reply at the emulator",
    );
    assert.deepEqual(sent, {
      recipient: { id: ana.address },
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      message: { text: 'Oi Ana, desculpe a demora! Seu pedido já saiu.' },
    });
    await eventually(
      async () => (await h.messages(conversationId)).find((m) => m.author === 'agent' && (m.status === 'sent' || m.status === 'delivered')),
      5000,
      "the agent's reply recorded as sent",
    );
  });

  test('an Instagram photo is downloaded from its CDN URL and kept as Fio media', async (t) => {
    const h = await startHarness(t);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3000, 9)]);
    const cdnUrl = `${h.emulatorUrl}${h.emulator.hostMedia(jpeg, 'image/jpeg')}`;
    const conversationId = conversationOf(await h.emulator.customerOf(igAccountId).sendAttachment(bia, 'image', cdnUrl));
    const stored = await eventually(
      async () => {
        const photo = (await h.messages(conversationId)).find((m) => m.direction === 'inbound' && m.content.kind === 'media');
        return photo?.content.kind === 'media' && photo.content.sizeBytes ? photo.content : undefined;
      },
      5000,
      'the photo to be stored',
    );
    assert.equal(stored.mediaType, 'image');
    assert.equal(stored.mimeType, 'image/jpeg');
    assert.equal(stored.sizeBytes, jpeg.length);
    assert.match(stored.url, /^\/media\//, "served from Fio's own store, not Meta's expiring CDN URL");
    assert.ok(
      h.emulator.requests.some((r) => r.method === 'GET' && cdnUrl.endsWith(r.path)),
      'fetched from the CDN',
    );
    const served = await h.api(stored.url);
    assert.equal(served.status, 200);
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), jpeg);
  });

  test('a bad or missing signature is 401 and stores nothing; a malformed or wrong-product body is 400', async (t) => {
    const h = await startHarness(t);
    const stranger = { address: '31337000000001' };
    const { url, body, headers } = h.emulator.webhookFor(pageId, {
      sender: { id: stranger.address },
      recipient: { id: pageId },
      timestamp: Date.now(),
      message: { mid: 'm_forged', text: 'forged' },
    });
    const forged = await fetch(url, { method: 'POST', body, headers: { ...headers, 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` } });
    assert.equal(forged.status, 401);
    const unsigned = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    assert.equal(unsigned.status, 401);
    assert.deepEqual(await h.conversations(), [], 'nothing stored');

    const sign = (text: string) => ({
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${createHmac('sha256', appSecret).update(text).digest('hex')}`,
    });
    const truncated = body.slice(0, body.length - 7);
    const malformed = await fetch(url, { method: 'POST', body: truncated, headers: sign(truncated) });
    assert.equal(malformed.status, 400);
    const wrongProduct = JSON.stringify({ object: 'instagram', entry: [] });
    const refused = await fetch(url, { method: 'POST', body: wrongProduct, headers: sign(wrongProduct) });
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /receives \\?"page\\?" webhooks/);
    assert.deepEqual(await h.conversations(), []);

    // The genuine webhook still goes through afterwards.
    const genuine = await fetch(url, { method: 'POST', body, headers });
    assert.equal(genuine.status, 200);
    assert.equal((await h.conversations()).length, 1);
  });
});
