import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { ContactView, ConversationView, MessageView } from '@fio/contracts';
import { createTwilioVoiceEmulator, listenEmulator, signTwilioRequest, type CustomerView, type TwilioVoiceEmulator } from '@fio/emulators';
import { writeDemoWorkspaceWith } from '../support/demo-workspace-with.ts';
import { createTestEnvironment, eventually, startTestApp, type RunningApp } from '../support/test-app.ts';

const accountSid = 'AC5e1f0c7a9b2d4e6f8a0b1c2d3e4f5a6b';
const authToken = 'voice-int-test-auth-token-0123';
const businessNumber = '+551140041234';
const teamNumber = '+551130001234';
const maria = { address: '+5511987654321', name: 'MARIA SILVA' };

/** The demo workspace with a voice connection whose Twilio API is the emulator. */
function writeWorkspace(apiBaseUrl: string): string {
  return writeDemoWorkspaceWith(
    'fio-voice-ws-',
    `
  - id: loja-voz
    type: voice
    name: Telefone
    config:
      accountSid: ${accountSid}
      apiBaseUrl: '${apiBaseUrl}'
      language: pt-BR
      handoff: { dial: '${teamNumber}', callerId: '${businessNumber}' }
    secrets:
      authToken: ${authToken}
`,
  );
}

interface Harness {
  running: RunningApp;
  emulator: TwilioVoiceEmulator;
  webhookUrl: string;
  api<T>(path: string): Promise<T>;
  transcriptOf(phone: string): Promise<{ conversation: ConversationView; messages: MessageView[] }>;
}

