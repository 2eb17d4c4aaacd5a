import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDecimal } from './parse-decimal.ts';

test('reads separators the way each language writes them', () => {
  assert.equal(parseDecimal('1.234,56', 'pt-BR'), 1234.56);
  assert.equal(parseDecimal('1.234', 'pt-BR'), 1234);
  assert.equal(parseDecimal('1,5', 'pt-BR'), 1.5);
  assert.equal(parseDecimal('1.234,5', 'es'), 1234.5);
  assert.equal(parseDecimal('1,234.56', 'en'), 1234.56);
  assert.equal(parseDecimal('1,234', 'en'), 1234);
  assert.equal(parseDecimal('1.5', 'en'), 1.5);
});

test('falls back to the other decimal separator where grouping cannot apply', () => {
  assert.equal(parseDecimal('2.5', 'pt-BR'), 2.5);
  assert.equal(parseDecimal('2,75', 'en'), 2.75);
});

test('refuses shapes that are not one number', () => {
  assert.equal(parseDecimal('1.2.3', 'pt-BR'), null);
  assert.equal(parseDecimal('12,34,5', 'en'), null);
  assert.equal(parseDecimal('9'.repeat(400), 'pt-BR'), null);
});
