/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fillTemplate, findFirstMissing, insertMention, mentionHandleOf, readCannedQuery, readMentionQuery } from './composer-triggers.ts';

test('"/" at the very start opens canned responses, filtered by what follows', () => {
  assert.equal(readCannedQuery('/'), '');
  assert.equal(readCannedQuery('/tro'), 'tro');
  assert.equal(readCannedQuery('/troca agora'), null);
  assert.equal(readCannedQuery('ver /troca'), null);
});

test('reads the mention before the caret, not one already finished', () => {
  assert.deepEqual(readMentionQuery('oi @bi', 6), { query: 'bi', start: 3 });
  assert.deepEqual(readMentionQuery('@', 1), { query: '', start: 0 });
  assert.equal(readMentionQuery('ana@loja.com', 12), null);
  assert.equal(readMentionQuery('@bia ok', 7), null);
});

test('inserting a mention replaces what was typed and puts the caret after it', () => {
  assert.deepEqual(insertMention('oi @bi tudo', 3, 6, 'bia.souza'), { text: 'oi @bia.souza  tudo', caret: 14 });
  assert.equal(mentionHandleOf('bia.souza@loja.com'), 'bia.souza');
});

test('fills template parameters and keeps an empty one visible', () => {
  assert.equal(fillTemplate('Olá {{1}}, seu pedido {{2}} saiu.', ['Ana', '']), 'Olá Ana, seu pedido {{2}} saiu.');
});

test('finds the first unfilled variable to select it', () => {
  const text = 'Oi {{contact.firstName}}, aqui é {{agent.name}}';
  assert.deepEqual(findFirstMissing(text, ['agent.name', 'contact.firstName']), { start: 3, end: 24 });
  assert.equal(findFirstMissing('tudo certo', []), null);
});
