import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseLocale } from '../src/choose-locale.ts';
import { getStrings } from '../src/strings.ts';

test('chooseLocale uses data-locale when it names a supported language', () => {
  assert.equal(chooseLocale('es-AR', ['en-US']), 'es');
  assert.equal(chooseLocale('pt', ['en-US']), 'pt-BR');
});

test('chooseLocale falls back to the browser languages when data-locale is missing or unsupported', () => {
  assert.equal(chooseLocale(null, ['fr-FR', 'en-GB']), 'en');
  assert.equal(chooseLocale('de', ['es-MX']), 'es');
});

test('chooseLocale picks pt-BR when nothing matches', () => {
  assert.equal(chooseLocale(undefined, ['ja-JP']), 'pt-BR');
  assert.equal(chooseLocale('', []), 'pt-BR');
});

test('getStrings has the pt-BR wording the demo store expects', () => {
  const pt = getStrings('pt-BR');
  assert.equal(pt.placeholder, 'Digite sua mensagem');
  assert.equal(pt.send, 'Enviar');
  assert.equal(pt.reconnecting, 'Reconectando…');
  assert.equal(pt.openChat, 'Abrir chat');
  assert.equal(pt.closeChat, 'Fechar chat');
  assert.equal(getStrings('en').unread(2), '2 new messages');
});
