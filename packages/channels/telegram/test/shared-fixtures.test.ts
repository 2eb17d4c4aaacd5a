import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { InboundEvent, InboundMessageEvent } from '@fio/contracts';
import { inboundEventSchema } from '@fio/contracts';
import { secretTokenHeader, telegramChannel, telegramSecretsSchema, toInboundEvents, verifySecretToken } from '../src/index.ts';
import { buildConnection, buildUpdateRequest, webhookSecret } from './fixtures/build-telegram-request.ts';

const fixturesDir = resolve(import.meta.dirname, '../../../../../shared/data/channel-fixtures/telegram');
const skip = existsSync(fixturesDir) ? false : 'needs ../shared/data/channel-fixtures (absent in a fresh clone)';
const tgDir = resolve(fixturesDir, 'tg-rs-tgbot');

function parseFile(name: string): InboundEvent[] {
  const result = toInboundEvents(readFileSync(resolve(tgDir, name)));
  assert.equal(result.ok, true, result.ok ? '' : `${name} refused: ${result.reason}`);
  if (!result.ok) return [];
  for (const event of result.events) assert.equal(inboundEventSchema.safeParse(event).success, true, `${name}: invalid event`);
  return result.events;
}

function onlyMessage(events: InboundEvent[]): InboundMessageEvent {
  assert.equal(events.length, 1);
  const [event] = events;
  assert.equal(event?.type, 'message');
  return event;
}

/** The canonical result of each tg-rs/tgbot Update: one message event, or none for kinds Fio does not converse through. */
const expected: Record<string, (events: InboundEvent[]) => void> = {
  'tgbot__types__tests__update__message.json': (events) => {
    const event = onlyMessage(events);
    assert.equal(event.providerMessageId, '1:1');
    assert.deepEqual(event.content, { kind: 'text', text: 'message-text' });
    assert.deepEqual(event.sender, {
      address: '1',
      displayName: 'John',
      identities: [{ kind: 'telegram_user', value: '1', verified: true }],
    });
    assert.equal(event.sentAt, '1970-01-01T00:00:00.000Z');
    assert.equal(event.replyToProviderMessageId, undefined);
  },
  'tgbot__types__tests__update__edited_message.json': (events) => {
    const event = onlyMessage(events);
    // Stored as a new message whose key differs from the original's ("1111:1365").
    assert.equal(event.providerMessageId, '1111:1365:edited:1441');
    assert.deepEqual(event.content, { kind: 'text', text: '[edited] Edited text' });
    assert.deepEqual(event.sender, {
      address: '1111',
      displayName: 'John Doe',
      identities: [{ kind: 'telegram_user', value: '1111', verified: true }],
    });
    assert.equal(event.sentAt, new Date(1441 * 1000).toISOString());
  },
  'tgbot__types__tests__update__callback_query.json': (events) => {
    // The minimal press (no data, no message): kept as an unsupported press so it is stored and answered.
    const event = onlyMessage(events);
    assert.equal(event.providerMessageId, 'callback:query-id');
    assert.deepEqual(event.content, { kind: 'unsupported', placeholder: '[button press]', providerKind: 'callback_query' });
    assert.deepEqual(event.sender, {
      address: '1',
      displayName: 'John',
      identities: [{ kind: 'telegram_user', value: '1', verified: true }],
    });
    assert.deepEqual(event.raw, { from: { first_name: 'John', id: 1, is_bot: false }, id: 'query-id' });
  },
  // The channel's own broadcast: no customer to answer.
  'tgbot__types__tests__update__channel_post.json': (events) => assert.deepEqual(events, []),
  'tgbot__types__tests__update__edited_channel_post.json': (events) => assert.deepEqual(events, []),
  // Inline mode, join requests, poll answers and reactions are not messages to the business.
  'tgbot__types__tests__update__inline_query.json': (events) => assert.deepEqual(events, []),
  'tgbot__types__tests__update__chat_join_request.json': (events) => assert.deepEqual(events, []),
  'tgbot__types__tests__update__poll_answer.json': (events) => assert.deepEqual(events, []),
  'tgbot__types__tests__update__message_reaction.json': (events) => assert.deepEqual(events, []),
  'tgbot__types__tests__update__unknown.json': (events) => assert.deepEqual(events, []),
};

