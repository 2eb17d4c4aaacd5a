import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isValidCpf } from './is-valid-cpf.ts';

test('accepts CPFs whose check digits are right, formatted or not', () => {
  assert.equal(isValidCpf('52998224725'), true);
  assert.equal(isValidCpf('529.982.247-25'), true);
  assert.equal(isValidCpf('111.444.777-35'), true);
});

test('refuses wrong check digits, repeated digits and wrong lengths', () => {
  assert.equal(isValidCpf('52998224726'), false);
  assert.equal(isValidCpf('52998224715'), false);
  assert.equal(isValidCpf('111.111.111-11'), false);
  assert.equal(isValidCpf('5299822472'), false);
  assert.equal(isValidCpf('529982247250'), false);
  assert.equal(isValidCpf('abc.def.ghi-jk'), false);
  assert.equal(isValidCpf(''), false);
});
