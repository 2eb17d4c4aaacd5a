import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMentions, type Mentionable } from './parse-mentions.ts';

const users: Mentionable[] = [
  { id: 'u-ana', name: 'Ana', email: 'ana@loja.com' },
  { id: 'u-ana-souza', name: 'Ana Souza', email: 'ana.souza@loja.com' },
  { id: 'u-joao', name: 'João Pereira', email: 'jp@loja.com' },
  { id: 'u-bia', name: 'Beatriz', email: 'bia@loja.com' },
];

test('finds a user by their whole name, ignoring case and accents', () => {
  assert.deepEqual(parseMentions('@joao pereira pode ver?', users), ['u-joao']);
  assert.deepEqual(parseMentions('@JOÃO PEREIRA', users), ['u-joao']);
});

test('finds a user by the local part of their e-mail', () => {
  assert.deepEqual(parseMentions('fala com @bia, por favor', users), ['u-bia']);
  assert.deepEqual(parseMentions('cc @ana.souza.', users), ['u-ana-souza']);
});

test('prefers the longest name when one name starts another', () => {
  assert.deepEqual(parseMentions('@Ana Souza e @Ana', users), ['u-ana-souza', 'u-ana']);
});

test('does not match a name that continues into another word', () => {
  assert.deepEqual(parseMentions('@Anabela resolveu', users), []);
});

test('ignores an @ inside a word, such as an e-mail address in the text', () => {
  assert.deepEqual(parseMentions('o cliente escreveu de cliente@ana.com', users), []);
});

test('lists each user once, in the order first mentioned', () => {
  assert.deepEqual(parseMentions('@bia @jp @bia', users), ['u-bia', 'u-joao']);
});

test('mentions no one when there is no @', () => {
  assert.deepEqual(parseMentions('Ana Souza vai ver', users), []);
});
