import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelError, type SendContext } from '@fio/channel-kit';
import type { InboundMessageEvent } from '@fio/contracts';

import { createTwilioVoiceEmulator, listenEmulator, type TwilioVoiceEmulator } from '@fio/emulators';
import { voiceChannel, type VoiceConfig, type VoiceSecrets } from '../src/voice/index.ts';
import { accountSid, authToken, buildVoiceConnection, outbound } from './fixtures/voice-requests.ts';
import { startVoiceWebhookHost, type VoiceWebhookHost } from './fixtures/voice-webhook-host.ts';

const business = '+551140041234';
let host: VoiceWebhookHost;
let emulator: TwilioVoiceEmulator;
let api: { url: string; close(): Promise<void> };
let caller = 0;

before(async () => {
  host = await startVoiceWebhookHost((webhookUrl) => ({ ...buildVoiceConnection(), webhookUrl }));
  emulator = createTwilioVoiceEmulator({ accountSid, authToken, phoneNumber: business, webhookUrl: host.url });
  api = await listenEmulator(emulator);
});
after(async () => {
  await api.close();
  await host.close();
});

function sendContext(config: Partial<VoiceConfig> = {}, secrets: Partial<VoiceSecrets> = {}): SendContext<VoiceConfig, VoiceSecrets> {
  return {
    ...host.ctx,
    config: { ...host.ctx.config, apiBaseUrl: api.url, ...config },
    secrets: { ...host.ctx.secrets, ...secrets },
    fetch: globalThis.fetch,
    now: () => new Date(),
    realtime: { push: () => 0 },
  };
}

/** A new caller phones in and says something; resolves the live call's sid. */
async function callAndSay(text: string): Promise<{ from: { address: string }; callSid: string }> {
  caller += 1;
  const from = { address: `+55119876500${String(caller).padStart(2, '0')}` };
  const answer = await emulator.customer.sendText(from, text);
  assert.equal(answer.status, 200);
  const call = emulator.liveCall(from.address);
  assert.ok(call);
  return { from, callSid: call.sid };
}

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const viewsTo = (address: string) => emulator.delivered.filter((view) => view.to === address);

async function sendFails(promise: Promise<unknown>): Promise<ChannelError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ChannelError, String(error));
    return error;
  }
  assert.fail('sendMessage resolved');
}