describe('tg-rs/tgbot Update fixtures', { skip }, () => {
  const files = skip ? [] : readdirSync(tgDir).sort();

  test('every file in the folder has its canonical result asserted', () => {
    const jsonFiles = files.filter((name) => name.endsWith('.json'));
    assert.deepEqual(jsonFiles, Object.keys(expected).sort());
    const snapFiles = files.filter((name) => name.endsWith('.snap'));
    assert.deepEqual(
      snapFiles,
      jsonFiles.map((name) => name.replace(/\.json$/, '.snap')),
    );
    assert.equal(files.length, jsonFiles.length + snapFiles.length, 'only .json and .snap files');
  });

  for (const [name, check] of Object.entries(expected)) {
    test(`parses ${name.replace('tgbot__types__tests__update__', '')} to its canonical events`, () => check(parseFile(name)));

    test(`the snapshot of ${name.replace('tgbot__types__tests__update__', '')} serialises the same Update and parses alike`, () => {
      const snap = readFileSync(resolve(tgDir, name.replace(/\.json$/, '.snap')), 'utf8');
      // insta snapshots: a YAML front matter between --- lines, then the serialised value.
      const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(snap);
      assert.ok(match, 'snapshot has a front matter');
      assert.match(match[1] ?? '', /^source: src\/types\/tests\/update\.rs$/m);
      const snapJson: unknown = JSON.parse(match[2] ?? '');
      assert.deepEqual(snapJson, JSON.parse(readFileSync(resolve(tgDir, name), 'utf8')));
      assert.deepEqual(toInboundEvents(Buffer.from(match[2] ?? '')), toInboundEvents(readFileSync(resolve(tgDir, name))));
    });
  }

  test('a retried update (same body) gives the same dedupe key', () => {
    const body = readFileSync(resolve(tgDir, 'tgbot__types__tests__update__message.json'));
    assert.deepEqual(toInboundEvents(body), toInboundEvents(Buffer.from(body)));
  });
});

interface DocRules {
  header_name: string;
  set_via: string;
  allowed_chars: string;
  length: string;
  verification: string;
  update_rule: string;
  delivery: string;
  ports: number[];
}

describe('Bot API secret_token and Update rules (bot-api-docs)', { skip }, () => {
  const rules = (
    skip ? {} : JSON.parse(readFileSync(resolve(fixturesDir, 'bot-api-docs/secret_token_and_update_rules.json'), 'utf8'))
  ) as DocRules;

  test('reads the header the rules name (lower-cased, as the HTTP edge passes headers)', () => {
    assert.equal(rules.header_name.toLowerCase(), secretTokenHeader);
    const request = buildUpdateRequest(
      { update_id: 1 },
      { secret: undefined, headers: { [rules.header_name.toLowerCase()]: webhookSecret } },
    );
    assert.deepEqual(telegramChannel.webhook?.verifyRequest(request, buildConnection()), { ok: true });
  });

  test('accepts exactly the secret tokens the rules allow: A-Z a-z 0-9 _ -, 1-256 characters', () => {
    assert.equal(rules.allowed_chars, 'A-Z a-z 0-9 _ -');
    assert.equal(rules.length, '1-256');
    const valid = (secret: string) =>
      telegramSecretsSchema.safeParse({ botToken: buildConnection().secrets.botToken, webhookSecret: secret }).success;
    assert.equal(valid('ABCxyz019_-'), true);
    assert.equal(valid('a'), true);
    assert.equal(valid('a'.repeat(256)), true);
    assert.equal(valid(''), false);
    assert.equal(valid('a'.repeat(257)), false);
    for (const bad of ['with space', 'dot.ted', 'sl/ash', 'plus+', 'ação', 'eq=']) assert.equal(valid(bad), false, bad);
  });

  test('compares the header with the configured token as a plain string (no HMAC): absent, different, equal', () => {
    assert.match(rules.verification, /no HMAC/);
    assert.deepEqual(verifySecretToken(undefined, webhookSecret), { ok: false, reason: 'missing_signature' });
    assert.deepEqual(verifySecretToken(`${webhookSecret}x`, webhookSecret), { ok: false, reason: 'bad_signature' });
    assert.deepEqual(verifySecretToken(webhookSecret.toUpperCase(), webhookSecret), { ok: false, reason: 'bad_signature' });
    assert.deepEqual(verifySecretToken(webhookSecret, webhookSecret), { ok: true });
    assert.deepEqual(verifySecretToken(webhookSecret, ''), { ok: false, reason: 'missing_secret' });
  });

  test('refuses an Update that carries more than one kind, and one without update_id', () => {
    const kinds =
      /at most one of: (.*)$/
        .exec(rules.update_rule)?.[1]
        ?.split(', ')
        .filter((kind) => /^[a-z_]+$/.test(kind)) ?? [];
    assert.ok(kinds.includes('message') && kinds.includes('callback_query'));
    const message = {
      message_id: 1,
      from: { id: 1, is_bot: false, first_name: 'A' },
      chat: { id: 1, type: 'private' },
      date: 0,
      text: 'x',
    };
    for (const other of kinds.filter((kind) => kind !== 'message')) {
      const result = toInboundEvents(Buffer.from(JSON.stringify({ update_id: 1, message, [other]: {} })));
      assert.equal(result.ok, false, `message + ${other} accepted`);
    }
    assert.equal(toInboundEvents(Buffer.from(JSON.stringify({ message }))).ok, false);
    assert.equal(toInboundEvents(Buffer.from(JSON.stringify({ update_id: -1, message }))).ok, false);
  });
});
