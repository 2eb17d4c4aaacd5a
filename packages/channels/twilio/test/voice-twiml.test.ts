import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderTwiml, twimlElement as el, type TwimlElement } from '../src/voice/twiml/render-twiml.ts';
import { afterHoldTwiml, afterPromptTwiml, greetingTwiml, holdingTwiml, replyTwiml } from '../src/voice/twiml/voice-twiml.ts';
// The emulator's own parser (written from the XML spec, apart from our renderer) reads documents back.
import { childElements, parseXml, textContent, type XmlElement } from '@fio/emulators';
import { buildVoiceConnection, webhookUrl } from './fixtures/voice-requests.ts';

const fixturesDir = resolve(import.meta.dirname, '../../../../../shared/data/channel-fixtures/twilio-voice');
const skip = existsSync(fixturesDir) ? false : 'needs ../shared/data/channel-fixtures (absent in a fresh clone)';
const readFixture = (path: string): unknown => JSON.parse(readFileSync(resolve(fixturesDir, path), 'utf8'));
const response = (...children: TwimlElement[]) => el('Response', {}, children);
const c = { config: buildVoiceConnection().config, webhookUrl };
const verbs = (xml: string) => childElements(parseXml(xml)).map((verb) => verb.name);

/** The same documents twilio-node's tests expect, built with our renderer (comments are not something we write). */
const sameAsTwilioNode: Record<string, TwimlElement> = {
  'should serialize empty response': response(),
  'should serialize dial': response(el('Dial', { hangupOnStar: true, timeout: 5, method: 'GET', trim: 'do-not-trim' }, ['+18584611234'])),
  'should serialize nested dial': response(
    el('Dial', { hangupOnStar: true }, [el('Sip', { method: 'GET', statusCallback: 'www.twilio.ca' }, ['sip:url'])]),
  ),
  'should serialize nested dial sim': response(el('Dial', { hangupOnStar: true }, [el('Sim', {}, ['DEaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'])])),
  'should serialize enqueue': response(el('Enqueue', { action: 'www.twilio.com', method: 'GET' }, ['foobar'])),
  'should serialize gather': response(el('Gather', { timeout: 5, finishOnKey: 'abcd' }, [el('Say', { loop: 2 }, ['hello world!'])])),
  'should serialize hangup': response(el('Hangup')),
  'should serialize leave': response(el('Leave')),
  'should serialize pause': response(el('Pause', { length: 5 })),
  'should serialize play': response(el('Play', { loop: 2, digits: '123' }, ['www.twilio.com'])),
  'should serialize record': response(
    el('Record', { transcribe: true, maxLength: 100, method: 'GET', transcribeCallback: 'www.twilio.ca' }),
  ),
  'should serialize redirect': response(el('Redirect', { method: 'GET' }, ['www.twilio.ca'])),
  'should serialize reject': response(el('Reject', { reason: 'busy' })),
  'should serialize say': response(el('Say', { loop: 2, lagnauge: 'en', voice: 'man' }, ['hello world'])),
  'should serialize sms': response(
    el('Sms', { to: '+11234567890', from: '+10987654321', statusCallback: 'www.twilio.ca' }, ['hello world']),
  ),
  'should serialize enqueue task': response(el('Enqueue', { method: 'POST' }, [el('Task', { priority: 1, timeout: 4 }, ['foo'])])),
  'should serialize multiple blocks': response(
    el('Dial', { timeout: 5 }, [el('Number', {}, ['+11234567890'])]),
    el('Reject'),
    el('Redirect', {}, ['www.twilio.com']),
    el('Pause', { length: 5 }),
  ),
  'should serialize array attributes as space delimited': response(
    el('Dial', {}, [el('Number', { statusCallbackEvents: 'initiated ringing' }, ['+11234567890'])]),
  ),
  'should escape special characters': response(
    el('Dial', {}, [el('Number', { statusCallback: 'https://example.com?action=getTwiml&param=dial' }, ['+11234567890'])]),
  ),
  'should allow adding arbitrary text to leaf nodes': response(el('Hangup', {}, ['extra text'])),
  'should allow mixed text/element content': el('Response', {}, ['before', el('Leave'), 'after']),
  'should allow generic child nodes': response(el('Ninja', { sword: 'always' }, ['John'])),
  'should allow children of child nodes': response(el('Dial', {}, ['+10000000000', el('Ninja', { sword: 'always' })])),
  'should render attributes with dashes': response(
    el('Say', {}, [el('say-as', { 'interpret-as': 'spell-out', role: 'yymmdd' }, ['Words to speak'])]),
  ),
  'should render namespaced attributes': response(el('Say', {}, [el('lang', { 'xml:lang': 'fr-FR' }, ['Bonjour!'])])),
};

