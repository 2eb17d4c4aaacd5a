import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBusinessHours, formatOpeningTime, isOpenAt } from './business-hours.ts';
import type { BusinessHours } from './business-hours.ts';

const weekday = [{ open: '09:00', close: '18:00' }];
function buildHours(overrides: Partial<BusinessHours> = {}): BusinessHours {
  return {
    mon: weekday,
    tue: weekday,
    wed: weekday,
    thu: weekday,
    fri: weekday,
    sat: [{ open: '09:00', close: '13:00' }],
    sun: [],
    holidays: ['2026-04-21'],
    ...overrides,
  };
}
const saoPaulo = 'America/Sao_Paulo'; // UTC-3 all year

test('is open on Friday at 17:59 in São Paulo and closes at 18:00', () => {
  const state = isOpenAt(buildHours(), saoPaulo, new Date('2026-03-06T20:59:00Z'));
  assert.equal(state.open, true);
  assert.equal(state.nextChange?.toISOString(), '2026-03-06T21:00:00.000Z');
  assert.deepEqual(state.todayIntervals, weekday);
});

test('is closed on Saturday at 14:00 and opens again on Monday at 9:00', () => {
  const state = isOpenAt(buildHours(), saoPaulo, new Date('2026-03-07T17:00:00Z'));
  assert.equal(state.open, false);
  assert.equal(state.nextChange?.toISOString(), '2026-03-09T12:00:00.000Z');
  assert.deepEqual(state.todayIntervals, [{ open: '09:00', close: '13:00' }]);
});

test('is closed on a holiday and opens the next working day', () => {
  const state = isOpenAt(buildHours(), saoPaulo, new Date('2026-04-21T14:00:00Z'));
  assert.equal(state.open, false);
  assert.equal(state.holiday, true);
  assert.deepEqual(state.todayIntervals, []);
  assert.equal(state.nextChange?.toISOString(), '2026-04-22T12:00:00.000Z');
});

test('uses the local date, not the UTC date, near midnight', () => {
  // 2026-03-07 01:00Z is still Friday 22:00 in São Paulo: closed, opens Saturday 9:00.
  const state = isOpenAt(buildHours(), saoPaulo, new Date('2026-03-07T01:00:00Z'));
  assert.equal(state.open, false);
  assert.equal(state.nextChange?.toISOString(), '2026-03-07T12:00:00.000Z');
});

test('is open at the opening minute and closed at the closing minute', () => {
  assert.equal(isOpenAt(buildHours(), saoPaulo, new Date('2026-03-09T12:00:00Z')).open, true);
  assert.equal(isOpenAt(buildHours(), saoPaulo, new Date('2026-03-09T21:00:00Z')).open, false);
});

test('finds the next opening across a DST change', () => {
  const hours = buildHours({ sat: [], holidays: [] });
  // Friday 18:30 EST in New York; clocks go forward on Sunday 2026-03-08; Monday 9:00 is EDT (UTC-4).
  const state = isOpenAt(hours, 'America/New_York', new Date('2026-03-06T23:30:00Z'));
  assert.equal(state.open, false);
  assert.equal(state.nextChange?.toISOString(), '2026-03-09T13:00:00.000Z');
});

test('treats a day closing at 24:00 and the next opening at 00:00 as one opening', () => {
  const allDay = [{ open: '00:00', close: '24:00' }];
  const hours = buildHours({ mon: allDay, tue: allDay, holidays: [] });
  const state = isOpenAt(hours, saoPaulo, new Date('2026-03-09T15:00:00Z'));
  assert.equal(state.open, true);
  // Not Monday midnight: it stays open through Tuesday and closes at Tuesday's midnight.
  assert.equal(state.nextChange?.toISOString(), '2026-03-11T03:00:00.000Z');
  const early = isOpenAt(hours, saoPaulo, new Date('2026-03-11T11:00:00Z')); // Wednesday 8:00
  assert.equal(early.open, false);
  assert.equal(early.nextChange?.toISOString(), '2026-03-11T12:00:00.000Z');
});

test('never changes when the business never opens', () => {
  const closed = buildHours({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] });
  assert.deepEqual(isOpenAt(closed, saoPaulo, new Date('2026-03-09T15:00:00Z')).nextChange, null);
});

test('formats the weekly hours in pt-BR, en and es', () => {
  assert.equal(formatBusinessHours(buildHours(), 'pt-BR'), 'Segunda a sexta, das 9h às 18h; sábado, das 9h às 13h; domingo fechado');
  assert.equal(formatBusinessHours(buildHours(), 'en'), 'Monday to Friday, 9am to 6pm; Saturday, 9am to 1pm; Sunday closed');
  assert.equal(formatBusinessHours(buildHours(), 'es'), 'Lunes a viernes, de 9:00 a 18:00; sábado, de 9:00 a 13:00; domingo cerrado');
});

test('formats split days and several closed days', () => {
  const split = [
    { open: '14:00', close: '18:30' },
    { open: '08:00', close: '12:00' },
  ];
  const hours = buildHours({ mon: split, tue: split, sat: [] });
  assert.equal(
    formatBusinessHours(hours, 'pt-BR'),
    'Segunda e terça, das 8h às 12h e das 14h às 18h30; quarta a sexta, das 9h às 18h; sábado e domingo fechados',
  );
  assert.equal(
    formatBusinessHours(hours, 'en'),
    'Monday and Tuesday, 8am to 12pm and 2pm to 6:30pm; Wednesday to Friday, 9am to 6pm; Saturday and Sunday closed',
  );
});

test('says when it opens relative to now', () => {
  const now = new Date('2026-03-07T17:00:00Z'); // Saturday 14:00 in São Paulo
  assert.equal(formatOpeningTime(new Date('2026-03-09T12:00:00Z'), now, saoPaulo, 'pt-BR'), 'segunda-feira às 9h');
  assert.equal(formatOpeningTime(new Date('2026-03-08T12:00:00Z'), now, saoPaulo, 'en'), 'tomorrow at 9am');
  assert.equal(formatOpeningTime(new Date('2026-03-07T20:30:00Z'), now, saoPaulo, 'es'), 'hoy a las 17:30');
  assert.equal(formatOpeningTime(new Date('2026-03-20T12:00:00Z'), now, saoPaulo, 'pt-BR'), 'em 20 de março às 9h');
});