async function startHarness(t: TestContext): Promise<Harness> {
  // The emulator needs Fio's URL and Fio needs the emulator's: the port is opened first, the emulator made after.
  const holder: { emulator?: TwilioVoiceEmulator } = {};
  const api = await listenEmulator({
    handle: async (req, res, path) => {
      if (!holder.emulator) throw new Error('emulator not ready');
      return holder.emulator.handle(req, res, path);
    },
  });
  const workspaceDir = writeWorkspace(api.url);
  const te = await createTestEnvironment('sqlite');
  const running = await startTestApp(te, { config: { workspaceDirs: [workspaceDir] } });
  t.after(async () => {
    await running.app.close();
    await api.close();
    await te.cleanup();
    rmSync(workspaceDir, { recursive: true, force: true });
  });
  const webhookUrl = `${running.baseUrl}/webhooks/voice/loja-voz`;
  const emulator = createTwilioVoiceEmulator({ accountSid, authToken, phoneNumber: businessNumber, webhookUrl });
  holder.emulator = emulator;
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${running.baseUrl}${path}`, { headers: { authorization: `Bearer ${running.adminToken}` } });
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as T;
  };
  return {
    running,
    emulator,
    webhookUrl,
    api: get,
    transcriptOf: async (phone) => {
      const contacts = await get<{ data: ContactView[] }>(`/api/v1/contacts?phone=${encodeURIComponent(phone)}`);
      assert.equal(contacts.data.length, 1, `one contact for ${phone}`);
      const conversations = await get<{ data: ConversationView[] }>(`/api/v1/conversations?contactId=${contacts.data[0]!.id}`);
      assert.equal(conversations.data.length, 1);
      const conversation = conversations.data[0]!;
      const messages = await get<{ data: MessageView[] }>(`/api/v1/conversations/${conversation.id}/messages?limit=100`);
      return { conversation, messages: messages.data };
    },
  };
}

const callsApiUpdates = (h: Harness) => h.emulator.requests.filter((r) => /\/Calls\/CA[0-9a-f]{32}\.json$/.test(r.path));
const twimlOf = (body: Buffer) => new URLSearchParams(body.toString()).get('Twiml') ?? '';
const viewsTo = (h: Harness, phone: string) => h.emulator.delivered.filter((view) => view.to === phone);

async function nextView(h: Harness, phone: string, after: number, what: string): Promise<CustomerView> {
  return eventually(() => viewsTo(h, phone)[after], 8000, what);
}

describe('voice through the real app and the Twilio voice emulator', () => {
  test('a caller calls, talks to the bot in pt-BR, asks for a person and is dialled to the team; the call is the transcript', async (t) => {
    const h = await startHarness(t);

    // 1. The call comes in and the caller says "oi": greeting, then a holding Gather while the bot answers.
    const answer = await h.emulator.customer.sendText(maria, 'oi');
    assert.equal(answer.status, 200);
    assert.match(answer.contentType ?? '', /^text\/xml/);
    assert.match(
      answer.body,
      /<Gather input="speech dtmf" language="pt-BR" action="[^"]+\?turn=call&amp;seq=1" method="POST" speechTimeout="auto"><Pause length="2"\/><\/Gather>/,
    );
    const call = h.emulator.liveCall(maria.address);
    assert.ok(call);
    const [greeting] = viewsTo(h, maria.address);
    assert.equal(greeting?.text, 'Olá! Obrigado por ligar. Como posso ajudar? Pode falar ou digitar.');

    // 2. The bot's reply arrives as a Calls API update: said in pt-BR with the options spoken, then listening.
    const reply = await nextView(h, maria.address, 1, "the bot's greeting");
    assert.equal(reply.action, 'gather');
    assert.match(reply.text, /ol[aá]/i);
    assert.match(reply.text, /Diga ou digite 1 para .+ ou \d para /);
    assert.ok((reply.options ?? []).length >= 2, 'the menu is spoken as options');
    const [update] = callsApiUpdates(h);
    assert.ok(update);
    assert.equal(update.method, 'POST');
    assert.equal(update.path, `/2010-04-01/Accounts/${accountSid}/Calls/${call.sid}.json`);
    assert.equal(update.headers['authorization'], `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`);
    const twiml = twimlOf(update.body);
    assert.match(
      twiml,
      new RegExp(
        `^<\\?xml version="1.0" encoding="UTF-8"\\?><Response><Gather input="speech dtmf" language="pt-BR" action="${h.webhookUrl}\\?turn=[^&"]+&amp;seq=0" method="POST" speechTimeout="auto"><Say voice="Polly.Camila" language="pt-BR">`,
      ),
    );
    assert.match(twiml, /<\/Say><\/Gather><Redirect method="POST">[^<]+after=prompt&amp;tries=1<\/Redirect><\/Response>$/);

    // 3. "falar com atendente": the handoff is said, then the call is dialled to the team's number.
    await h.emulator.customer.sendText(maria, 'quero falar com atendente');
    const handoff = await nextView(h, maria.address, 2, 'the handoff');
    assert.match(handoff.text, /^Certo! Vou chamar uma pessoa da nossa equipe/);
    assert.equal(handoff.action, `dial ${teamNumber}`);
    const dialTwiml = twimlOf(callsApiUpdates(h).at(-1)!.body);
    assert.match(
      dialTwiml,
      new RegExp(
        `<Dial action="[^"]+after=dial" method="POST" timeout="30" callerId="\\${businessNumber}"><Number>\\${teamNumber}</Number></Dial></Response>$`,
      ),
    );
    assert.equal(h.emulator.liveCall(maria.address)?.bridged?.target, teamNumber);

    // 4. The agent finishes the call: the status callback is acknowledged with empty TwiML and adds no message.
    await h.emulator.customer.finishDial(maria, 'completed');
    assert.equal(h.emulator.liveCall(maria.address), undefined);

    // 5. Each utterance and reply is a message of one conversation: the call's transcript, for the agent.
    const { conversation, messages } = await eventually(
      async () => {
        const transcript = await h.transcriptOf(maria.address);
        return transcript.messages.length === 4 ? transcript : undefined;
      },
      5000,
      'four messages',
    );
    assert.equal(conversation.status, 'queued');
    assert.deepEqual(
      messages.map((m) => [m.direction, m.author, m.channelType]),
      [
        ['inbound', 'contact', 'voice'],
        ['outbound', 'bot', 'voice'],
        ['inbound', 'contact', 'voice'],
        ['outbound', 'bot', 'voice'],
      ],
    );
    assert.equal(messages[0]?.text, 'oi');
    assert.equal(messages[0]?.providerMessageId, `${call.sid}:call:0`);
    assert.equal(messages[1]?.text, reply.text);
    assert.equal(messages[2]?.text, 'quero falar com atendente');
    assert.equal(messages[3]?.text, handoff.text);
    await eventually(
      async () => {
        const { messages: now } = await h.transcriptOf(maria.address);
        return now.filter((m) => m.direction === 'outbound').every((m) => m.status === 'delivered');
      },
      5000,
      'replies delivered',
    );
    const contact = await h.api<{ data: ContactView[] }>(`/api/v1/contacts?phone=${encodeURIComponent(maria.address)}`);
    assert.equal(contact.data[0]?.displayName, 'MARIA SILVA');
  });

  test('a keypad press picks the spoken option; a retried Gather callback is stored once', async (t) => {
    const h = await startHarness(t);
    await h.emulator.customer.sendText(maria, 'bom dia');
    const menu = await nextView(h, maria.address, 1, 'the menu');
    const call = h.emulator.liveCall(maria.address)!;
    const gatherUrl = call.listening!.action;
    assert.match(menu.text, /Diga ou digite 1 para status do pedido, 2 para hor[aá]rio de atendimento ou 3 para falar com uma pessoa\./);
    await h.emulator.customer.pickOption!(maria, menu, 0);
    const answer = await nextView(h, maria.address, 2, 'the answer to option 1');
    assert.match(answer.text, /n[uú]mero do pedido/i, 'digit 1 started the order-status flow the first option names');

    // Twilio retrying the same Gather callback (same URL, same parameters) is a duplicate, not a new message.
    const params = {
      AccountSid: accountSid,
      ApiVersion: '2010-04-01',
      CallSid: call.sid,
      CallStatus: 'in-progress',
      Direction: 'inbound',
      From: maria.address,
      To: businessNumber,
      Digits: '1',
    };
    const retry = await fetch(gatherUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(authToken, gatherUrl, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    assert.equal(retry.status, 200);
    const { messages } = await h.transcriptOf(maria.address);
    const inbound = messages.filter((m) => m.direction === 'inbound');
    assert.deepEqual(
      inbound.map((m) => m.text),
      ['bom dia', '1'],
    );
  });

  test('an agent replying after the caller hung up: the message fails permanently, with the provider reason shown to the agent', async (t) => {
    const h = await startHarness(t);
    await h.emulator.customer.sendText(maria, 'oi');
    await nextView(h, maria.address, 1, "the bot's greeting");
    const sid = h.emulator.liveCall(maria.address)!.sid;
    await h.emulator.customer.hangUp(maria);
    assert.equal(h.emulator.calls.find((c) => c.sid === sid)?.status, 'completed');

    const { conversation } = await h.transcriptOf(maria.address);
    const res = await fetch(`${h.running.baseUrl}/api/v1/conversations/${conversation.id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.running.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: { kind: 'text', text: 'Oi Maria, aqui é a Ana.' } }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    const failed = await eventually(
      async () => (await h.transcriptOf(maria.address)).messages.find((m) => m.text === 'Oi Maria, aqui é a Ana.' && m.status === 'failed'),
      8000,
      'the reply marked failed',
    );
    assert.equal(failed.error?.code, 'recipient_unreachable:21220');
    assert.match(failed.error?.message ?? '', /call has ended.*21220/);
    const refused = callsApiUpdates(h).at(-1);
    assert.match(twimlOf(refused!.body), /Oi Maria, aqui é a Ana\./);
  });

  test('a bad signature is refused with 401 and nothing is stored; a malformed body is a 400', async (t) => {
    const h = await startHarness(t);
    const params = {
      AccountSid: accountSid,
      ApiVersion: '2010-04-01',
      CallSid: 'CA0123456789abcdef0123456789abcdef',
      CallStatus: 'in-progress',
      From: maria.address,
      To: businessNumber,
      SpeechResult: 'oi',
    };
    const url = `${h.webhookUrl}?turn=call&seq=0`;
    const forged = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest('not-the-token', url, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    assert.equal(forged.status, 401);
    const unsigned = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    assert.equal(unsigned.status, 401);
    const contacts = await h.api<{ data: ContactView[] }>(`/api/v1/contacts?phone=${encodeURIComponent(maria.address)}`);
    assert.equal(contacts.data.length, 0);

    const truncated = 'AccountSid=' + accountSid + '&CallSid=CA0123';
    const malformed = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(authToken, url, Object.fromEntries(new URLSearchParams(truncated))),
      },
      body: truncated,
    });
    assert.equal(malformed.status, 400);
    assert.match(await malformed.text(), /missing From, To, CallStatus, ApiVersion/);
    assert.equal(callsApiUpdates(h).length, 0);
  });
});
