import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { listenEmulator } from '../emulator-kit.ts';
import { parseXml, textContent, XmlParseError } from './parse-xml.ts';
import { signTwilioRequest } from './sign-twilio-request.ts';
import { spokenOptions } from './spoken-options.ts';
import { createTwilioVoiceEmulator, type TwilioVoiceEmulator } from './twilio-voice-emulator.ts';

const accountSid = 'AC11111111111111111111111111111111';
const authToken = 'emulator-test-token';
const auth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
const vectors = resolve(
  import.meta.dirname,
  '../../../../../shared/data/channel-fixtures/twilio/signature/twilio_node_validation_vectors.json',
);

describe('signTwilioRequest', () => {
  test("matches Twilio's documented example signature", () => {
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };
    assert.equal(signTwilioRequest('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params), 'RSOYDt4T1cUTdK1PDd93/VVr8B8=');
  });

  test(
    "matches twilio-node's form-parameter vectors",
    { skip: existsSync(vectors) ? false : 'needs ../shared/data/channel-fixtures' },
    () => {
      const { vectors: list } = JSON.parse(readFileSync(vectors, 'utf8')) as {
        vectors: {
          name: string;
          auth_token: string;
          url: string;
          params?: Record<string, string>;
          expected_signature?: string;
          expected_valid?: boolean;
        }[];
      };
      const formVectors = list.filter((v) => v.params && v.expected_signature && v.expected_valid !== false);
      assert.ok(formVectors.length >= 1);
      for (const v of formVectors) assert.equal(signTwilioRequest(v.auth_token, v.url, v.params ?? {}), v.expected_signature, v.name);
    },
  );
});

describe('parseXml', () => {
  test('reads entities, character references, CDATA, comments and single-quoted attributes', () => {
    const root = parseXml(
      `<?xml version="1.0"?><!-- c --><Response><Say voice='a&amp;b'>1 &lt; 2 &#x263A; &#65;<![CDATA[<x>]]></Say><!-- d --></Response>`,
    );
    assert.equal(root.name, 'Response');
    const say = root.children[0];
    assert.ok(typeof say !== 'string' && say);
    assert.equal(say.attributes['voice'], 'a&b');
    assert.equal(textContent(say), '1 < 2 ☺ A<x>');
  });

  test('refuses malformed documents and DTDs', () => {
    for (const bad of [
      '<Response><Say></Response>',
      '<Response>',
      '<!DOCTYPE x><Response/>',
      '<Response a=1/>',
      '<Response>&nope;</Response>',
      '<A/><B/>',
    ]) {
      assert.throws(() => parseXml(bad), XmlParseError, bad);
    }
  });
});

test('spokenOptions reads the menu a caller hears in pt-BR, English and Spanish', () => {
  assert.deepEqual(spokenOptions('Olá!\n\nDiga ou digite 1 para pedidos, 2 para trocas ou 3 para falar com atendente.'), [
    { id: '1', label: 'pedidos' },
    { id: '2', label: 'trocas' },
    { id: '3', label: 'falar com atendente' },
  ]);
  assert.deepEqual(
    spokenOptions('Say or press 1 for orders, 2 for returns, or 3 for an agent.').map((o) => o.label),
    ['orders', 'returns', 'an agent'],
  );
  assert.deepEqual(
    spokenOptions('Diga o marque 1 para pedidos o 2 para cambios.').map((o) => o.id),
    ['1', '2'],
  );
  assert.deepEqual(spokenOptions('Sem menu aqui.'), []);
});

describe('the emulated call and Calls API', () => {
  // A TwiML app as Twilio's docs write one: answers the call with a Gather, echoes what it heard.
  const received: { path: string; params: Record<string, string>; signatureValid: boolean }[] = [];
  let holdGatherAnswer: Promise<void> | null = null;
  let app: { url: string; close(): void };
  let emulator: TwilioVoiceEmulator;
  let api: { url: string; close(): Promise<void> };

  before(async () => {
    const server = createServer((req, res) => {
      void readForm(req).then(async (params) => {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${req.url ?? ''}`;
        const signatureValid = req.headers['x-twilio-signature'] === signTwilioRequest(authToken, url, params);
        received.push({ path: req.url ?? '', params, signatureValid });
        if (req.url === '/gather' && holdGatherAnswer) await holdGatherAnswer;
        const twiml =
          req.url === '/gather'
            ? `<Response><Say>Você disse ${params['SpeechResult'] ?? params['Digits'] ?? ''}</Say><Gather input="speech dtmf" action="/gather"/></Response>`
            : req.url === '/status'
              ? '<Response/>'
              : '<Response><Gather input="speech dtmf" action="/gather"><Say>Bem-vindo</Say></Gather><Say>Tchau</Say></Response>';
        res.writeHead(200, { 'content-type': 'text/xml' }).end(twiml);
      });
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    app = { url: base, close: () => server.close() };
    emulator = createTwilioVoiceEmulator({
      accountSid,
      authToken,
      phoneNumber: '+551140041234',
      webhookUrl: `${base}/voice`,
      statusCallbackUrl: `${base}/status`,
    });
    api = await listenEmulator(emulator);
  });
  after(async () => {
    await api.close();
    app.close();
  });

  const update = (callSid: string, params: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${api.url}/2010-04-01/Accounts/${accountSid}/Calls/${callSid}.json`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(params).toString(),
    });

  test('a call: signed incoming-call webhook, the Gather hears speech and digits, relative actions resolved', async () => {
    const caller = { address: '+5511900000001', name: 'ANA' };
    await emulator.customer.sendText(caller, 'quero ajuda');
    const [incoming, gather] = received.slice(-2);
    assert.equal(incoming?.path, '/voice');
    assert.equal(incoming?.params['CallStatus'], 'ringing');
    assert.equal(incoming?.params['CallerName'], 'ANA');
    assert.equal(incoming?.params['ApiVersion'], '2010-04-01');
    assert.equal(gather?.path, '/gather');
    assert.deepEqual(
      [gather?.params['SpeechResult'], gather?.params['Confidence'], gather?.params['CallStatus']],
      ['quero ajuda', '0.92', 'in-progress'],
    );
    assert.ok(received.every((r) => r.signatureValid));
    await emulator.customer.sendText(caller, '42');
    assert.equal(received.at(-1)?.params['Digits'], '42');
    const said = emulator.delivered.filter((v) => v.to === caller.address).map((v) => [v.text, v.action]);
    assert.deepEqual(said, [
      ['Bem-vindo', 'gather'],
      ['Você disse quero ajuda', 'gather'],
      ['Você disse 42', 'gather'],
    ]);
  });

  test('the Calls API checks auth, content type, parameters, TwiML size and syntax with Twilio error codes', async () => {
    const caller = { address: '+5511900000002' };
    await emulator.customer.sendText(caller, 'oi');
    const sid = emulator.liveCall(caller.address)!.sid;
    const codeOf = async (res: Response) => [res.status, ((await res.json()) as { code: number }).code];
    assert.deepEqual(await codeOf(await update(sid, { Twiml: '<Response/>' }, { authorization: 'Basic eDp5' })), [401, 20003]);
    assert.deepEqual(await codeOf(await update('CA00000000000000000000000000000000', { Twiml: '<Response/>' })), [404, 20404]);
    assert.deepEqual(await codeOf(await update(sid, { Twiml: '<Response/>' }, { 'content-type': 'application/json' })), [400, 20001]);
    assert.deepEqual(await codeOf(await update(sid, { Foo: 'bar' })), [400, 21201]);
    assert.deepEqual(await codeOf(await update(sid, { Twiml: `<Response><Say>${'a'.repeat(4000)}</Say></Response>` })), [400, 32018]);
    assert.deepEqual(await codeOf(await update(sid, { Twiml: '<Response><Say>oi</Response>' })), [400, 12100]);
    emulator.failNext(1, 503);
    assert.equal((await update(sid, { Twiml: '<Response/>' })).status, 503);
    assert.equal(emulator.liveCall(caller.address)?.sid, sid, 'refused updates leave the call alone');
  });

  test('an update replaces the call, even while a Gather answer is in flight; Status=completed ends it, then 21220', async () => {
    const caller = { address: '+5511900000003' };
    await emulator.customer.sendText(caller, 'primeira');
    const sid = emulator.liveCall(caller.address)!.sid;
    let release = () => {};
    holdGatherAnswer = new Promise<void>((done) => (release = done));
    const speaking = emulator.customer.sendText(caller, 'segunda');
    await new Promise((r) => setTimeout(r, 50));
    const res = await update(sid, {
      Twiml: `<Response><Gather input="speech" action="${app.url}/gather"><Say>Resposta do bot</Say></Gather></Response>`,
    });
    assert.equal(res.status, 200, await res.clone().text());
    const body = (await res.json()) as { sid: string; account_sid: string; status: string };
    assert.deepEqual([body.sid, body.account_sid, body.status], [sid, accountSid, 'in-progress']);
    release();
    holdGatherAnswer = null;
    await speaking;
    const heard = emulator.delivered.filter((v) => v.to === caller.address).map((v) => v.text);
    assert.equal(heard.at(-1), 'Resposta do bot', "the late webhook answer ('Você disse segunda') was dropped");
    assert.ok(!heard.includes('Você disse segunda'));

    assert.equal((await update(sid, { Status: 'completed' })).status, 200);
    await new Promise((r) => setTimeout(r, 50));
    const status = received.at(-1);
    assert.equal(status?.path, '/status');
    assert.deepEqual([status?.params['CallStatus'], status?.params['CallbackSource']], ['completed', 'call-progress-events']);
    const ended = await update(sid, { Twiml: '<Response/>' });
    assert.deepEqual([ended.status, ((await ended.json()) as { code: number }).code], [400, 21220]);
  });

  test('a document that runs out of verbs hangs up after the caller stays silent', async () => {
    const caller = { address: '+5511900000004' };
    await emulator.customer.sendText(caller, 'oi');
    const sid = emulator.liveCall(caller.address)!.sid;
    assert.equal(
      (
        await update(sid, {
          Twiml: `<Response><Gather action="${app.url}/gather" input="speech"><Say>Algo mais?</Say></Gather><Say>Tchau</Say></Response>`,
        })
      ).status,
      200,
    );
    await new Promise((r) => setTimeout(r, 20));
    await emulator.customer.staySilent(caller);
    const last = emulator.delivered.filter((v) => v.to === caller.address).at(-1);
    assert.deepEqual([last?.text, last?.action], ['Tchau', 'hangup']);
    assert.equal(emulator.liveCall(caller.address), undefined);
  });
});

async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
}
