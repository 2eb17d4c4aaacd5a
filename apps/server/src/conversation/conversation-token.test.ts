import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newId } from '../storage/index.ts';
import { conversationIdFromToken, conversationToken } from './conversation-token.ts';

const key = Buffer.alloc(32, 1);

test('a token names its conversation, survives case folding, and fits an e-mail local part', () => {
  const id = newId('cv');
  const token = conversationToken(key, id);
  assert.match(token, /^[0-9a-z]{32}$/);
  assert.ok(`support+${token}`.length <= 64);
  assert.equal(conversationIdFromToken(key, token), id);
  assert.equal(conversationIdFromToken(key, token.toUpperCase()), id);
});

test('a forged or altered token, or one made with another key, names nothing', () => {
  const id = newId('cv');
  const token = conversationToken(key, id);
  const altered = `${token.slice(0, 5)}${token[5] === 'a' ? 'b' : 'a'}${token.slice(6)}`;
  assert.equal(conversationIdFromToken(key, altered), null);
  assert.equal(conversationIdFromToken(Buffer.alloc(32, 2), token), null);
  assert.equal(conversationIdFromToken(key, 'hello'), null);
  assert.equal(conversationIdFromToken(key, ''), null);
});
