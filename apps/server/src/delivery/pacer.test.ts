import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPacer } from './pacer.ts';

test('lets a burst through, then spaces sends at the connection’s rate', () => {
  const pacer = createPacer();
  const pacing = { perConnectionPerSecond: 2, burst: 2 };
  assert.equal(pacer.reserve('c1', 'a', pacing, 0), 0);
  assert.equal(pacer.reserve('c1', 'b', pacing, 0), 0);
  assert.equal(pacer.reserve('c1', 'c', pacing, 0), 500);
  assert.equal(pacer.reserve('c1', 'c', pacing, 499), 2);
  assert.equal(pacer.reserve('c1', 'c', pacing, 500), 0);
  // Another connection has its own bucket.
  assert.equal(pacer.reserve('c2', 'a', pacing, 500), 0);
});

test('spaces sends to one recipient by the per-recipient rate without holding others back', () => {
  const pacer = createPacer();
  const pacing = { perConnectionPerSecond: 80, perRecipientPerSecond: 1 / 6, perRecipientBurst: 2 };
  assert.equal(pacer.reserve('wa', '5511', pacing, 0), 0);
  assert.equal(pacer.reserve('wa', '5511', pacing, 0), 0);
  assert.equal(pacer.reserve('wa', '5511', pacing, 0), 6000);
  assert.equal(pacer.reserve('wa', '5521', pacing, 0), 0);
  assert.equal(pacer.reserve('wa', '5511', pacing, 6000), 0);
});

test('a refused reservation takes no slot, and no pacing means no wait', () => {
  const pacer = createPacer();
  const pacing = { perConnectionPerSecond: 1 };
  assert.equal(pacer.reserve('c', 'x', pacing, 0), 0);
  assert.equal(pacer.reserve('c', 'x', pacing, 100), 900);
  assert.equal(pacer.reserve('c', 'x', pacing, 100), 900);
  assert.equal(pacer.reserve('c', 'x', pacing, 1000), 0);
  assert.equal(pacer.reserve('c', 'x', undefined, 1000), 0);
});
