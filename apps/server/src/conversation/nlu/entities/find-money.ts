import { type Currency, type Entity } from './entity.ts';
import { type NumberMatch } from './find-numbers.ts';

const prefixPattern = /(r\$|us\$|u\$s|\$|€|usd|brl|eur)\s*$/;
const suffixPattern = /^\s*(reais|real|r\$|brl|contos?|pilas?|dolares|dolar|dollars?|bucks|usd|us\$|euros?|eur|€)(?![a-z])/;
const centsPattern = /^\s*(?:e|y|and)\s+(\d{1,2})\s*(?:centavos?|cents?|centimos?)(?![a-z])/;

const currencyBySymbol: Record<string, Currency> = {
  r$: 'BRL',
  brl: 'BRL',
  reais: 'BRL',
  real: 'BRL',
  conto: 'BRL',
  contos: 'BRL',
  pila: 'BRL',
  pilas: 'BRL',
  us$: 'USD',
  u$s: 'USD',
  $: 'USD',
  usd: 'USD',
  dolares: 'USD',
  dolar: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  bucks: 'USD',
  '€': 'EUR',
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
};

/**
 * Amounts with a currency, built on the numbers already found: "R$ 1.234,56", "R$50", "50 reais",
 * "cinquenta reais", "$20", "20 dólares", "€ 15", "1,5 mil reais", "10 reais e 50 centavos".
 * A number without a currency stays a number; a money slot decides what currency it means.
 */
export function findMoney(text: string, folded: string, numbers: readonly NumberMatch[]): Entity[] {
  const found: Entity[] = [];
  for (const number of numbers) {
    const before = prefixPattern.exec(folded.slice(Math.max(0, number.start - 6), number.start));
    const after = suffixPattern.exec(folded.slice(number.end, number.end + 12));
    const symbol = before?.[1] ?? after?.[1];
    const currency = symbol ? currencyBySymbol[symbol] : undefined;
    if (!currency) continue;
    const start = before ? number.start - before[0].length : number.start;
    let end = after ? number.end + after[0].length : number.end;
    let amount = number.value;
    const cents = after ? centsPattern.exec(folded.slice(end, end + 24)) : null;
    if (cents?.[1]) {
      amount += Number(cents[1]) / 100;
      end += cents[0].length;
    }
    found.push({ type: 'money', value: { amount: Math.round(amount * 100) / 100, currency }, text: text.slice(start, end), start, end });
  }
  return found;
}
