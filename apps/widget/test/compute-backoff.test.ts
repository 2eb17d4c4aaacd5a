import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BACKOFF_CAP_MS, computeBackoff } from '../src/compute-backoff.ts';

test('computeBackoff waits between 0.5 s and 1 s on the first attempt', () => {
  assert.equal(
    computeBackoff(0, () => 0),
    500,
  );
  assert.equal(
    computeBackoff(0, () => 1),
    1_000,
  );
});

test('computeBackoff doubles the ceiling with each attempt', () => {
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((n) => computeBackoff(n, () => 1)),
    [1_000, 2_000, 4_000, 8_000, 16_000],
  );
});

test('computeBackoff caps at 30 s when attempts keep failing', () => {
  assert.equal(
    computeBackoff(5, () => 1),
    BACKOFF_CAP_MS,
  );
  assert.equal(
    computeBackoff(500, () => 1),
    BACKOFF_CAP_MS,
  );
  assert.ok(computeBackoff(500, () => 0) >= BACKOFF_CAP_MS / 2);
});

test('computeBackoff spreads visitors apart when the random source differs', () => {
  assert.notEqual(
    computeBackoff(3, () => 0.1),
    computeBackoff(3, () => 0.9),
  );
});