interface TwilioNodeCase {
  test: string;
  expected_xml: string[];
}

describe('twilio-node twiml_expected_outputs.json', { skip }, () => {
  const files = () => (readFixture('twilio-node/twiml_expected_outputs.json') as { files: Record<string, TwilioNodeCase[]> }).files;

  test('our renderer writes every voice document twilio-node writes, byte for byte', () => {
    const voice = files()['VoiceResponse.spec.js'] ?? [];
    assert.equal(voice.length, 28);
    let compared = 0;
    for (const {
      test: name,
      expected_xml: [expected],
    } of voice) {
      const tree = sameAsTwilioNode[name];
      if (!tree) continue;
      assert.equal(renderTwiml(tree), expected, name);
      compared += 1;
    }
    assert.equal(compared, 25, 'all but the three comment cases');
  });

  test('the emulator reads every document of both spec files back to its verbs (comments included)', () => {
    const expectedVerbs: Record<string, string[]> = {
      'VoiceResponse.spec.js/should serialize multiple blocks': ['Dial', 'Reject', 'Redirect', 'Pause'],
      'VoiceResponse.spec.js/should contain comment': [],
      'VoiceResponse.spec.js/should contain comment before tag': [],
      'VoiceResponse.spec.js/should contain comment after tag': [],
      'VoiceResponse.spec.js/should serialize gather': ['Gather'],
      'MessagingResponse.spec.js/should serialize multiple messages': ['Message', 'Message'],
      'MessagingResponse.spec.js/should serialize ia nested message': ['Message'],
      'MessagingResponse.spec.js/should allow mixed generic and text node children': ['Child'],
    };
    let read = 0;
    for (const [file, cases] of Object.entries(files())) {
      for (const {
        test: name,
        expected_xml: [xml],
      } of cases) {
        const root = parseXml(xml ?? '');
        assert.equal(root.name, 'Response', name);
        const want = expectedVerbs[`${file}/${name}`];
        if (want) assert.deepEqual(verbs(xml ?? ''), want, name);
        read += 1;
      }
    }
    assert.equal(read, 39);
    const gather = childElements(
      parseXml(files()['VoiceResponse.spec.js']?.find((c) => c.test === 'should serialize gather')?.expected_xml[0] ?? ''),
    );
    assert.equal(textContent(gather[0]!), 'hello world!');
    const escaped = files()['VoiceResponse.spec.js']?.find((c) => c.test === 'should escape special characters')?.expected_xml[0] ?? '';
    const number = childElements(childElements(parseXml(escaped))[0]!)[0]!;
    assert.equal(number.attributes['statusCallback'], 'https://example.com?action=getTwiml&param=dial');
  });
});

describe('rasa test_twilio_voice_expected_twiml.json (a chatbot turn as TwiML)', { skip }, () => {
  const cases = () =>
    (
      readFixture('rasa/test_twilio_voice_expected_twiml.json') as {
        cases: { test: string; bot_messages: string[]; expected_twiml: string }[];
      }
    ).cases;

  test('our renderer writes rasa\'s documents (Python writes `<Pause length="1" />` with a space; the same element)', () => {
    for (const { test: name, bot_messages: messages, expected_twiml: expected } of cases()) {
      const say = (text: string) => el('Say', { voice: 'woman' }, [text]);
      const last = messages.at(-1) ?? '';
      const gather = el(
        'Gather',
        {
          action: '/webhooks/twilio_voice/webhook',
          actionOnEmptyResult: true,
          enhanced: false,
          input: 'speech',
          speechModel: 'default',
          speechTimeout: 5,
        },
        [say(last)],
      );
      const before = messages.slice(0, -1).flatMap((text) => [say(text), el('Pause', { length: 1 })]);
      assert.equal(renderTwiml(response(...before, gather)), expected.replaceAll('" />', '"/>'), name);
    }
  });

  test('the emulator hears each bot message in order and is left listening to speech', () => {
    for (const { test: name, bot_messages: messages, expected_twiml: xml } of cases()) {
      const heard: string[] = [];
      let gather: XmlElement | undefined;
      for (const verb of childElements(parseXml(xml))) {
        if (verb.name === 'Say') heard.push(textContent(verb));
        if (verb.name === 'Gather') {
          gather = verb;
          heard.push(...childElements(verb).map(textContent));
        }
      }
      assert.deepEqual(heard, messages, name);
      assert.equal(gather?.attributes['input'], 'speech', name);
      assert.equal(gather?.attributes['action'], '/webhooks/twilio_voice/webhook', name);
    }
  });
});

