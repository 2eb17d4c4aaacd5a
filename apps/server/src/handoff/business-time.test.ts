import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addBusinessTime, businessTimeBetween, type BusinessCalendar } from './business-time.ts';
import type { BusinessHours } from './business-hours.ts';

const minute = 60_000;
const hour = 60 * minute;
const nineToSix = [{ open: '09:00', close: '18:00' }];

function buildHours(overrides: Partial<BusinessHours> = {}): BusinessHours {
  return {
    mon: nineToSix,
    tue: nineToSix,
    wed: nineToSix,
    thu: nineToSix,
    fri: nineToSix,
    sat: [],
    sun: [],
    holidays: [],
    ...overrides,
  };
}
const calendar = (timezone: string, overrides: Partial<BusinessHours> = {}): BusinessCalendar => ({
  timezone,
  businessHours: buildHours(overrides),
});
const saoPaulo = 'America/Sao_Paulo'; // UTC-3 all year (no DST since 2019)
const newYork = 'America/New_York'; // DST 2026: 8 March (spring forward), 1 November (fall back)

const add = (start: string, ms: number, cal: BusinessCalendar) => addBusinessTime(new Date(start), ms, cal)?.toISOString() ?? null;
const between = (a: string, b: string, cal: BusinessCalendar) => businessTimeBetween(new Date(a), new Date(b), cal);

test('a first response asked on Friday at 17:50 is due on Monday at 09:05 when weekends are closed', () => {
  // 2026-03-06 is a Friday; São Paulo is UTC-3.
  assert.equal(add('2026-03-06T20:50:00Z', 15 * minute, calendar(saoPaulo)), '2026-03-09T12:05:00.000Z');
});

test('Saturday morning hours count: the same request is due on Saturday at 09:05', () => {
  const cal = calendar(saoPaulo, { sat: [{ open: '09:00', close: '13:00' }] });
  assert.equal(add('2026-03-06T20:50:00Z', 15 * minute, cal), '2026-03-07T12:05:00.000Z');
  assert.equal(between('2026-03-06T20:50:00Z', '2026-03-07T12:05:00.000Z', cal), 15 * minute);
});

test('counts across the spring-forward weekend of New York by the local clock', () => {
  // Friday 17:50 EST (UTC-5) → Monday 09:05 EDT (UTC-4).
  const cal = calendar(newYork);
  assert.equal(add('2026-03-06T22:50:00Z', 15 * minute, cal), '2026-03-09T13:05:00.000Z');
  assert.equal(between('2026-03-06T22:50:00Z', '2026-03-09T13:05:00Z', cal), 15 * minute);
  // A whole business week after the change: five days of nine hours.
  assert.equal(between('2026-03-09T00:00:00Z', '2026-03-14T00:00:00Z', cal), 45 * hour);
});

test('a day open around the clock lasts 23 hours when clocks spring forward and 25 when they fall back', () => {
  const always = [{ open: '00:00', close: '24:00' }];
  const cal = calendar(newYork, { sun: always });
  // Sunday 2026-03-08 local midnight (05:00Z) to Monday local midnight (04:00Z).
  assert.equal(between('2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z', cal), 23 * hour);
  assert.equal(between('2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z', cal), 25 * hour);
  // 20 business hours from Sunday's local midnight end at 21:00 EDT (01:00Z Monday).
  assert.equal(add('2026-03-08T05:00:00Z', 20 * hour, cal), '2026-03-09T01:00:00.000Z');
});

test('a holiday is closed all day', () => {
  // Tiradentes, Tuesday 2026-04-21: Monday 17:30 + 1 h → Wednesday 09:30.
  const cal = calendar(saoPaulo, { holidays: ['2026-04-21'] });
  assert.equal(add('2026-04-20T20:30:00Z', hour, cal), '2026-04-22T12:30:00.000Z');
  assert.equal(between('2026-04-20T20:30:00Z', '2026-04-22T12:30:00Z', cal), hour);
  assert.equal(between('2026-04-21T00:00:00Z', '2026-04-22T00:00:00Z', cal), 0);
});

test('a lunch break does not count', () => {
  const cal = calendar(saoPaulo, {
    wed: [
      { open: '09:00', close: '12:00' },
      { open: '13:00', close: '18:00' },
    ],
  });
  // Wednesday 2026-03-04 11:30 + 1 h → 13:30.
  assert.equal(add('2026-03-04T14:30:00Z', hour, cal), '2026-03-04T16:30:00.000Z');
  assert.equal(between('2026-03-04T14:00:00Z', '2026-03-04T17:00:00Z', cal), 2 * hour);
  // Asked during lunch: the clock starts at 13:00.
  assert.equal(add('2026-03-04T15:30:00Z', 10 * minute, cal), '2026-03-04T16:10:00.000Z');
});

test('overlapping intervals of one day count once', () => {
  const cal = calendar(saoPaulo, {
    thu: [
      { open: '11:00', close: '14:00' },
      { open: '09:00', close: '12:00' },
    ],
  });
  assert.equal(between('2026-03-05T03:00:00Z', '2026-03-06T03:00:00Z', cal), 5 * hour);
});

test('a day closing at 24:00 runs on into the next day opening at 00:00', () => {
  const always = [{ open: '00:00', close: '24:00' }];
  const cal = calendar(saoPaulo, { mon: always, tue: always });
  // Monday 2026-03-02 00:00 local + 30 h → Tuesday 06:00.
  assert.equal(add('2026-03-02T03:00:00Z', 30 * hour, cal), '2026-03-03T09:00:00.000Z');
});

test('before opening the clock waits; a zero budget is due at once', () => {
  const cal = calendar(saoPaulo);
  assert.equal(add('2026-03-04T10:00:00Z', 30 * minute, cal), '2026-03-04T12:30:00.000Z');
  assert.equal(add('2026-03-07T15:00:00Z', 0, cal), '2026-03-07T15:00:00.000Z');
  assert.equal(between('2026-03-04T15:00:00Z', '2026-03-04T14:00:00Z', cal), 0);
});

test('long budgets run over many business days', () => {
  // 1 business day of 24 hours = 2 days and 6 hours of nine-hour days: Monday 09:00 → Wednesday 15:00.
  assert.equal(add('2026-03-02T12:00:00Z', 24 * hour, calendar(saoPaulo)), '2026-03-04T18:00:00.000Z');
});

test('a week with no hours never comes due', () => {
  const cal = calendar(saoPaulo, { mon: [], tue: [], wed: [], thu: [], fri: [] });
  assert.equal(add('2026-03-04T12:00:00Z', minute, cal), null);
  assert.equal(between('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z', cal), 0);
});

test('adding then measuring gives the budget back, whatever the start', () => {
  const cal = calendar(newYork, {
    tue: [
      { open: '08:00', close: '12:00' },
      { open: '13:30', close: '19:00' },
    ],
    sat: [{ open: '10:00', close: '14:00' }],
    holidays: ['2026-11-26'],
  });
  const starts = ['2026-02-27T21:17:00Z', '2026-03-07T18:59:00Z', '2026-10-30T12:01:00Z', '2026-11-25T23:00:00Z', '2026-11-03T16:45:00Z'];
  for (const start of starts) {
    for (const ms of [1, 7 * minute, 2 * hour + 13 * minute, 9 * hour, 31 * hour + 5 * minute]) {
      const due = addBusinessTime(new Date(start), ms, cal);
      assert.ok(due, `${start} + ${ms}`);
      assert.equal(businessTimeBetween(new Date(start), due, cal), ms, `${start} + ${ms}`);
    }
  }
});
