import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectConsentKeyword } from './detect-consent-keyword.ts';
import { consentConfirmationText } from './consent-confirmation-text.ts';

test('reads the opt-out keywords of carriers and of Brazil, alone, in any case and with punctuation', () => {
  for (const text of ['STOP', 'stop', ' Parar ', 'SAIR!', 'cancelar.', 'Unsubscribe', 'BAJA', 'stop all', '"PARE"']) {
    assert.equal(detectConsentKeyword(text), 'withdraw', text);
  }
  for (const text of ['START', 'voltar', 'Unstop', 'ALTA']) assert.equal(detectConsentKeyword(text), 'grant', text);
});

test('leaves sentences that merely contain a keyword to the bot', () => {
  for (const text of ['quero cancelar meu pedido', 'não consigo sair do app', 'stop sending me the wrong size', 'para', 'sai', '', '🛑']) {
    assert.equal(detectConsentKeyword(text), null, text);
  }
});

test('confirms in the customer’s language, pt-BR by default', () => {
  assert.match(consentConfirmationText('withdraw', 'pt-BR'), /VOLTAR/);
  assert.match(consentConfirmationText('withdraw', 'en'), /START/);
  assert.match(consentConfirmationText('grant', 'es-MX'), /BAJA/);
  assert.match(consentConfirmationText('withdraw', null), /VOLTAR/);
});
