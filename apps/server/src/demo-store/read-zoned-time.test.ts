import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, formatZonedIso, instantFromZoned, readZonedTime, weekdayOf } from './read-zoned-time.ts';

test('reads the wall clock of an instant in the store zone, not the server one', () => {
  assert.deepEqual(readZonedTime(new Date('2026-11-25T01:30:00Z'), 'America/Sao_Paulo'), {
    dateKey: '2026-11-24',
    hour: 22,
    minute: 30,
    weekday: 2,
  });
});

test('turns a local date and hour back into the instant, with its offset', () => {
  const instant = instantFromZoned('2026-11-27', 10, 'America/Sao_Paulo');
  assert.equal(instant.toISOString(), '2026-11-27T13:00:00.000Z');
  assert.equal(formatZonedIso(instant, 'America/Sao_Paulo'), '2026-11-27T10:00:00-03:00');
  // Lisbon is on summer time in July: the offset follows the date.
  assert.equal(formatZonedIso(instantFromZoned('2026-07-01', 9, 'Europe/Lisbon'), 'Europe/Lisbon'), '2026-07-01T09:00:00+01:00');
});

test('adds days across months and years and names weekdays', () => {
  assert.equal(addDays('2026-11-29', 3), '2026-12-02');
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  assert.equal(weekdayOf('2026-11-29'), 0);
  assert.equal(weekdayOf('2026-11-27'), 5);
});