describe("the call's TwiML documents", () => {
  const voice = 'voice="Polly.Camila" language="pt-BR"';
  const gatherOpen = (seq: number, turn = 'call') =>
    `<Gather input="speech dtmf" language="pt-BR" action="${webhookUrl}?turn=${turn}&amp;seq=${seq}" method="POST" speechTimeout="auto">`;

  test('the greeting: the default pt-BR phrase inside a speech and keypad Gather, then a redirect for silence', () => {
    assert.equal(
      greetingTwiml(c),
      '<?xml version="1.0" encoding="UTF-8"?><Response>' +
        gatherOpen(0) +
        `<Say ${voice}>Olá! Obrigado por ligar. Como posso ajudar? Pode falar ou digitar.</Say></Gather>` +
        `<Redirect method="POST">${webhookUrl}?turn=call&amp;seq=0&amp;after=prompt&amp;tries=1</Redirect></Response>`,
    );
  });

  test('a configured greeting, voice, language and speech hints', () => {
    const config = {
      ...c.config,
      language: 'en-US' as const,
      voice: 'Polly.Matthew',
      greeting: { 'en-US': 'Welcome to Loja Exemplo!' },
      speechHints: ['PIX', 'boleto'],
    };
    const root = parseXml(greetingTwiml({ config, webhookUrl }));
    const gather = childElements(root)[0]!;
    assert.equal(gather.attributes['language'], 'en-US');
    assert.equal(gather.attributes['hints'], 'PIX, boleto');
    assert.deepEqual(childElements(gather)[0]?.attributes, { voice: 'Polly.Matthew', language: 'en-US' });
    assert.equal(textContent(gather), 'Welcome to Loja Exemplo!');
  });

  test('holding after an utterance: a Gather around a Pause at the next step, then the hold redirect', () => {
    assert.equal(
      holdingTwiml(c, 'msg_1', 0, 1),
      '<?xml version="1.0" encoding="UTF-8"?><Response>' +
        gatherOpen(1, 'msg_1') +
        '<Pause length="2"/></Gather>' +
        `<Redirect method="POST">${webhookUrl}?turn=msg_1&amp;seq=1&amp;after=hold&amp;tries=1</Redirect></Response>`,
    );
  });

  test('silence is bounded: re-prompts, then goodbye and hang up', () => {
    assert.deepEqual(verbs(afterPromptTwiml(c, 'call', 0, 1)), ['Gather', 'Redirect']);
    assert.match(afterPromptTwiml(c, 'call', 0, 2), /Desculpe, não ouvi\./);
    assert.deepEqual(verbs(afterPromptTwiml(c, 'call', 4, 3)), ['Say', 'Hangup']);
    assert.match(afterPromptTwiml(c, 'call', 4, 3), /Não consegui ouvir você/);
  });

  test('a reply that takes too long: hold again, then apologise and ask again (never drop the call)', () => {
    assert.deepEqual(verbs(afterHoldTwiml(c, 'msg_1', 1, 4)), ['Gather', 'Redirect']);
    assert.match(afterHoldTwiml(c, 'msg_1', 1, 4), /after=hold&amp;tries=5/);
    const apology = afterHoldTwiml(c, 'msg_1', 5, 5);
    assert.match(apology, /Desculpe a demora/);
    assert.match(apology, /after=prompt&amp;tries=1/);
  });

  test('a reply with <script>, ampersands and quotes is escaped and reads back exactly', () => {
    const text = `Use o código <script>alert("oi")</script> & 'confirme' — R$ 10 > 5`;
    const xml = replyTwiml(c, 'msg_9', text, 'converse');
    assert.ok(xml.includes(`&lt;script&gt;alert("oi")&lt;/script&gt; &amp; 'confirme' — R$ 10 &gt; 5`));
    assert.ok(!xml.includes('<script>'));
    const gather = childElements(parseXml(xml))[0]!;
    assert.equal(textContent(gather), text);
  });

  test('attribute values with quotes, ampersands and line breaks read back exactly; control characters are dropped', () => {
    const hints = ['"Loja" & Cia', 'linha\nnova'];
    const gather = childElements(parseXml(greetingTwiml({ config: { ...c.config, speechHints: hints }, webhookUrl })))[0]!;
    assert.equal(gather.attributes['hints'], '"Loja" & Cia, linha\nnova');
    const xml = replyTwiml(c, 'msg_9', 'bip\u0007 \uD800fim', 'converse');
    assert.equal(textContent(childElements(parseXml(xml))[0]!), 'bip fim');
  });
});
