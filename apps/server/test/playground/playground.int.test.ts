import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnvironment, eventually, startTestApp, type RunningApp } from '../support/test-app.ts';

interface HeardEvent {
  type: 'customer' | 'delivered' | 'stored';
  channel?: string;
  index?: number;
  view?: { to: string; text: string; options?: { id: string; label: string }[]; action?: string };
  message?: { conversationId: string; channelType: string; direction: string; author: string; text: string };
}

/** Reads the playground's SSE stream into an array until closed. */
async function listen(url: string) {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  const heard: HeardEvent[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          if (data) heard.push(JSON.parse(data));
        }
      }
    } catch {
      // aborted at the end of the test
    }
  })();
  return { heard, close: () => controller.abort() };
}

const post = async (fio: RunningApp, path: string, body: unknown) => {
  const res = await fetch(`${fio.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
};

describe('the channel playground', () => {
  test('a WhatsApp customer without the 9th digit, then the same person by SMS, reach the real webhooks and share one conversation', async (t) => {
    const te = await createTestEnvironment('sqlite');
    const fio = await startTestApp(te);
    const events = await listen(`${fio.baseUrl}/playground/api/events`);
    t.after(async () => {
      events.close();
      await fio.app.close();
      await te.cleanup();
    });

    const page = await fetch(`${fio.baseUrl}/playground`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    const script = await fetch(`${fio.baseUrl}/playground/playground.js`);
    assert.equal(script.status, 200);
    assert.doesNotMatch(await script.text(), /interface \w+ \{/, 'the script is served without its types');

    const state = await (await fetch(`${fio.baseUrl}/playground/api/state`)).json();
    const types = state.channels.map((c: { type: string }) => c.type);
    for (const type of ['whatsapp', 'sms', 'voice']) assert.ok(types.includes(type), `the playground plays ${type}`);
    assert.deepEqual(state.widget, { connectionId: 'demo-webchat' });
    assert.doesNotMatch(JSON.stringify(state), /change-me/, 'no secret is shown');

    // 1. WhatsApp, as WhatsApp writes an old Brazilian mobile: no 9th digit.
    const sent = await post(fio, '/playground/api/whatsapp/send', { from: '+55 11 8765-4321', text: 'oi', name: 'Maria Silva' });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.equal(sent.body.from, '+551187654321');
    assert.equal(sent.body.webhook.status, 200, 'the signed webhook passed Fio verification');
    const greeting = await eventually(
      () => events.heard.find((e) => e.type === 'delivered' && e.channel === 'whatsapp' && (e.view?.options?.length ?? 0) > 0),
      10_000,
      'the bot greeting delivered on WhatsApp',
    );
    assert.equal(greeting.view!.to.replace(/\D/g, ''), '551187654321');
    assert.match(greeting.view!.text, /Loja Exemplo|Olá|Oi/i);
    const storedInbound = events.heard.find((e) => e.type === 'stored' && e.message?.direction === 'inbound');
    assert.equal(storedInbound?.message?.channelType, 'whatsapp');
    assert.equal(storedInbound?.message?.text, 'oi');
    const history = (await (await fetch(`${fio.baseUrl}/playground/api/state`)).json()).history;
    assert.ok(
      history.some((e: HeardEvent) => e.type === 'delivered' && e.index === greeting.index),
      "the emulator's delivered list has it",
    );

    // 2. The same person by SMS, with the 9th digit.
    const sms = await post(fio, '/playground/api/sms/send', { from: '+55 11 98765-4321', text: 'vocês estão abertos agora?' });
    assert.equal(sms.status, 200, JSON.stringify(sms.body));
    assert.equal(sms.body.webhook.status, 200);
    await eventually(
      () => events.heard.find((e) => e.type === 'delivered' && e.channel === 'sms' && e.view?.to.replace(/\D/g, '') === '5511987654321'),
      10_000,
      'the bot reply delivered by SMS',
    );

    const res = await fetch(
      `${fio.baseUrl}/playground/api/conversation?channel=whatsapp&contact=${encodeURIComponent('+55 11 8765-4321')}`,
    );
    assert.equal(res.status, 200);
    const view = await res.json();
    assert.ok(view.contact.identities.some((i: { kind: string; value: string }) => i.kind === 'phone' && i.value === '+5511987654321'));
    const channels = new Set(view.messages.map((m: { channelType: string }) => m.channelType));
    assert.deepEqual([...channels].sort(), ['sms', 'whatsapp'], 'one conversation, two channels');
    const bySms = await (await fetch(`${fio.baseUrl}/playground/api/conversation?channel=sms&contact=%2B5511987654321`)).json();
    assert.equal(bySms.conversation.id, view.conversation.id);
    const byPhone = await (await fetch(`${fio.baseUrl}/playground/api/conversation?contact=%2B55%2011%2098765-4321`)).json();
    assert.equal(byPhone.conversation.id, view.conversation.id, 'without a channel, a phone is read as a phone');

    // 3. A button on WhatsApp: "Falar com atendente" hands the conversation to a person.
    const handoffIndex = greeting.view!.options!.findIndex((o) => /atendente|pessoa/i.test(o.label));
    assert.ok(handoffIndex >= 0, 'the greeting offers a person');
    const picked = await post(fio, '/playground/api/whatsapp/pick', {
      from: '+55 11 8765-4321',
      messageIndex: greeting.index,
      optionIndex: handoffIndex,
    });
    assert.equal(picked.status, 200, JSON.stringify(picked.body));
    assert.doesNotMatch(JSON.stringify(events.heard), /change-me|"raw"/, 'neither secrets nor provider requests reach the page');

    const after = await eventually(
      async () => {
        const now = await (await fetch(`${fio.baseUrl}/playground/api/conversation?channel=sms&contact=%2B5511987654321`)).json();
        return now.conversation.status !== 'bot' && now;
      },
      10_000,
      'the conversation handed to a person',
    );
    assert.equal(after.conversation.id, view.conversation.id);
    const handoff = after.messages.at(-1);
    assert.equal(handoff.author, 'bot');
    assert.equal(handoff.channelType, 'whatsapp', 'the reply goes where the customer wrote last');
    assert.match(handoff.text, /equipe|team/i);
  });

  test('a Telegram user is answered with inline buttons and presses one', async (t) => {
    const te = await createTestEnvironment('sqlite');
    const fio = await startTestApp(te);
    const events = await listen(`${fio.baseUrl}/playground/api/events`);
    t.after(async () => {
      events.close();
      await fio.app.close();
      await te.cleanup();
    });
    const sent = await post(fio, '/playground/api/telegram/send', { from: '781234567', text: 'olá', name: 'Maria' });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.equal(sent.body.webhook.status, 200, 'the secret token header passed');
    const greeting = await eventually(
      () => events.heard.find((e) => e.type === 'delivered' && e.channel === 'telegram' && (e.view?.options?.length ?? 0) > 0),
      10_000,
      'the greeting with an inline keyboard',
    );
    assert.equal(greeting.view!.to, '781234567');
    const hours = greeting.view!.options!.findIndex((o) => /hor[aá]rio/i.test(o.label));
    assert.ok(hours >= 0);
    const picked = await post(fio, '/playground/api/telegram/pick', {
      from: '781234567',
      messageIndex: greeting.index,
      optionIndex: hours,
    });
    assert.equal(picked.status, 200, JSON.stringify(picked.body));
    await eventually(
      () => events.heard.find((e) => e.type === 'delivered' && e.channel === 'telegram' && /[Ss]egunda/.test(e.view?.text ?? '')),
      10_000,
      'the opening hours answered on Telegram',
    );
    const view = await (await fetch(`${fio.baseUrl}/playground/api/conversation?channel=telegram&contact=781234567`)).json();
    assert.ok(view.contact.identities.some((i: { kind: string; value: string }) => i.kind === 'telegram_user' && i.value === '781234567'));
    assert.ok(view.messages.every((m: { channelType: string }) => m.channelType === 'telegram'));
  });

  test('Messenger and Instagram customers get quick replies and tap one', async (t) => {
    const te = await createTestEnvironment('sqlite');
    const fio = await startTestApp(te);
    const events = await listen(`${fio.baseUrl}/playground/api/events`);
    t.after(async () => {
      events.close();
      await fio.app.close();
      await te.cleanup();
    });
    for (const [channel, customer] of [
      ['messenger', '6543210987654321'],
      ['instagram', '17841400000000099'],
    ] as const) {
      const sent = await post(fio, `/playground/api/${channel}/send`, { from: customer, text: 'oi' });
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      assert.equal(sent.body.webhook.status, 200, `${channel}: the X-Hub-Signature-256 passed`);
      const greeting = await eventually(
        () => events.heard.find((e) => e.type === 'delivered' && e.channel === channel && (e.view?.options?.length ?? 0) > 0),
        10_000,
        `the ${channel} greeting with quick replies`,
      );
      assert.equal(greeting.view!.to, customer);
      const hours = greeting.view!.options!.findIndex((o) => /hor[aá]rio/i.test(o.label));
      const picked = await post(fio, `/playground/api/${channel}/pick`, {
        from: customer,
        messageIndex: greeting.index,
        optionIndex: hours,
      });
      assert.equal(picked.status, 200, JSON.stringify(picked.body));
      await eventually(
        () => events.heard.find((e) => e.type === 'delivered' && e.channel === channel && /[Ss]egunda/.test(e.view?.text ?? '')),
        10_000,
        `the opening hours on ${channel}`,
      );
    }
  });

  test('an e-mail customer writes over real SMTP, gets the bot in their mailbox, and answers in-thread', async (t) => {
    const te = await createTestEnvironment('sqlite');
    const fio = await startTestApp(te);
    const events = await listen(`${fio.baseUrl}/playground/api/events`);
    t.after(async () => {
      events.close();
      await fio.app.close();
      await te.cleanup();
    });
    const [listener] = fio.app.receiverAddresses().filter((r) => r.connectionId === 'demo-email');
    assert.equal(listener?.host, '127.0.0.1', 'the demo SMTP listener stays on loopback');
    assert.notEqual(listener?.port, 0);

    const sent = await post(fio, '/playground/api/email/send', {
      from: 'Maria.Silva@Example.com',
      text: 'Olá, vocês abrem no sábado?',
      name: 'Maria Silva',
    });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.equal(sent.body.from, 'maria.silva@example.com');
    assert.equal(sent.body.webhook.status, 250, "Fio's SMTP listener accepted the mail");
    const reply = await eventually(
      () => events.heard.find((e) => e.type === 'delivered' && e.channel === 'email' && e.view?.to === 'maria.silva@example.com'),
      10_000,
      "the bot's reply in the customer's mailbox",
    );
    assert.match(reply.view!.text, /[Ss]ábado|[Ss]egunda|Loja Exemplo/);

    const again = await post(fio, '/playground/api/email/send', { from: 'maria.silva@example.com', text: 'obrigada!' });
    assert.equal(again.body.webhook.status, 250);
    const view = await eventually(
      async () => {
        const now = await (
          await fetch(`${fio.baseUrl}/playground/api/conversation?channel=email&contact=maria.silva%40example.com`)
        ).json();
        return now.messages.filter((m: { direction: string }) => m.direction === 'inbound').length === 2 && now;
      },
      10_000,
      'the in-thread answer in the same conversation',
    );
    assert.ok(view.messages.every((m: { channelType: string }) => m.channelType === 'email'));
  });

  test('refuses bad input with the reason, and acts only where it plays the customer', async (t) => {
    const te = await createTestEnvironment('sqlite');
    const fio = await startTestApp(te);
    t.after(async () => {
      await fio.app.close();
      await te.cleanup();
    });
    const badPhone = await post(fio, '/playground/api/sms/send', { from: 'maria', text: 'oi' });
    assert.equal(badPhone.status, 400);
    assert.equal(badPhone.body.code, 'validation_failed');
    assert.match(badPhone.body.message, /phone number/);
    const noText = await post(fio, '/playground/api/sms/send', { from: '+5511987654321', text: '   ' });
    assert.equal(noText.status, 400);
    assert.match(noText.body.message, /text/);
    const unknownType = await post(fio, '/playground/api/fax/send', { from: '+5511987654321', text: 'oi' });
    assert.equal(unknownType.status, 400);
    const notPlayed = await post(fio, '/playground/api/webchat/send', { from: 'visitor', text: 'oi' });
    assert.equal(notPlayed.status, 404);
    const wrongMessage = await post(fio, '/playground/api/whatsapp/pick', { from: '+5511987654321', messageIndex: 99, optionIndex: 0 });
    assert.equal(wrongMessage.status, 400);
    assert.match(wrongMessage.body.message, /was not sent to/);
    const noCall = await post(fio, '/playground/api/voice/hangup', { from: '+5511987654321' });
    assert.equal(noCall.status, 400);
    assert.match(noCall.body.message, /no call in progress/);
    const unknownMount = await fetch(`${fio.baseUrl}/emulators/nothing-here/v21.0/1/messages`, { method: 'POST', body: '{}' });
    assert.equal(unknownMount.status, 404);
    const stranger = await (await fetch(`${fio.baseUrl}/playground/api/conversation?channel=email&contact=nobody%40example.com`)).json();
    assert.ok(stranger.code === 'not_found' || stranger.contact === null);
  });

  test('is not served when FIO_PLAYGROUND is off', async (t) => {
    const te = await createTestEnvironment('sqlite', { FIO_PLAYGROUND: 'off' });
    const fio = await startTestApp(te);
    t.after(async () => {
      await fio.app.close();
      await te.cleanup();
    });
    assert.equal((await fetch(`${fio.baseUrl}/playground`)).status, 404);
    assert.equal((await fetch(`${fio.baseUrl}/playground/api/state`)).status, 404);
    assert.equal((await fetch(`${fio.baseUrl}/emulators/whatsapp/v21.0/1/messages`, { method: 'POST', body: '{}' })).status, 404);
  });
});
