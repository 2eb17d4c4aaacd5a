import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldText } from './fold-text.ts';
import { scoreReasons } from './record-merge-suggestion.ts';
import { olderFirst } from './attach-verified-identity.ts';

test('foldText makes names equal when they differ only in accents, case and spacing', () => {
  assert.equal(foldText('  José   DA Silva '), 'jose da silva');
  assert.equal(foldText('São Paulo'), foldText('sao paulo'));
  assert.notEqual(foldText('Ana Souza'), foldText('Ana Sousa'));
});

test('scoreReasons combines independent evidence and stays below 1', () => {
  assert.equal(scoreReasons([]), 0);
  assert.equal(scoreReasons([{ kind: 'name_city', detail: 'x' }]), 0.5);
  assert.equal(
    scoreReasons([
      { kind: 'name_city', detail: 'x' },
      { kind: 'typed_email', detail: 'y' },
    ]),
    0.85,
  );
  const many = scoreReasons(Array.from({ length: 5 }, () => ({ kind: 'typed_phone' as const, detail: 'z' })));
  assert.ok(many < 1 && many > 0.99);
});

test('olderFirst puts the earlier-created contact first, the smaller id when created together', () => {
  const a = { id: 'ct_b', created_at: '2026-01-01T00:00:00.000Z' };
  const b = { id: 'ct_a', created_at: '2026-02-01T00:00:00.000Z' };
  assert.deepEqual(olderFirst(a, b), [a, b]);
  assert.deepEqual(olderFirst(b, a), [a, b]);
  const c = { id: 'ct_a', created_at: a.created_at };
  assert.deepEqual(olderFirst(a, c), [c, a]);
});
