import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStoryText } from './read-story-file.ts';

const good = `stories:
  - name: pedido por número
    at: '2026-11-24T14:00:00-03:00'
    channel: whatsapp
    steps:
      - user: oi, cadê meu pedido?
      - bot: { says: número do pedido }
      - user: { pick: Falar com uma pessoa }
      - user: { text: Sim, payload: 'choice:yes' }
      - bot: { says: [saiu para entrega, '123456'], quickReplies: [Falar com uma pessoa] }
      - channel: sms
      - wait: PT2H
      - at: '2026-11-25T09:00:00-03:00'
      - bot: { matches: 'pedido.*(n[uú]mero)' }
      - bot: { does: handoff, reason: customer_asked, team: suporte, priority: high }
      - bot: { silent: true }
      - expect: { status: queued, slots: { order_ref: '123456' }, flow: null, attributes: { cep: '01310-100' } }
`;

test('reads every step kind with its line, and fills the defaults', () => {
  const result = parseStoryText('stories/a.yaml', good);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  const [story] = result.stories;
  assert.ok(story);
  assert.equal(story.channel, 'whatsapp');
  assert.equal(story.customer.phone, '+5511987654321');
  assert.deepEqual(
    story.steps.map((s) => s.kind),
    ['user', 'bot', 'user', 'user', 'bot', 'channel', 'wait', 'at', 'bot', 'bot', 'bot', 'expect'],
  );
  assert.equal(story.stepLines[0], 6);
  assert.equal(story.stepLines[11], 17);
  const wait = story.steps[6];
  assert.ok(wait?.kind === 'wait');
  assert.equal(wait.ms, 2 * 3600 * 1000);
  assert.equal(story.line, 2);
});

test('defaults the channel to webchat and the clock to an open Tuesday afternoon', () => {
  const result = parseStoryText('s.yaml', 'stories:\n  - name: x\n    steps: [{ user: oi }]\n');
  assert.ok(result.ok);
  assert.equal(result.stories[0]?.channel, 'webchat');
  assert.equal(result.stories[0]?.at, '2026-11-24T14:00:00-03:00');
});

test('names file, line and field of a step with two kinds', () => {
  const result = parseStoryText('stories/bad.yaml', 'stories:\n  - name: x\n    steps:\n      - user: oi\n        bot: { says: olá }\n');
  assert.ok(!result.ok);
  const [error] = result.errors;
  assert.ok(error);
  assert.equal(error.file, 'stories/bad.yaml');
  assert.equal(error.line, 4);
  assert.equal(error.field, 'stories[0].steps[0]');
  assert.match(error.message, /exactly one of user, bot/);
});

test('refuses an unknown channel, a bad duration, a bad regex and a handoff detail without does', () => {
  const text = `stories:
  - name: x
    steps:
      - channel: fax
      - wait: 2 hours
      - bot: { matches: '(' }
      - bot: { team: suporte }
`;
  const result = parseStoryText('s.yaml', text);
  assert.ok(!result.ok);
  const fields = result.errors.map((e) => `${e.line}:${e.field}`);
  assert.ok(fields.includes('4:stories[0].steps[0].channel'), fields.join(' '));
  assert.ok(fields.includes('5:stories[0].steps[1].wait'), fields.join(' '));
  assert.ok(fields.includes('6:stories[0].steps[2].bot.matches'), fields.join(' '));
  assert.ok(
    result.errors.some((e) => e.line === 7 && /does: handoff/.test(e.message)),
    fields.join(' '),
  );
});

test('a file that is not YAML, or has no stories, is an error with its place, never a crash', () => {
  const broken = parseStoryText('s.yaml', 'stories: [\n');
  assert.ok(!broken.ok);
  assert.equal(broken.errors[0]?.file, 's.yaml');
  const empty = parseStoryText('s.yaml', 'stories: []\n');
  assert.ok(!empty.ok);
  assert.equal(empty.errors[0]?.field, 'stories');
  const unknownKey = parseStoryText('s.yaml', 'stories:\n  - name: x\n    stpes: []\n');
  assert.ok(!unknownKey.ok);
});

test('numbers YAML reads bare are the text the customer typed or the bot said', () => {
  const result = parseStoryText(
    's.yaml',
    'stories:\n  - name: x\n    steps:\n      - user: 123456\n      - bot: { says: [saiu, 1500], quickReplies: [5] }\n      - user: { pick: 5 }\n',
  );
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  assert.deepEqual(result.stories[0]?.steps, [
    { kind: 'user', input: '123456' },
    { kind: 'bot', expect: { says: ['saiu', '1500'], quickReplies: ['5'] } },
    { kind: 'user', input: { pick: '5' } },
  ]);
});