describe('voice replies through the Calls API (against the emulator)', () => {
  test('a call: greeting, the caller speaks (one message), the reply replaces the call TwiML with the exact documented request', async () => {
    const { from, callSid } = await callAndSay('quero rastrear meu pedido');
    const [greeting] = viewsTo(from.address);
    assert.equal(greeting?.text, 'Olá! Obrigado por ligar. Como posso ajudar? Pode falar ou digitar.');
    assert.equal(greeting?.action, 'gather');
    const spoken = host.events.filter((e): e is InboundMessageEvent => e.type === 'message' && e.sender.address === callSid);
    assert.equal(spoken.length, 1);
    assert.equal(spoken[0]?.providerMessageId, `${callSid}:call:0`);

    const text = 'Claro! Diga ou digite 1 para rastrear pedido ou 2 para falar com atendente.';
    const message = outbound({
      messageId: 'msg_1',
      recipient: { address: callSid },
      content: { kind: 'text', text },
      conversationStatus: 'bot',
    });
    const result = await voiceChannel.sendMessage(message, sendContext());
    assert.deepEqual(result, { providerMessageId: `${callSid}/msg_1`, status: 'delivered' });

    const request = emulator.requests.at(-1)!;
    assert.equal(request.method, 'POST');
    assert.equal(request.path, `/2010-04-01/Accounts/${accountSid}/Calls/${callSid}.json`);
    assert.equal(request.headers['authorization'], `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`);
    assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
    const params = [...new URLSearchParams(request.body.toString())];
    assert.deepEqual(
      params.map(([name]) => name),
      ['Twiml'],
    );
    assert.equal(
      params[0]?.[1],
      '<?xml version="1.0" encoding="UTF-8"?><Response>' +
        `<Gather input="speech dtmf" language="pt-BR" action="${host.url}?turn=msg_1&amp;seq=0" method="POST" speechTimeout="auto">` +
        `<Say voice="Polly.Camila" language="pt-BR">${text}</Say></Gather>` +
        `<Redirect method="POST">${host.url}?turn=msg_1&amp;seq=0&amp;after=prompt&amp;tries=1</Redirect></Response>`,
    );

    const reply = viewsTo(from.address).at(-1)!;
    assert.equal(reply.text, text);
    assert.equal(reply.action, 'gather');
    assert.deepEqual(reply.options, [
      { id: '1', label: 'rastrear pedido' },
      { id: '2', label: 'falar com atendente' },
    ]);

    // The caller presses 1: a message "1" keyed by the reply's own Gather.
    await emulator.customer.pickOption!(from, reply, 0);
    const pressed = host.events.at(-1);
    assert.ok(pressed?.type === 'message');
    assert.equal(pressed.providerMessageId, `${callSid}:msg_1:0`);
    assert.deepEqual(pressed.content, { kind: 'text', text: '1' });
  });

  test('the bot hands off: the reply is said, then the call is dialled to the team number', async () => {
    const { from, callSid } = await callAndSay('falar com atendente');
    const handoff = { dial: '+551130001234', callerId: business, timeoutSeconds: 20 };
    const message = outbound({
      messageId: 'msg_h',
      recipient: { address: callSid },
      content: { kind: 'text', text: 'Certo! Vou chamar uma pessoa da nossa equipe.' },
      conversationStatus: 'queued',
      author: 'bot',
    });
    await voiceChannel.sendMessage(message, sendContext({ handoff }));
    const twiml = new URLSearchParams(emulator.requests.at(-1)!.body.toString()).get('Twiml');
    assert.equal(
      twiml,
      '<?xml version="1.0" encoding="UTF-8"?><Response>' +
        '<Say voice="Polly.Camila" language="pt-BR">Certo! Vou chamar uma pessoa da nossa equipe.</Say>' +
        `<Dial action="${host.url}?turn=msg_h&amp;seq=0&amp;after=dial" method="POST" timeout="20" callerId="${business}">` +
        '<Number>+551130001234</Number></Dial></Response>',
    );
    assert.equal(viewsTo(from.address).at(-1)?.action, 'dial +551130001234');
    await assert.rejects(emulator.customer.sendText(from, 'alô?'), /talking to a person/);

    // Nobody answered: the bot carries on with the caller.
    await emulator.customer.finishDial(from, 'no-answer');
    const after = viewsTo(from.address).at(-1);
    assert.equal(after?.text, 'Nossa equipe não pôde atender agora. Sigo com você por aqui: como posso ajudar?');
    assert.equal(after?.action, 'gather');
  });

  test('a SIP queue is dialled with <Sip>; a finished conversation with the team hangs up', async () => {
    const { from, callSid } = await callAndSay('atendente');
    const message = outbound({ messageId: 'msg_s', recipient: { address: callSid }, conversationStatus: 'queued', author: 'bot' });
    await voiceChannel.sendMessage(message, sendContext({ handoff: { dial: 'sip:fila@pbx.loja.example', timeoutSeconds: 30 } }));
    const twiml = new URLSearchParams(emulator.requests.at(-1)!.body.toString()).get('Twiml') ?? '';
    assert.ok(twiml.includes('<Sip>sip:fila@pbx.loja.example</Sip></Dial></Response>'), twiml);
    assert.equal(viewsTo(from.address).at(-1)?.action, 'dial sip:fila@pbx.loja.example');
    await emulator.customer.finishDial(from, 'completed');
    assert.equal(emulator.liveCall(from.address), undefined);
  });

  test('handoff with no team number: said so, and the bot keeps listening; an agent typing is read out, never dialled', async () => {
    const { from, callSid } = await callAndSay('atendente');
    await voiceChannel.sendMessage(
      outbound({ messageId: 'msg_q', recipient: { address: callSid }, conversationStatus: 'queued', author: 'bot' }),
      sendContext(),
    );
    const said = viewsTo(from.address).slice(-2);
    assert.deepEqual(
      said.map((v) => v.action),
      ['gather', 'gather'],
    );
    assert.equal(said[1]?.text, 'No momento nossa equipe não atende por telefone, mas sigo com você por aqui.');

    const agent = outbound({
      messageId: 'msg_a',
      recipient: { address: callSid },
      content: { kind: 'text', text: 'Oi, aqui é a Ana.' },
      conversationStatus: 'assigned',
      author: 'agent',
    });
    await voiceChannel.sendMessage(agent, sendContext({ handoff: { dial: '+551130001234', timeoutSeconds: 30 } }));
    assert.deepEqual(viewsTo(from.address).at(-1), { ...viewsTo(from.address).at(-1), text: 'Oi, aqui é a Ana.', action: 'gather' });
  });

  test('resolved: goodbye and hang up; the status callback is zero events; a later reply is recipient_unreachable (21220)', async () => {
    const { from, callSid } = await callAndSay('era só isso, obrigado');
    const before = host.events.length;
    await voiceChannel.sendMessage(
      outbound({
        messageId: 'msg_r',
        recipient: { address: callSid },
        content: { kind: 'text', text: 'Por nada!' },
        conversationStatus: 'resolved',
      }),
      sendContext(),
    );
    const [thanks, goodbye] = viewsTo(from.address).slice(-2);
    assert.deepEqual(
      [thanks?.text, thanks?.action, goodbye?.text, goodbye?.action],
      ['Por nada!', 'hangup', 'Obrigado por ligar. Até logo!', 'hangup'],
    );
    const call = emulator.calls.find((c) => c.sid === callSid);
    assert.equal(call?.status, 'completed');
    // Twilio answers the update, then plays it: the status callback follows the hang-up.
    await until(() => host.answers.at(-1)?.body === '<?xml version="1.0" encoding="UTF-8"?><Response/>');
    assert.equal(host.events.length, before, 'the status callback is not a message');
    assert.equal(host.answers.at(-1)?.body, '<?xml version="1.0" encoding="UTF-8"?><Response/>');

    const late = await sendFails(
      voiceChannel.sendMessage(outbound({ messageId: 'msg_late', recipient: { address: callSid } }), sendContext()),
    );
    assert.equal(late.code, 'recipient_unreachable');
    assert.equal(late.retryable, false);
    assert.equal(late.providerCode, '21220');
    assert.match(late.message, /the call has ended.*Call is not in-progress/);
  });

  test('silence: the caller is asked again, then told goodbye and the call ends', async () => {
    caller += 1;
    const from = { address: `+55119876500${caller}` };
    await emulator.customer.sendText(from, 'oi');
    await voiceChannel.sendMessage(
      outbound({ messageId: 'msg_quiet', recipient: { address: emulator.liveCall(from.address)!.sid }, conversationStatus: 'bot' }),
      sendContext(),
    );
    await emulator.customer.staySilent(from);
    await emulator.customer.staySilent(from);
    assert.equal(viewsTo(from.address).at(-1)?.text, 'Desculpe, não ouvi. Pode repetir, por favor?');
    await emulator.customer.staySilent(from);
    assert.deepEqual(viewsTo(from.address).at(-1), {
      ...viewsTo(from.address).at(-1),
      text: 'Não consegui ouvir você. Obrigado por ligar, até logo!',
      action: 'hangup',
    });
    assert.equal(emulator.liveCall(from.address), undefined);
  });

  test('provider errors are coded: unknown call 20404, bad credentials 20003, 429 with Retry-After, 503', async () => {
    const message = outbound({ recipient: { address: 'CA00000000000000000000000000000000' } });
    const unknown = await sendFails(voiceChannel.sendMessage(message, sendContext()));
    assert.deepEqual([unknown.code, unknown.providerCode, unknown.retryable], ['rejected', '20404', false]);
    const denied = await sendFails(voiceChannel.sendMessage(message, sendContext({}, { authToken: 'wrong-token' })));
    assert.deepEqual([denied.code, denied.providerCode, denied.retryable], ['unauthorized', '20003', false]);
    emulator.failNext(1, 429, { retryAfterSeconds: 3, body: JSON.stringify({ code: 20429, message: 'Too Many Requests', status: 429 }) });
    const slow = await sendFails(voiceChannel.sendMessage(message, sendContext()));
    assert.deepEqual([slow.code, slow.retryable, slow.retryAfterMs], ['rate_limited', true, 3000]);
    emulator.failNext(1, 503);
    const down = await sendFails(voiceChannel.sendMessage(message, sendContext()));
    assert.deepEqual([down.code, down.retryable], ['provider_unavailable', true]);
  });

  test('refused before calling Twilio: media, a reply too long for inline TwiML, no public URL', async () => {
    const count = emulator.requests.length;
    const media = await sendFails(
      voiceChannel.sendMessage(
        outbound({ content: { kind: 'media', mediaType: 'image', url: 'https://cdn.example.com/a.png' } }),
        sendContext(),
      ),
    );
    assert.equal(media.code, 'unsupported_content');
    const long = await sendFails(voiceChannel.sendMessage(outbound({ content: { kind: 'text', text: '&'.repeat(900) } }), sendContext()));
    assert.deepEqual([long.code, long.retryable], ['unsupported_content', false]);
    const { webhookUrl: _unused, ...withoutUrl } = sendContext();
    const noUrl = await sendFails(voiceChannel.sendMessage(outbound(), withoutUrl));
    assert.match(noUrl.message, /FIO_PUBLIC_URL/);
    assert.equal(emulator.requests.length, count);
  });

  test('quick replies that reach the adapter unfitted are spoken as options', async () => {
    const { from, callSid } = await callAndSay('menu');
    const content = {
      kind: 'text' as const,
      text: 'Escolha:',
      quickReplies: [
        { id: 'a', label: 'Pedidos' },
        { id: 'b', label: 'Trocas' },
      ],
    };
    await voiceChannel.sendMessage(outbound({ messageId: 'msg_m', recipient: { address: callSid }, content }), sendContext());
    assert.equal(viewsTo(from.address).at(-1)?.text, 'Escolha:\n\nDiga ou digite 1 para pedidos ou 2 para trocas.');
  });
});

test('a webhook signed with the wrong token is refused by the adapter (the emulator signs with its own)', async () => {
  const rogue = createTwilioVoiceEmulator({ accountSid, authToken: 'not-the-token', phoneNumber: business, webhookUrl: host.url });
  await assert.rejects(rogue.customer.sendText({ address: '+5511911112222' }, 'oi'), /answered HTTP 401/);
});
