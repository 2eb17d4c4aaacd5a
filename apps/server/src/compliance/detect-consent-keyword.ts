/**
 * Opt-out and opt-in keywords as carriers and regulators know them (CTIA's STOP family; in Brazil
 * PARAR, SAIR, CANCELAR; in Spanish BAJA). Only a message that is the keyword alone counts, so
 * "quero cancelar meu pedido" stays a question for the bot while "CANCELAR" withdraws consent.
 */
const withdraw = new Set([
  'stop',
  'stopall',
  'unsubscribe',
  'cancel',
  'end',
  'quit',
  'optout',
  'parar',
  'pare',
  'sair',
  'cancelar',
  'descadastrar',
  'baja',
]);
const grant = new Set(['start', 'unstop', 'subscribe', 'voltar', 'retomar', 'alta', 'optin']);

export type ConsentKeyword = 'withdraw' | 'grant';

export function detectConsentKeyword(text: string): ConsentKeyword | null {
  const word = text
    .normalize('NFKC')
    .trim()
    .replace(/^[\s"'“”‘’.!¡¿?*_-]+|[\s"'“”‘’.!¡¿?*_-]+$/gu, '')
    .replace(/[\s-]+/g, '')
    .toLowerCase();
  if (word.length === 0 || word.length > 16) return null;
  if (withdraw.has(word)) return 'withdraw';
  if (grant.has(word)) return 'grant';
  return null;
}
