import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { ContactView, ConversationView, MessageView } from '@fio/contracts';
import {
  createTwilioMessagingEmulator,
  listenEmulator,
  signTwilioWebhook,
  type CustomerView,
  type TwilioMessagingEmulator,
} from '@fio/emulators';
import { writeDemoWorkspaceWith } from '../support/demo-workspace-with.ts';
import { createTestEnvironment, eventually, startTestApp, type RunningApp } from '../support/test-app.ts';

const accountSid = 'AC7d0c4b2a19e84f6b8c3d5e7f9a1b3c5d';
const authToken = 'sms-int-test-auth-token-0123456789';
const businessNumber = '+5511940001234';
const maria = { address: '+5511987654321', name: 'Maria' };

/** The demo workspace with an SMS connection whose Twilio API is the emulator. */
function writeWorkspace(apiBaseUrl: string, from: string): string {
  return writeDemoWorkspaceWith(
    'fio-sms-ws-',
    `
  - id: loja-sms
    type: sms
    name: SMS
    config:
      accountSid: ${accountSid}
      from: '${from}'
      apiBaseUrl: '${apiBaseUrl}'
    secrets:
      authToken: ${authToken}
`,
  );
}

interface Harness {
  running: RunningApp;
  emulator: TwilioMessagingEmulator;
  apiUrl: string;
  webhookUrl: string;
  get<T>(path: string): Promise<T>;
  contactsWithPhone(phone: string): Promise<ContactView[]>;
  transcriptOf(phone: string): Promise<{ conversation: ConversationView; messages: MessageView[] }>;
}

