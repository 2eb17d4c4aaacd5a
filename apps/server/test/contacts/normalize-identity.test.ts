import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isRawIdentity,
  normalizeEmail,
  normalizeIdentity,
  normalizeOrKeepRaw,
  normalizePhone,
} from '../../src/contacts/normalize-identity.ts';

test('normalizePhone gives E.164 when the number is written with spaces, dashes, brackets or 00', () => {
  assert.equal(normalizePhone('+1 (415) 555-0100'), '+14155550100');
  assert.equal(normalizePhone('0044 20 7946 0958'), '+442079460958');
  assert.equal(normalizePhone('+351 912 345 678'), '+351912345678');
  assert.equal(normalizePhone('  +55 11 98765-4321 '), '+5511987654321');
});

test('normalizePhone adds the 9th digit when a Brazilian mobile comes without it', () => {
  assert.equal(normalizePhone('+55 11 8765-4321'), '+5511987654321');
  assert.equal(normalizePhone('551187654321'), '+5511987654321');
  assert.equal(normalizePhone('+55 21 6123-4567'), '+5521961234567');
  assert.equal(normalizePhone('+5511987654321'), normalizePhone('+551187654321'));
});

test('normalizePhone leaves Brazilian landlines and other countries alone when they look like old mobiles', () => {
  assert.equal(normalizePhone('+55 11 3456-7890'), '+551134567890', 'landlines start with 2-5');
  assert.equal(normalizePhone('+56 11 8765-4321'), '+561187654321', 'not Brazil');
  assert.equal(normalizePhone('+55 01 8765-4321'), '+55187654321', 'no area code starts with 0: the trunk 0 goes, no 9 comes');
});

test('normalizePhone returns null when the value is not a phone number', () => {
  for (const raw of ['', 'abc', '1234567', '+1234567890123456', 'call me', '++']) assert.equal(normalizePhone(raw), null, raw);
});

test('normalizeEmail lower-cases and trims when the address is valid, and refuses when it is not', () => {
  assert.equal(normalizeEmail('  Maria.Silva@Example.COM '), 'maria.silva@example.com');
  assert.equal(normalizeEmail('a+tag@sub.example.org'), 'a+tag@sub.example.org');
  for (const raw of ['', 'maria', 'maria@', '@example.com', 'maria@example', 'ma ria@example.com'])
    assert.equal(normalizeEmail(raw), null, raw);
});

test('normalizeIdentity normalises by kind and drops claims that do not normalise', () => {
  assert.deepEqual(normalizeIdentity({ kind: 'email', value: 'X@Y.COM', verified: true }), {
    kind: 'email',
    value: 'x@y.com',
    verified: true,
  });
  assert.deepEqual(normalizeIdentity({ kind: 'phone', value: '+55 11 8765-4321', verified: false }), {
    kind: 'phone',
    value: '+5511987654321',
    verified: false,
  });
  assert.deepEqual(normalizeIdentity({ kind: 'api_user', value: '  user-1 ', verified: true }), {
    kind: 'api_user',
    value: 'user-1',
    verified: true,
  });
  assert.equal(normalizeIdentity({ kind: 'email', value: 'nope', verified: true }), null);
  assert.equal(normalizeIdentity({ kind: 'external', value: '   ', verified: true }), null);
});

test('normalizePhone refuses numbers no country can have (libphonenumber lengths)', () => {
  for (const raw of ['+1 234 5678', '+55 11 1', '+999 1234 5678']) assert.equal(normalizePhone(raw), null, raw);
});

test('normalizeOrKeepRaw keeps a malformed e-mail or phone as an unverified raw: identity and never throws', () => {
  assert.deepEqual(normalizeOrKeepRaw({ kind: 'phone', value: ' call me ', verified: true }), {
    kind: 'phone',
    value: 'raw:call me',
    verified: false,
  });
  assert.deepEqual(normalizeOrKeepRaw({ kind: 'email', value: 'Ana@', verified: true }), {
    kind: 'email',
    value: 'raw:Ana@',
    verified: false,
  });
  assert.equal(normalizeOrKeepRaw({ kind: 'email', value: '   ', verified: true }), null);
  assert.deepEqual(normalizeOrKeepRaw({ kind: 'email', value: 'Ana+X@Ex.com', verified: true }), {
    kind: 'email',
    value: 'ana+x@ex.com',
    verified: true,
  });
  assert.equal(isRawIdentity({ value: 'raw:x' }), true);
  assert.equal(normalizeOrKeepRaw({ kind: 'phone', value: 'x'.repeat(600), verified: false })?.value.length, 512);
});
