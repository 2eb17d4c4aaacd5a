import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sentimentTrend } from './sentiment-trend.ts';

test('is stable and calm with no readings', () => {
  assert.deepEqual(sentimentTrend([]), { last: 0, average: 0, trend: 'stable', frustration: 0 });
});

test('sees a conversation getting worse and better', () => {
  const worse = sentimentTrend([
    { score: 0.2, frustration: 0 },
    { score: 0, frustration: 0.1 },
    { score: -0.5, frustration: 0.4 },
    { score: -0.8, frustration: 0.6 },
  ]);
  assert.equal(worse.trend, 'worsening');
  assert.equal(worse.last, -0.8);
  assert.equal(worse.average, -0.275);
  const better = sentimentTrend([
    { score: -0.7, frustration: 0.6 },
    { score: -0.4, frustration: 0.3 },
    { score: 0.3, frustration: 0 },
    { score: 0.8, frustration: 0 },
  ]);
  assert.equal(better.trend, 'improving');
  assert.equal(
    sentimentTrend([
      { score: 0.1, frustration: 0 },
      { score: 0, frustration: 0 },
    ]).trend,
    'stable',
  );
});

test('adds up repeated annoyance and lets a calm message lower it without erasing it', () => {
  const annoyed = sentimentTrend([0.6, 0.6, 0.6].map((frustration) => ({ score: -0.4, frustration })));
  assert.ok(annoyed.frustration >= 0.75, String(annoyed.frustration));
  const calmedDown = sentimentTrend([
    { score: -0.9, frustration: 0.9 },
    { score: 0, frustration: 0 },
  ]);
  assert.ok(calmedDown.frustration > 0.3 && calmedDown.frustration < 0.75, String(calmedDown.frustration));
  // Only the newest three readings count: old anger has faded.
  const old = sentimentTrend([{ score: -1, frustration: 1 }, ...Array.from({ length: 3 }, () => ({ score: 0, frustration: 0 }))]);
  assert.equal(old.frustration, 0);
});

test('ignores readings that are not numbers and clamps the rest', () => {
  const trend = sentimentTrend([
    { score: Number.NaN, frustration: 0.5 },
    { score: 5, frustration: 7 },
  ]);
  assert.equal(trend.last, 1);
  assert.equal(trend.frustration, 1);
});
