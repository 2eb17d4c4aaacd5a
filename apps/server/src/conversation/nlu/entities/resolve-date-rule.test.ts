import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toIsoDate } from './plain-date.ts';
import { type DateRule, resolveDateRule } from './resolve-date-rule.ts';

// A Tuesday.
const today = { year: 2026, month: 11, day: 24 };
const resolve = (rule: DateRule, direction: 'future' | 'past' = 'future', from = today) => {
  const date = resolveDateRule(rule, from, direction);
  return date ? toIsoDate(date) : null;
};

test('weekdays are today or the coming one, "next" skips today', () => {
  assert.equal(resolve({ type: 'weekday', weekday: 2, next: false }), '2026-11-24');
  assert.equal(resolve({ type: 'weekday', weekday: 2, next: true }), '2026-12-01');
  assert.equal(resolve({ type: 'weekday', weekday: 1, next: false }), '2026-11-30');
  assert.equal(resolve({ type: 'weekday', weekday: 5, next: false }, 'past'), '2026-11-20');
});

test('a day of the month is the next one that exists', () => {
  assert.equal(resolve({ type: 'month_day', day: 24 }), '2026-11-24');
  assert.equal(resolve({ type: 'month_day', day: 10 }), '2026-12-10');
  assert.equal(resolve({ type: 'month_day', day: 31 }, 'future', { year: 2027, month: 2, day: 1 }), '2027-03-31');
  assert.equal(resolve({ type: 'month_day', day: 30 }, 'past', { year: 2027, month: 3, day: 1 }), '2027-01-30');
  assert.equal(resolve({ type: 'month_day', day: 32 }), null);
});

test('a date without a year is the next (or last) such day', () => {
  assert.equal(resolve({ type: 'calendar', day: 15, month: 12, year: null }), '2026-12-15');
  assert.equal(resolve({ type: 'calendar', day: 15, month: 1, year: null }), '2027-01-15');
  assert.equal(resolve({ type: 'calendar', day: 15, month: 12, year: null }, 'past'), '2025-12-15');
  assert.equal(resolve({ type: 'calendar', day: 29, month: 2, year: null }), '2028-02-29');
  assert.equal(resolve({ type: 'calendar', day: 31, month: 4, year: 2027 }), null);
});

test('next week is next Monday, last week last Monday, the weekend the coming Saturday', () => {
  assert.equal(resolve({ type: 'week', weeks: 1 }), '2026-11-30');
  assert.equal(resolve({ type: 'week', weeks: 1 }, 'future', { year: 2026, month: 11, day: 30 }), '2026-12-07');
  assert.equal(resolve({ type: 'week', weeks: 1 }, 'future', { year: 2026, month: 11, day: 29 }), '2026-11-30');
  assert.equal(resolve({ type: 'week', weeks: -1 }), '2026-11-16');
  assert.equal(resolve({ type: 'weekend' }), '2026-11-28');
  assert.equal(resolve({ type: 'weekend' }, 'future', { year: 2026, month: 11, day: 29 }), '2026-11-29');
});
