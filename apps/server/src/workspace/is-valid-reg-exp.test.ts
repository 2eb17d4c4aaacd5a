import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isValidRegExp } from './is-valid-reg-exp.ts';

test('accepts patterns that compile in unicode mode', () => {
  for (const source of ['#?\\d{4,10}', '^\\p{L}+$', 'pedido.*(n[uú]mero)', '']) assert.equal(isValidRegExp(source), true, source);
});

test('refuses patterns that would throw, including ones only unicode mode rejects', () => {
  for (const source of ['(', '[a-', '*x', '\\p{Nope}', '\\-', 'a{2']) assert.equal(isValidRegExp(source), false, source);
});
