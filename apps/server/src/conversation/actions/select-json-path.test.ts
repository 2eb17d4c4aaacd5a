import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseJsonPath, selectJsonPath } from './select-json-path.ts';

const order = {
  status: 'shipped',
  delivery: { eta: '2026-11-27', 'carrier name': 'Correios', "it's": 'quoted' },
  items: [
    { name: 'Tênis Corrida', quantity: 1 },
    { name: 'Meia', quantity: 3 },
  ],
  empty: null,
  zero: 0,
};

test('returns the whole document for $', () => {
  assert.deepEqual(selectJsonPath(order, '$'), order);
});

test('follows dotted keys, indexes and quoted keys', () => {
  assert.equal(selectJsonPath(order, '$.status'), 'shipped');
  assert.equal(selectJsonPath(order, '$.delivery.eta'), '2026-11-27');
  assert.equal(selectJsonPath(order, '$.items[0].name'), 'Tênis Corrida');
  assert.equal(selectJsonPath(order, '$.items[-1].name'), 'Meia');
  assert.equal(selectJsonPath(order, "$.delivery['carrier name']"), 'Correios');
  assert.equal(selectJsonPath(order, '$.delivery["carrier name"]'), 'Correios');
  assert.equal(selectJsonPath(order, "$.delivery['it\\'s']"), 'quoted');
  assert.equal(selectJsonPath(order, "$['status']"), 'shipped');
  assert.equal(selectJsonPath([10, 20], '$[1]'), 20);
});

test('keeps null and zero apart from missing', () => {
  assert.equal(selectJsonPath(order, '$.empty'), null);
  assert.equal(selectJsonPath(order, '$.zero'), 0);
  assert.equal(selectJsonPath(order, '$.nope'), undefined);
  assert.equal(selectJsonPath(order, '$.empty.deeper'), undefined);
  assert.equal(selectJsonPath(order, '$.items[5].name'), undefined);
  assert.equal(selectJsonPath(order, '$.status.length'), undefined);
});

test('gives an array for wildcards, skipping items without the key', () => {
  assert.deepEqual(selectJsonPath(order, '$.items[*].name'), ['Tênis Corrida', 'Meia']);
  assert.deepEqual(selectJsonPath({ list: [{ id: 1 }, { other: 2 }, { id: 3 }] }, '$.list[*].id'), [1, 3]);
  assert.deepEqual(selectJsonPath({ a: { x: 1, y: 2 } }, '$.a.*'), [1, 2]);
  assert.deepEqual(selectJsonPath({ list: [] }, '$.list[*].id'), []);
  assert.deepEqual(selectJsonPath({}, '$.list[*]'), []);
});

test('counts an array with .length', () => {
  assert.equal(selectJsonPath(order, '$.items.length'), 2);
});

test('does not read inherited properties', () => {
  assert.equal(selectJsonPath({}, '$.constructor'), undefined);
  assert.equal(selectJsonPath({}, '$.__proto__'), undefined);
});

test('gives undefined for malformed paths instead of throwing', () => {
  for (const path of ['', 'status', '$.', '$..a', '$[', "$['x]", '$[abc]', '$.a b', '$.items[0']) {
    assert.equal(parseJsonPath(path), null, path);
    assert.equal(selectJsonPath(order, path), undefined, path);
  }
});
