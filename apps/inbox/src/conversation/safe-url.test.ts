/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitLinks, toSafeUrl } from './safe-url.ts';

test('refuses script and data URLs from message content', () => {
  assert.equal(toSafeUrl('javascript:alert(1)'), null);
  assert.equal(toSafeUrl(' JavaScript:alert(1)'), null);
  assert.equal(toSafeUrl('data:text/html,<script>alert(1)</script>'), null);
  assert.equal(toSafeUrl('vbscript:msgbox'), null);
  assert.equal(toSafeUrl('//evil.example/x'), null);
});

test('keeps http(s) and same-origin media paths', () => {
  assert.equal(toSafeUrl('/media/med_1'), '/media/med_1');
  assert.equal(toSafeUrl('https://loja.example/p?id=1'), 'https://loja.example/p?id=1');
});

test('splits text into plain runs and links, leaving trailing punctuation as text', () => {
  assert.deepEqual(splitLinks('veja https://loja.example/pedido/1. ok'), [
    { kind: 'text', text: 'veja ' },
    { kind: 'link', text: 'https://loja.example/pedido/1', href: 'https://loja.example/pedido/1' },
    { kind: 'text', text: '. ok' },
  ]);
});

test('markup in text stays text: no link is made of it', () => {
  const text = '<img src=x onerror=alert(1)> <svg onload=alert(1)> javascript:alert(1)';
  assert.deepEqual(splitLinks(text), [{ kind: 'text', text }]);
});
