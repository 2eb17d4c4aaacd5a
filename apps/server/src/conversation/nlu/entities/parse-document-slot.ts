import { isValidCnpj } from './is-valid-cnpj.ts';
import { isValidCpf } from './is-valid-cpf.ts';

export type DocumentSlotRead = { ok: true; digits: string } | { ok: false; reason: 'not_found' | 'invalid_check_digits' | 'ambiguous' };

const lengths = { cpf: 11, cnpj: 14, cep: 8 } as const;
// Groups of digits joined by single separators; mandatory separators keep it linear.
const digitGroupPattern = /(?<!\d)\d+(?:[ .\-/]\d+)*/g;

/**
 * A CPF, CNPJ or CEP in a reply, formatted or bare, alone or in a sentence ("meu cpf é 123.456.789-09").
 * A number of the right length whose check digits are wrong is reported as such, so the bot can say
 * "that CPF is not valid" rather than "I did not understand".
 */
export function parseDocumentSlot(type: 'cpf' | 'cnpj' | 'cep', text: string): DocumentSlotRead {
  const wanted = lengths[type];
  const shaped = new Set<string>();
  for (const group of text.slice(0, 2000).matchAll(digitGroupPattern)) {
    const digits = group[0].replace(/\D/g, '');
    if (digits.length === wanted) shaped.add(digits);
    // "12345678909 e 98765432100" joined by a space: look at each part too.
    else for (const part of group[0].split(' ')) if (part.replace(/\D/g, '').length === wanted) shaped.add(part.replace(/\D/g, ''));
  }
  if (shaped.size === 0) return { ok: false, reason: 'not_found' };
  const valid = [...shaped].filter((digits) => isValidDocument(type, digits));
  if (valid.length === 1 && valid[0]) return { ok: true, digits: valid[0] };
  if (valid.length > 1) return { ok: false, reason: 'ambiguous' };
  return { ok: false, reason: type === 'cep' ? 'not_found' : 'invalid_check_digits' };
}

function isValidDocument(type: 'cpf' | 'cnpj' | 'cep', digits: string): boolean {
  switch (type) {
    case 'cpf':
      return isValidCpf(digits);
    case 'cnpj':
      return isValidCnpj(digits);
    case 'cep':
      // No check digit; only the all-zero code is never assigned.
      return digits !== '00000000';
  }
}
