import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyTagChange, escapeCsvCell, normalizeTags, unescapeCsvCell } from '../../src/contacts/index.ts';

test('escapeCsvCell prefixes what a spreadsheet would run as a formula, and quotes separators', () => {
  assert.equal(escapeCsvCell('=1+1'), "'=1+1");
  assert.equal(escapeCsvCell('+5511987654321'), "'+5511987654321");
  assert.equal(escapeCsvCell('-2'), "'-2");
  assert.equal(escapeCsvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(escapeCsvCell('\tx'), `"'\tx"`);
  assert.equal(escapeCsvCell('\rx'), `"'\rx"`);
  assert.equal(escapeCsvCell('Ana, "a Rainha"'), '"Ana, ""a Rainha"""');
  assert.equal(escapeCsvCell('São Paulo'), 'São Paulo');
});

test('unescapeCsvCell undoes only the formula guard', () => {
  for (const value of ['=1+1', '+5511987654321', '-2', '@x', "'quoted", "'=already guarded", 'plain', "it's"]) {
    const cell = escapeCsvCell(value).replace(/^"(.*)"$/s, (_, inner: string) => inner.replace(/""/g, '"'));
    assert.equal(unescapeCsvCell(cell), value);
  }
});

test('tags are trimmed, deduplicated, at most 64 characters and 100 per contact', () => {
  assert.deepEqual(normalizeTags(['  vip ', 'vip', '', 'black   friday']), { ok: true, tags: ['vip', 'black friday'] });
  assert.equal(normalizeTags(['x'.repeat(65)]).ok, false);
  assert.deepEqual(applyTagChange(['a', 'b'], { add: ['c', 'a'], remove: ['b', 'c'] }), { ok: true, tags: ['a'] });
  const hundred = Array.from({ length: 100 }, (_, i) => `t${i}`);
  assert.equal(applyTagChange(hundred, { add: ['one more'] }).ok, false);
  assert.equal(applyTagChange(hundred, { add: ['t1'] }).ok, true);
});
