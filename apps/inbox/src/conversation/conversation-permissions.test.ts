/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listPermissions } from './conversation-permissions.ts';

const open = { status: 'queued' as const, assigneeId: null, snoozedUntil: null, snoozedForReply: false };

test('a bot editor reads only', () => {
  const can = listPermissions(open, { userId: 'u1', role: 'bot_editor' });
  assert.ok(Object.values(can).every((v) => v === false));
});

test('an agent takes a queued conversation but does not assign others', () => {
  const can = listPermissions(open, { userId: 'u1', role: 'agent' });
  assert.equal(can.take, true);
  assert.equal(can.assign, false);
  assert.equal(can.reopen, false);
  assert.equal(can.handBack, true);
});

test('a resolved conversation can only be reopened (and noted)', () => {
  const can = listPermissions({ ...open, status: 'resolved' }, { userId: 'u1', role: 'supervisor' });
  assert.deepEqual(
    Object.entries(can)
      .filter(([, v]) => v)
      .map(([k]) => k)
      .sort(),
    ['note', 'reopen', 'tags'],
  );
});

test('one cannot take what one already holds; a snoozed one offers unsnooze instead of snooze', () => {
  const can = listPermissions({ ...open, status: 'assigned', assigneeId: 'u1', snoozedForReply: true }, { userId: 'u1', role: 'agent' });
  assert.equal(can.take, false);
  assert.equal(can.snooze, false);
  assert.equal(can.unsnooze, true);
});
