/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sparklinePoints } from './sparkline-points.ts';

test('puts +1 at the top, -1 at the bottom, spread over the width', () => {
  assert.equal(sparklinePoints([1, -1], 100, 20, 0), '0.0,0.0 100.0,20.0');
});

test('one score draws a flat line; none draws nothing', () => {
  assert.equal(sparklinePoints([0], 10, 10, 0), '0.0,5.0 10.0,5.0');
  assert.equal(sparklinePoints([], 10, 10), '');
});

test('clamps scores outside [-1, 1]', () => {
  assert.equal(sparklinePoints([5, -5], 10, 10, 0), '0.0,0.0 10.0,10.0');
});
