import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type DateTimeValue, type EntityContext } from './entity.ts';
import { findDateTimes } from './find-datetimes.ts';
import { foldText } from './fold-text.ts';

// Tuesday 24 November 2026, 14:00 in São Paulo.
const buildContext = (overrides: Partial<EntityContext> = {}): EntityContext => ({
  language: 'pt-BR',
  timezone: 'America/Sao_Paulo',
  now: new Date('2026-11-24T14:00:00-03:00'),
  orderNumberPattern: '#?\\d{4,10}',
  ...overrides,
});

const read = (text: string, ctx = buildContext(), direction: 'future' | 'past' = 'future'): (DateTimeValue | string)[] =>
  findDateTimes(text, foldText(text), ctx, direction).flatMap((entity) => (entity.type === 'datetime' ? [entity.text, entity.value] : []));

test('reads the Portuguese expressions customers use', () => {
  const cases: [string, string, DateTimeValue][] = [
    ['amanhã', 'amanhã', { date: '2026-11-25' }],
    ['amanha', 'amanha', { date: '2026-11-25' }],
    ['depois de amanhã', 'depois de amanhã', { date: '2026-11-26' }],
    ['sexta', 'sexta', { date: '2026-11-27' }],
    ['sexta à tarde', 'sexta à tarde', { date: '2026-11-27', partOfDay: 'afternoon' }],
    ['dia 15', 'dia 15', { date: '2026-12-15' }],
    ['15/12', '15/12', { date: '2026-12-15' }],
    ['semana que vem', 'semana que vem', { date: '2026-11-30' }],
    ['hoje às 15h', 'hoje às 15h', { date: '2026-11-24', time: '15:00' }],
    ['3 da tarde', '3 da tarde', { time: '15:00' }],
    ['no sabado', 'sabado', { date: '2026-11-28' }],
    ['terca de manha', 'terca de manha', { date: '2026-11-24', partOfDay: 'morning' }],
    ['quinta-feira às 10h30', 'quinta-feira às 10h30', { date: '2026-11-26', time: '10:30' }],
    ['amanhã cedo', 'amanhã cedo', { date: '2026-11-25', partOfDay: 'morning' }],
    ['às 3 e meia', 'às 3 e meia', { time: '15:30' }],
    ['10 da noite', '10 da noite', { time: '22:00' }],
    ['meio-dia', 'meio-dia', { time: '12:00' }],
    ['daqui a 3 dias', 'daqui a 3 dias', { date: '2026-11-27' }],
    ['15 de janeiro', '15 de janeiro', { date: '2027-01-15' }],
    ['27/11/2026 14:30', '27/11/2026 14:30', { date: '2026-11-27', time: '14:30' }],
    ['hoje à noite', 'hoje à noite', { date: '2026-11-24', partOfDay: 'night' }],
    ['fim de semana', 'fim de semana', { date: '2026-11-28' }],
    ['comprei semana passada', 'semana passada', { date: '2026-11-16' }],
  ];
  for (const [text, span, value] of cases) assert.deepEqual(read(text), [span, value], text);
});

test('reads Spanish and English expressions', () => {
  const es = buildContext({ language: 'es' });
  assert.deepEqual(read('mañana por la tarde', es), ['mañana por la tarde', { date: '2026-11-25', partOfDay: 'afternoon' }]);
  assert.deepEqual(read('el viernes', es), ['viernes', { date: '2026-11-27' }]);
  assert.deepEqual(read('a las 3 de la tarde', es), ['a las 3 de la tarde', { time: '15:00' }]);
  assert.deepEqual(read('pasado mañana', es), ['pasado mañana', { date: '2026-11-26' }]);
  assert.deepEqual(read('esta noche', es), ['esta noche', { date: '2026-11-24', partOfDay: 'night' }]);
  assert.deepEqual(read('el miércoles por la mañana', es), ['miércoles por la mañana', { date: '2026-11-25', partOfDay: 'morning' }]);
  const en = buildContext({ language: 'en' });
  assert.deepEqual(read('next monday at 10am', en), ['next monday at 10am', { date: '2026-11-30', time: '10:00' }]);
  assert.deepEqual(read('tomorrow morning', en), ['tomorrow morning', { date: '2026-11-25', partOfDay: 'morning' }]);
  assert.deepEqual(read('friday at 5:30pm', en), ['friday at 5:30pm', { date: '2026-11-27', time: '17:30' }]);
  assert.deepEqual(read('tonight at 8', en), ['tonight at 8', { date: '2026-11-24', time: '20:00' }]);
  // chrono-node fills in what the grammar does not know.
  assert.deepEqual(read('Dec 3rd, 2026', en), ['Dec 3rd, 2026', { date: '2026-12-03' }]);
});

test('reads day first, and month first in English only when day first cannot be a date', () => {
  assert.deepEqual(read('03/04'), ['03/04', { date: '2027-04-03' }]);
  assert.deepEqual(read('03/04', buildContext({ language: 'en' })), ['03/04', { date: '2027-04-03' }]);
  assert.deepEqual(read('12/15', buildContext({ language: 'en' })), ['12/15', { date: '2026-12-15' }]);
  assert.deepEqual(read('12/15'), []);
  assert.deepEqual(read('31/02'), []);
  // Dots and dashes are dates only with a year: "1.5" is a number.
  assert.deepEqual(read('1.5'), []);
  assert.deepEqual(read('15.12.2026'), ['15.12.2026', { date: '2026-12-15' }]);
});

test('resolves in the workspace timezone, not the server clock', () => {
  // 01:30 UTC on the 25th is still 22:30 on the 24th in São Paulo.
  const lateEvening = buildContext({ now: new Date('2026-11-25T01:30:00Z') });
  assert.deepEqual(read('amanhã', lateEvening), ['amanhã', { date: '2026-11-25' }]);
  assert.deepEqual(read('amanhã', { ...lateEvening, timezone: 'UTC' }), ['amanhã', { date: '2026-11-26' }]);
  assert.deepEqual(read('amanhã', { ...lateEvening, timezone: 'Not/AZone' }), ['amanhã', { date: '2026-11-26' }]);
});

test('points incomplete dates forward by default and back when asked', () => {
  assert.deepEqual(read('sexta', buildContext(), 'past'), ['sexta', { date: '2026-11-20' }]);
  assert.deepEqual(read('dia 15', buildContext(), 'past'), ['dia 15', { date: '2026-11-15' }]);
  assert.deepEqual(read('terça'), ['terça', { date: '2026-11-24' }]);
  assert.deepEqual(read('próxima terça'), ['próxima terça', { date: '2026-12-01' }]);
  const on31st = buildContext({ now: new Date('2027-01-31T12:00:00-03:00') });
  assert.deepEqual(read('dia 31', buildContext()), ['dia 31', { date: '2026-12-31' }]);
  assert.deepEqual(read('dia 30', on31st), ['dia 30', { date: '2027-03-30' }]);
});

test('ignores greetings, ordinals and lone parts of the day', () => {
  assert.deepEqual(read('boa tarde'), []);
  assert.deepEqual(read('boa noite, tudo bem?'), []);
  assert.deepEqual(read('quero a segunda via do boleto'), []);
  assert.deepEqual(read('cheguei tarde'), []);
  assert.deepEqual(read('buenas tardes', buildContext({ language: 'es' })), []);
});
