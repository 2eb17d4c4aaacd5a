import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  breachTimer,
  cancelTimer,
  dueAction,
  markWarned,
  meetTimer,
  nextInstant,
  pauseTimer,
  resumeTimer,
  retargetTimer,
  startTimer,
  type SlaClock,
} from './sla-timer.ts';

const minute = 60_000;
const at = (m: number) => new Date(Date.UTC(2026, 2, 2, 12, 0) + m * minute);
const iso = (m: number) => at(m).toISOString();

/** The wall clock, warning `warn` ms ahead of due. */
function wallClock(warn = 0): SlaClock {
  return {
    add: (start, ms) => new Date(start.getTime() + ms),
    between: (a, b) => Math.max(0, b.getTime() - a.getTime()),
    warnBeforeMs: (target) => Math.min(warn, target),
  };
}

test('a started timer is due after its budget and warned ahead of it', () => {
  const timer = startTimer('first_response', 'p', 15 * minute, at(0), wallClock(5 * minute));
  assert.equal(timer.dueAt, iso(15));
  assert.equal(timer.warnAt, iso(10));
  assert.equal(nextInstant(timer), iso(10));
  assert.equal(dueAction(timer, at(9)), null);
  assert.equal(dueAction(timer, at(10)), 'warn');
  const warned = markWarned(timer, at(10));
  assert.equal(nextInstant(warned), iso(15));
  assert.equal(dueAction(warned, at(12)), null);
  assert.equal(dueAction(warned, at(15)), 'breach');
});

test('pauses bank the time used; a resumed timer is due after what is left', () => {
  const clock = wallClock();
  let timer = startTimer('resolution', 'p', 60 * minute, at(0), clock);
  timer = pauseTimer(timer, at(20), clock);
  assert.equal(timer.elapsedMs, 20 * minute);
  assert.equal(timer.dueAt, null);
  assert.equal(nextInstant(timer), null);
  timer = resumeTimer(timer, at(100), clock);
  assert.equal(timer.dueAt, iso(140));
  timer = pauseTimer(timer, at(110), clock);
  timer = resumeTimer(timer, at(200), clock);
  assert.equal(timer.elapsedMs, 30 * minute);
  assert.equal(timer.dueAt, iso(230));
});

test('a breached timer stays breached and is met late', () => {
  const clock = wallClock();
  const breached = breachTimer(startTimer('first_response', 'p', 15 * minute, at(0), clock), at(16), clock);
  assert.equal(breached.status, 'breached');
  assert.equal(breached.breachedAt, iso(15));
  assert.equal(pauseTimer(breached, at(20), clock).status, 'breached');
  assert.equal(resumeTimer(breached, at(20), clock).status, 'breached');
  const { timer, late } = meetTimer(breached, at(30), clock);
  assert.equal(timer.status, 'met');
  assert.equal(late, true);
  assert.equal(meetTimer(startTimer('first_response', 'p', 15 * minute, at(0), clock), at(5), clock).late, false);
});

test('another policy keeps the time used and is not warned twice', () => {
  const clock = wallClock(5 * minute);
  const timer = markWarned(startTimer('first_response', 'a', 60 * minute, at(0), clock), at(55));
  const moved = retargetTimer(timer, 'b', 90 * minute, at(58), clock);
  assert.equal(moved.policyId, 'b');
  assert.equal(moved.elapsedMs, 58 * minute);
  assert.equal(moved.dueAt, iso(90));
  assert.equal(nextInstant(moved), iso(90));
  assert.equal(cancelTimer(moved, at(60), clock).status, 'cancelled');
});

test('a calendar that never opens gives a running timer no due time', () => {
  const never: SlaClock = { add: () => null, between: () => 0, warnBeforeMs: () => minute };
  const timer = startTimer('first_response', 'p', 15 * minute, at(0), never);
  assert.equal(timer.dueAt, null);
  assert.equal(timer.warnAt, null);
  assert.equal(nextInstant(timer), null);
  assert.equal(dueAction(timer, at(100_000)), null);
});
