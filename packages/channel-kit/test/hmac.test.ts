import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hmacSha256Hex, parseRetryAfter, safeEqual } from '../src/index.ts';

test('safeEqual compares equal and different strings', () => {
  const a = hmacSha256Hex('s', 'body');
  assert.equal(safeEqual(a, hmacSha256Hex('s', 'body')), true);
  assert.equal(safeEqual(a, hmacSha256Hex('t', 'body')), false);
  assert.equal(safeEqual(a, 'short'), false);
});

test('parseRetryAfter reads seconds and HTTP dates', () => {
  assert.equal(parseRetryAfter('3'), 3000);
  const now = new Date('2026-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now), 10_000);
  assert.equal(parseRetryAfter('nonsense'), undefined);
  assert.equal(parseRetryAfter(null), undefined);
});
