/**
 * "Deixa pra lá" while a flow waits for an answer: the customer wants out of the flow, not the
 * cancel_order intent. Only short messages that are nothing but a giving-up phrase count, so
 * "quero cancelar meu pedido" is still understood as what it says.
 */
const phrases = [
  'cancela',
  'cancelar',
  'cancele',
  'cancelar isso',
  'cancela isso',
  'deixa pra la',
  'deixa para la',
  'deixa quieto',
  'esquece',
  'esquece isso',
  'esqueca',
  'nao quero mais',
  'nao precisa mais',
  'desisto',
  'sair do fluxo',
  'voltar ao inicio',
  'voltar ao menu',
  'menu',
  'menu principal',
  'cancel',
  'cancel that',
  'never mind',
  'nevermind',
  'forget it',
  'stop this',
  'main menu',
  'olvidalo',
  'dejalo',
  'dejalo asi',
  'ya no quiero',
  'cancela eso',
  'no importa',
];
const known = new Set(phrases);

export function isCancelRequest(normalized: string): boolean {
  const text = normalized
    .replace(/[^a-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.split(' ').length > 5) return false;
  return known.has(text) || known.has(text.replace(/^(ah|ai|ok|nao|pode|por favor|pfv|please|por favor) /, ''));
}