async function startHarness(t: TestContext, from = businessNumber): Promise<Harness> {
  // The emulator needs Fio's URL and Fio needs the emulator's: the port is opened first, the emulator made after.
  const holder: { emulator?: TwilioMessagingEmulator } = {};
  const api = await listenEmulator({
    handle: async (req, res, path) => {
      if (!holder.emulator) throw new Error('emulator not ready');
      return holder.emulator.handle(req, res, path);
    },
  });
  const workspaceDir = writeWorkspace(api.url, from);
  const te = await createTestEnvironment('sqlite');
  const running = await startTestApp(te, { config: { workspaceDirs: [workspaceDir] } });
  t.after(async () => {
    await running.app.close();
    await api.close();
    await te.cleanup();
    rmSync(workspaceDir, { recursive: true, force: true });
  });
  const webhookUrl = `${running.baseUrl}/webhooks/sms/loja-sms`;
  const emulator = createTwilioMessagingEmulator({ accountSid, authToken, numbers: [from], webhookUrl, baseUrl: api.url });
  holder.emulator = emulator;
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${running.baseUrl}${path}`, { headers: { authorization: `Bearer ${running.adminToken}` } });
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as T;
  };
  const contactsWithPhone = async (phone: string) =>
    (await get<{ data: ContactView[] }>(`/api/v1/contacts?phone=${encodeURIComponent(phone)}`)).data;
  return {
    running,
    emulator,
    apiUrl: api.url,
    webhookUrl,
    get,
    contactsWithPhone,
    transcriptOf: async (phone) => {
      const contacts = await contactsWithPhone(phone);
      assert.equal(contacts.length, 1, `one contact for ${phone}`);
      const conversations = await get<{ data: ConversationView[] }>(`/api/v1/conversations?contactId=${contacts[0]!.id}`);
      assert.equal(conversations.data.length, 1);
      const conversation = conversations.data[0]!;
      const messages = await get<{ data: MessageView[] }>(`/api/v1/conversations/${conversation.id}/messages?limit=100`);
      return { conversation, messages: messages.data };
    },
  };
}

const viewsTo = (h: Harness, phone: string) => h.emulator.delivered.filter((view) => view.to === phone);
const messagesApiCalls = (h: Harness) => h.emulator.requests.filter((r) => r.path === `/2010-04-01/Accounts/${accountSid}/Messages.json`);

async function nextViews(h: Harness, phone: string, after: number, what: string): Promise<CustomerView[]> {
  await eventually(() => viewsTo(h, phone).length > after, 8000, what);
  // Parts of one reply go out back to back: give the rest a moment to arrive.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return viewsTo(h, phone).slice(after);
}

/** A form signed like Twilio signs it, for requests the emulator would never send. */
function signedPost(h: Harness, params: [string, string][], signature?: string): Promise<Response> {
  return fetch(h.webhookUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signature ?? signTwilioWebhook(authToken, h.webhookUrl, params),
    },
    body: new URLSearchParams(params).toString(),
  });
}

describe('SMS through the real app and the Twilio Messaging emulator', () => {
  test('a Brazilian customer texts, the bot answers through the Messages API, status callbacks mark it delivered, and a person is asked for', async (t) => {
    const h = await startHarness(t);

    // 1. Maria texts "oi": Twilio gets the empty TwiML it expects, and Fio answers later through the REST API.
    const answer = await h.emulator.customer.sendText(maria, 'oi');
    assert.equal(answer.status, 200, answer.body);
    assert.match(answer.contentType ?? '', /^text\/xml/);
    assert.equal(answer.body, '<?xml version="1.0" encoding="UTF-8"?><Response/>');

    const reply = await nextViews(h, maria.address, 0, "the bot's greeting");
    const text = reply.map((view) => view.text).join('\n');
    assert.match(text, /ol[aá]/i);
    assert.match(text, /^1[.)] /m, 'the quick replies are numbered options in the text');
    const calls = messagesApiCalls(h);
    assert.equal(calls.length, reply.length);
    for (const call of calls) {
      assert.equal(call.method, 'POST');
      assert.equal(call.headers['authorization'], `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`);
      assert.equal(call.headers['content-type'], 'application/x-www-form-urlencoded');
      const form = [...new URLSearchParams(call.body.toString())];
      assert.deepEqual(
        form.map(([k]) => k),
        ['To', 'From', 'Body', 'StatusCallback'],
      );
      assert.deepEqual(form[0], ['To', maria.address]);
      assert.deepEqual(form[1], ['From', businessNumber]);
      assert.deepEqual(form[3], ['StatusCallback', h.webhookUrl]);
    }

    // 2. One contact (the verified phone), one conversation: Maria's "oi" and the bot's reply.
    const { conversation, messages } = await h.transcriptOf(maria.address);
    assert.equal(conversation.status, 'bot');
    const inbound = messages.find((m) => m.direction === 'inbound');
    assert.equal(inbound?.text, 'oi');
    assert.equal(inbound?.channelType, 'sms');
    assert.match(inbound?.providerMessageId ?? '', /^SM[0-9a-f]{32}$/);

    // 3. The emulator's signed status callbacks (sent, delivered) move the bot's message forward.
    await h.emulator.settled();
    assert.ok(h.emulator.callbackAnswers.every((a) => a.status === 200));
    const lastSid = reply.at(-1)?.providerMessageId;
    const delivered = await eventually(
      async () => {
        const { messages: now } = await h.transcriptOf(maria.address);
        const bot = now.find((m) => m.providerMessageId === lastSid);
        return bot?.status === 'delivered' ? bot : undefined;
      },
      5000,
      'the reply to be delivered',
    );
    assert.equal(delivered.author, 'bot');

    // 4. "falar com atendente" hands off to a person.
    await h.emulator.customer.sendText(maria, 'quero falar com atendente');
    const handoff = await nextViews(h, maria.address, reply.length, 'the handoff message');
    assert.match(handoff.map((view) => view.text).join('\n'), /pessoa|atendente|equipe/i);
    const after = await eventually(
      async () => {
        const { conversation: now } = await h.transcriptOf(maria.address);
        return now.status === 'queued' ? now : undefined;
      },
      5000,
      'the conversation to be queued',
    );
    assert.equal(after.id, conversation.id);
  });

  test("Twilio's WhatsApp sender: the reply goes whatsapp: to whatsapp:, unsplit, and the profile name names the contact", async (t) => {
    const h = await startHarness(t, `whatsapp:${businessNumber}`);
    const customer = { address: `whatsapp:${maria.address}`, name: 'Maria Silva' };
    const answer = await h.emulator.customer.sendText(customer, 'oi');
    assert.equal(answer.status, 200, answer.body);
    const reply = await nextViews(h, customer.address, 0, "the bot's greeting");
    assert.equal(reply.length, 1, 'WhatsApp has no SMS segments: one message');
    const form = [...new URLSearchParams(messagesApiCalls(h)[0]?.body.toString())];
    assert.deepEqual(form.slice(0, 2), [
      ['To', customer.address],
      ['From', `whatsapp:${businessNumber}`],
    ]);
    const [contact] = await h.contactsWithPhone(maria.address);
    assert.equal(contact?.displayName, 'Maria Silva');
  });

  test('an MMS photo is fetched from Twilio with basic auth and kept by Fio', async (t) => {
    const h = await startHarness(t);
    const jpeg = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4096, 9)]));
    const answer = await h.emulator.customer.sendMedia(maria, { body: jpeg, contentType: 'image/jpeg' }, 'chegou assim');
    assert.equal(answer.status, 200, answer.body);
    const stored = await eventually(
      async () => {
        const { messages } = await h.transcriptOf(maria.address);
        const media = messages.find((m) => m.content.kind === 'media');
        return media?.content.kind === 'media' && media.content.sizeBytes ? media.content : undefined;
      },
      8000,
      'the photo to be stored',
    );
    assert.match(stored.url, /^\/media\/med_[0-9a-z]{22}$/);
    assert.equal(stored.mimeType, 'image/jpeg');
    assert.equal(stored.caption, 'chegou assim');
    const file = await fetch(`${h.running.baseUrl}${stored.url}`, { headers: { authorization: `Bearer ${h.running.adminToken}` } });
    assert.equal(file.status, 200);
    assert.deepEqual(new Uint8Array(await file.arrayBuffer()), jpeg);
    const mediaCalls = h.emulator.requests.filter((r) => r.method === 'GET' && r.path.includes('/Media/ME'));
    assert.equal(mediaCalls[0]?.headers['authorization'], `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`);
  });

  test('PARAR withdraws consent: one confirmation goes out, later replies are refused as opted out', async (t) => {
    const h = await startHarness(t);
    await h.emulator.customer.sendText(maria, 'oi');
    const greeting = await nextViews(h, maria.address, 0, 'the greeting');

    const answer = await h.emulator.customer.sendText(maria, 'PARAR');
    assert.equal(answer.status, 200);
    assert.equal(answer.body, '<?xml version="1.0" encoding="UTF-8"?><Response/>');
    const confirmation = await nextViews(h, maria.address, greeting.length, 'the opt-out confirmation');
    assert.equal(confirmation.length, 1);

    // Maria writes again: the bot may answer, but nothing reaches her phone, and the refusal is on record.
    await h.emulator.customer.sendText(maria, 'oi de novo');
    const refused = await eventually(
      async () => {
        const { messages } = await h.transcriptOf(maria.address);
        const last = messages.at(-1);
        return last?.direction === 'outbound' && last.status === 'failed' ? last : undefined;
      },
      8000,
      'the next reply to be refused',
    );
    assert.equal(refused.error?.code, 'recipient_unreachable:opted_out');
    assert.match(refused.error?.message ?? '', /opted out/);
    assert.equal(viewsTo(h, maria.address).length, greeting.length + 1, 'nothing else was sent');
  });

  test("STOP also unsubscribes the number at Twilio: Fio's confirmation is refused with Twilio's 21610", async (t) => {
    const h = await startHarness(t);
    const answer = await h.emulator.customer.sendText(maria, 'STOP');
    assert.equal(answer.status, 200);
    assert.equal(h.emulator.isUnsubscribed(businessNumber, maria.address), true);
    const failed = await eventually(
      async () => {
        const { messages } = await h.transcriptOf(maria.address);
        return messages.find((m) => m.direction === 'outbound' && m.status === 'failed');
      },
      8000,
      'the confirmation to fail at Twilio',
    );
    assert.equal(failed.author, 'system');
    assert.equal(failed.error?.code, 'recipient_unreachable:21610');
    assert.match(failed.error?.message ?? '', /Attempt to send to unsubscribed recipient/);
    assert.equal(viewsTo(h, maria.address).length, 0);
  });

  test('a bad signature is refused with 401 and nothing stored; a malformed body with 400', async (t) => {
    const h = await startHarness(t);
    const params: [string, string][] = [
      ['SmsMessageSid', 'SM0000000000000000000000000000beef'],
      ['NumMedia', '0'],
      ['SmsSid', 'SM0000000000000000000000000000beef'],
      ['SmsStatus', 'received'],
      ['Body', 'oi'],
      ['To', businessNumber],
      ['MessageSid', 'SM0000000000000000000000000000beef'],
      ['AccountSid', accountSid],
      ['From', '+5521912345678'],
      ['ApiVersion', '2010-04-01'],
    ];
    const forged = await signedPost(h, params, signTwilioWebhook('not-the-auth-token-0123456789', h.webhookUrl, params));
    assert.equal(forged.status, 401);
    const unsigned = await fetch(h.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    assert.equal(unsigned.status, 401);
    assert.deepEqual(await h.contactsWithPhone('+5521912345678'), []);

    const noFrom = await signedPost(
      h,
      params.filter(([k]) => k !== 'From'),
    );
    assert.equal(noFrom.status, 400);
    assert.match(await noFrom.text(), /no From/);
    const garbage = await signedPost(h, [['{"MessageSid"', '"SM1"}']]);
    assert.equal(garbage.status, 400);
    assert.deepEqual(await h.contactsWithPhone('+5521912345678'), []);

    // The same message correctly signed is then accepted.
    const valid = await signedPost(h, params);
    assert.equal(valid.status, 200);
    assert.equal((await h.contactsWithPhone('+5521912345678')).length, 1);
  });
});
