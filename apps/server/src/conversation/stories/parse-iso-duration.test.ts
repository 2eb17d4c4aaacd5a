import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIsoDuration } from './parse-iso-duration.ts';

test('reads weeks, days, hours, minutes and seconds', () => {
  assert.equal(parseIsoDuration('PT2H'), 7_200_000);
  assert.equal(parseIsoDuration('P1DT30M'), 88_200_000);
  assert.equal(parseIsoDuration('PT1.5S'), 1500);
  assert.equal(parseIsoDuration('P1W'), 604_800_000);
});

test('refuses what is not a fixed-length duration', () => {
  for (const text of ['P', 'PT', '2h', 'P1M', 'P1Y', 'PT2H30', '', 'P1DT']) assert.equal(parseIsoDuration(text), null, text);
});
