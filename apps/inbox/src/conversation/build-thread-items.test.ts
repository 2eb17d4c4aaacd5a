/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InboxMessage, NoteView } from '@fio/contracts';
import { buildThreadItems, localDayOf } from './build-thread-items.ts';

function message(seq: number, createdAt: string): InboxMessage {
  return {
    id: `m${seq}`,
    conversationId: 'c',
    seq,
    direction: 'inbound',
    author: 'contact',
    channelType: 'whatsapp',
    connectionId: null,
    content: { kind: 'text', text: 'x' },
    text: 'x',
    providerMessageId: null,
    status: 'delivered',
    error: null,
    createdAt,
    authorId: null,
    authorName: null,
  };
}

function note(id: string, createdAt: string): NoteView {
  return { id, conversationId: 'c', authorId: 'u', authorName: 'Bia', text: 'n', mentions: [], createdAt };
}

// Noon UTC stays on the same calendar day in every time zone from UTC-11 to UTC+11.
const day1 = '2026-03-01T12:00:00.000Z';
const day1Later = '2026-03-01T12:30:00.000Z';
const day2 = '2026-03-02T12:00:00.000Z';

test('places a note between the messages written before and after it', () => {
  const items = buildThreadItems([message(2, day1Later), message(1, day1)], [note('n1', '2026-03-01T12:10:00.000Z')]);
  assert.deepEqual(
    items.map((i) => i.key),
    [`day-${localDayOf(day1)}`, 'msg-m1', 'note-n1', 'msg-m2'],
  );
});

test('puts a day separator at each new day, and notes after the last message at the end', () => {
  const items = buildThreadItems([message(1, day1), message(2, day2)], [note('n1', '2026-03-02T12:05:00.000Z')]);
  assert.deepEqual(
    items.map((i) => i.kind),
    ['day', 'message', 'day', 'message', 'note'],
  );
});

test('an empty thread has no separators', () => {
  assert.deepEqual(buildThreadItems([], []), []);
});
