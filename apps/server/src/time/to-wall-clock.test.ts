import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localDay, readUtcOffset, toWallClock, wallClockToInstant } from './index.ts';

test('reads the wall clock of a zone, not the server', () => {
  assert.deepEqual(toWallClock(new Date('2026-11-25T01:30:05Z'), 'America/Sao_Paulo'), {
    year: 2026,
    month: 11,
    day: 24,
    hour: 22,
    minute: 30,
    second: 5,
  });
  assert.equal(toWallClock(new Date('2026-11-24T23:59:59Z'), 'UTC').hour, 23);
});

test('throws a RangeError for an unknown zone, so callers choose the fallback', () => {
  assert.throws(() => toWallClock(new Date(0), 'Mars/Olympus_Mons'), RangeError);
});

test('reads the UTC offset in ms, summer time included', () => {
  assert.equal(readUtcOffset(Date.parse('2026-11-24T12:00:00Z'), 'America/Sao_Paulo'), -3 * 3_600_000);
  assert.equal(readUtcOffset(Date.parse('2026-07-01T12:00:00Z'), 'Europe/Lisbon'), 3_600_000);
  assert.equal(readUtcOffset(Date.parse('2026-01-15T12:00:00Z'), 'Europe/Lisbon'), 0);
  assert.equal(readUtcOffset(Date.parse('2026-11-24T12:00:00.750Z'), 'Asia/Kolkata'), 330 * 60_000);
});

test('turns a wall-clock time into the instant, on both sides of a DST change', () => {
  assert.equal(
    new Date(wallClockToInstant({ year: 2026, month: 11, day: 27 }, '10:00', 'America/Sao_Paulo')).toISOString(),
    '2026-11-27T13:00:00.000Z',
  );
  // Lisbon moves to summer time on 2026-03-29 at 01:00 UTC.
  assert.equal(
    new Date(wallClockToInstant({ year: 2026, month: 3, day: 28 }, '09:00', 'Europe/Lisbon')).toISOString(),
    '2026-03-28T09:00:00.000Z',
  );
  assert.equal(
    new Date(wallClockToInstant({ year: 2026, month: 3, day: 29 }, '09:00', 'Europe/Lisbon')).toISOString(),
    '2026-03-29T08:00:00.000Z',
  );
  assert.equal(new Date(wallClockToInstant({ year: 2026, month: 12, day: 31 }, '24:00', 'UTC')).toISOString(), '2027-01-01T00:00:00.000Z');
});

test('names a calendar day, letting day and month overflow', () => {
  assert.deepEqual(localDay(2026, 11, 24), { year: 2026, month: 11, day: 24, date: '2026-11-24', weekday: 'tue' });
  assert.deepEqual(localDay(2026, 12, 32), { year: 2027, month: 1, day: 1, date: '2027-01-01', weekday: 'fri' });
  assert.equal(localDay(2026, 3, 0).date, '2026-02-28');
});
