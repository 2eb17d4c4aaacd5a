import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OUTBOX_MAX_ENTRIES, addToOutbox, parseOutbox, removeFromOutbox, type OutboxEntry } from '../src/outbox.ts';

const now = Date.parse('2025-01-02T00:00:00Z');
const entry = (n: number, overrides: Partial<OutboxEntry> = {}): OutboxEntry => ({
  clientMessageId: `client-${String(n).padStart(4, '0')}`,
  text: `mensagem ${n}`,
  createdAt: '2025-01-01T23:00:00.000Z',
  ...overrides,
});

test('addToOutbox appends in send order', () => {
  assert.deepEqual(
    addToOutbox(addToOutbox([], entry(1)), entry(2)).map((e) => e.text),
    ['mensagem 1', 'mensagem 2'],
  );
});

test('addToOutbox keeps one entry per clientMessageId when the same message is queued twice', () => {
  assert.equal(addToOutbox([entry(1)], entry(1)).length, 1);
});

test('addToOutbox drops the oldest entries when the outbox is full', () => {
  let outbox: OutboxEntry[] = [];
  for (let i = 0; i < OUTBOX_MAX_ENTRIES + 5; i++) outbox = addToOutbox(outbox, entry(i));
  assert.equal(outbox.length, OUTBOX_MAX_ENTRIES);
  assert.equal(outbox[0]?.text, 'mensagem 5');
});

test('removeFromOutbox removes only the acked message', () => {
  assert.deepEqual(removeFromOutbox([entry(1), entry(2)], entry(1).clientMessageId), [entry(2)]);
});

test('parseOutbox restores what was stored, payload included', () => {
  const stored = [entry(1), entry(2, { payload: 'track_order' })];
  assert.deepEqual(parseOutbox(JSON.stringify(stored), now), stored);
});

test('parseOutbox returns an empty outbox when storage holds garbage', () => {
  assert.deepEqual(parseOutbox(null, now), []);
  assert.deepEqual(parseOutbox('{not json', now), []);
  assert.deepEqual(parseOutbox('{"a":1}', now), []);
});

test('parseOutbox drops malformed and week-old entries when reading storage', () => {
  const stored = [
    entry(1),
    { clientMessageId: 'short', text: 'x', createdAt: entry(1).createdAt },
    entry(3, { text: '' }),
    entry(4, { createdAt: '2024-12-01T00:00:00Z' }),
  ];
  assert.deepEqual(parseOutbox(JSON.stringify(stored), now), [entry(1)]);
});
