import { type Entity } from './entity.ts';
import { isLuhnValid } from './is-luhn-valid.ts';
import { isValidCnpj } from './is-valid-cnpj.ts';
import { isValidCpf } from './is-valid-cpf.ts';

// Every pattern has bounded repetition, so the scan stays linear on any input.
const cpfPattern = /(?<![\d.\-/])\d{3}(\.?)\d{3}\1\d{3}-?\d{2}(?![\d]|[.\-/]\d)/g;
const cnpjPattern = /(?<![\d.\-/])\d{2}(\.?)\d{3}\1\d{3}\/?\d{4}-?\d{2}(?![\d]|[.\-/]\d)/g;
const formattedCepPattern = /(?<![\d.\-/])(?:\d{5}|\d{2}\.\d{3})-\d{3}(?![\d]|[.\-/]\d)/g;
const bareCepPattern = /(?<![\d.,\-/])\d{8}(?![\d]|[.,\-/]\d)/g;
const cepCuePattern = /\b(?:cep|codigo postal|zip)\b/;
const cardPatterns = [
  /(?<!\d[ -]|\d)\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?!\d|[ -]\d)/g,
  /(?<!\d[ -]|\d)\d{4}([ -])\d{6}\1\d{5}(?!\d|[ -]\d)/g,
  /(?<![\d+])\d{13,19}(?!\d)/g,
];

/**
 * Brazilian document numbers and card numbers in `text` (folded alongside): CPF and CNPJ only when
 * their check digits are right, CEP when formatted ("01310-100") or, bare ("01310100"), when the text
 * says "CEP"; card numbers only when Luhn-valid, found so the engine can refuse and redact them.
 */
export function findDocumentNumbers(text: string, folded: string): Entity[] {
  const found: Entity[] = [];
  const span = (start: number, end: number) => ({ text: text.slice(start, end), start, end });
  for (const match of folded.matchAll(cnpjPattern)) {
    const digits = match[0].replace(/\D/g, '');
    if (isValidCnpj(digits)) found.push({ type: 'cnpj', value: digits, ...span(match.index, match.index + match[0].length) });
  }
  for (const match of folded.matchAll(cpfPattern)) {
    const digits = match[0].replace(/\D/g, '');
    if (isValidCpf(digits)) found.push({ type: 'cpf', value: digits, ...span(match.index, match.index + match[0].length) });
  }
  for (const match of folded.matchAll(formattedCepPattern)) {
    found.push({ type: 'cep', value: match[0].replace(/\D/g, ''), ...span(match.index, match.index + match[0].length) });
  }
  if (cepCuePattern.test(folded)) {
    for (const match of folded.matchAll(bareCepPattern)) {
      found.push({ type: 'cep', value: match[0], ...span(match.index, match.index + match[0].length) });
    }
  }
  for (const pattern of cardPatterns) {
    for (const match of folded.matchAll(pattern)) {
      const digits = match[0].replace(/\D/g, '');
      if (isLuhnValid(digits) && isCardShaped(digits))
        found.push({ type: 'credit_card', value: digits, ...span(match.index, match.index + match[0].length) });
    }
  }
  return found;
}

/**
 * Only Visa issues 13-digit cards (they start with 4): "5511987654321", a phone with its country
 * code, is Luhn-valid one time in ten and must not be taken for a card and redacted.
 */
function isCardShaped(digits: string): boolean {
  return digits.length !== 13 || digits.startsWith('4');
}
