import type { Language } from '../../../workspace/workspace.schema.ts';
import { isLuhnValid } from '../entities/is-luhn-valid.ts';
import { isValidCnpj } from '../entities/is-valid-cnpj.ts';

export type SensitiveKind = 'credit_card' | 'password' | 'card_security_code' | 'bank_account';

export interface SensitiveSpan {
  kind: SensitiveKind;
  start: number;
  end: number;
  /** True when the span holds the secret itself; false when the customer only offers or asks to send one. */
  disclosed: boolean;
}

type Finder = (text: string) => SensitiveSpan[];

// A card number: 13–19 digits, maybe in groups, not glued to more digits (a boleto line, a barcode)
// nor after "+" (a phone number).
const cardCandidate = /(?<![\d+][ .-]?)(?<![\d+])\d(?:[ .-]?\d){12,18}(?![ .-]?\d)/g;

const securityCodePattern =
  /\b(?:cvv2?|cvc2?|cid|c[oó]d(?:igo)?\.?\s+(?:de\s+)?seguran[cç]a|security\s+code|c[oó]digo\s+de\s+seguridad|(?:d[ií]gitos|n[uú]meros|digits|numbers)\s+(?:de\s+tr[aá]s|do\s+verso|del\s+reverso|on\s+the\s+back|atr[aá]s))\b[^\d\n]{0,24}?(\d{3,4})(?!\d)/dgiu;

const passwordPattern =
  /(?<owner>\b(?:minha|meu|my|mi)\s+)?\b(?:senha|password|passcode|passwd|pwd|contrase[nñ]a|clave|pin)\b[^\n:=.!?]{0,30}?(?<sep>\s+(?:é|e|eh|is|es|era|was|seria|sería)\s+|\s*[:=]\s*)(?:(?:a|o|la|el)\s+)?["'“‘]?(?<value>[^\s"'”’,;]+)/dgiu;

// Words that describe a password rather than being one ("minha senha é nova", "the password is wrong").
const notAPassword = new Set(
  (
    'muito fraca forte nova antiga errada incorreta invalida inválida bloqueada diferente igual mesma essa esta isso outra longa curta ' +
    'grande pequena segura correta valida válida vencida expirada obrigatoria obrigatória qual email e-mail usuario usuário login cpf ' +
    'wrong incorrect invalid new old weak strong same different blocked locked not the too correct valid expired required what my user username ' +
    'nueva incorrecta misma otra demasiado muy correcta cual cuál mi usuario no não nao'
  ).split(' '),
);

const bankPatterns: readonly RegExp[] = [
  /\bag(?:[eê]ncia)?\.?\s*:?\s*\d{3,5}(?:-\d)?[\s,;/]+(?:e\s+)?(?:c\/?c|conta(?:\s+corrente|\s+poupan[cç]a)?|cp)\.?\s*:?\s*\d{3,12}-?[\dxX]?\b/giu,
  /\bconta\s+(?:corrente\s+|poupan[cç]a\s+)?(?:n[º°o.]?\s*|n[uú]mero\s+)?(?:é\s+)?:?\s*(?:\d{4,12}-[\dxX]|\d{6,12})\b/giu,
  /\b(?:account|acct)(?:\s+(?:number|no\.?|#))?(?:\s+is)?\s*:?\s*#?\d{6,17}\b/giu,
  /\brouting(?:\s+number)?\s*:?\s*\d{9}\b/giu,
  /\b(?:cuenta|n[uú]mero\s+de\s+cuenta|nro\.?\s+de\s+cuenta)(?:\s+es)?\s*:?\s*\d{6,20}\b/giu,
  /\b(?:clabe|cbu|cvu)(?:\s+es)?\s*:?\s*\d{18,22}\b/giu,
];

const ibanCandidate = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;

// "posso mandar o número do cartão?", "can I send my password here?": the secret is on its way.
const offerPatterns: readonly RegExp[] = [
  /\b(?:posso|pode(?:ria)?|devo|quer(?:em)?|precisa(?:m)?|vou|tenho\s+que|preciso)\s+(?:te\s+|lhe\s+|vos\s+)?(?:mandar|enviar|passar|informar|digitar|falar|dar)\s+(?:aqui\s+)?(?:(?:o|a|os|as)\s+)?(?:(?:meu|minha|meus|minhas)\s+)?(?<what>n[uú]mero\s+do\s+(?:meu\s+)?cart[aã]o|dados\s+do\s+(?:meu\s+)?cart[aã]o|cart[aã]o|senha|cvv|c[oó]digo\s+de\s+seguran[cç]a|dados\s+banc[aá]rios|conta\s+banc[aá]ria)/giu,
  /\b(?:can|should|do|shall|may|must)\s+i\s+(?:send|give|share|type|tell)\s+(?:you\s+)?(?:my\s+)?(?<what>card\s+(?:number|details)|credit\s+card(?:\s+number)?|password|cvv|security\s+code|bank\s+(?:details|account))/giu,
  /\bdo\s+you\s+need\s+my\s+(?<what>card\s+(?:number|details)|credit\s+card(?:\s+number)?|password|cvv|security\s+code|bank\s+(?:details|account))/giu,
  /\b(?:puedo|debo|quieres|necesitas?|tengo\s+que)\s+(?:enviar|mandar|pasar|dar)(?:te|le)?\s+(?:(?:mi|mis|el|la|los)\s+)?(?<what>n[uú]mero\s+de\s+(?:mi\s+)?tarjeta|datos\s+de\s+(?:mi\s+)?tarjeta|tarjeta|contrase[nñ]a|clave|cvv|c[oó]digo\s+de\s+seguridad|datos\s+bancarios|cuenta\s+bancaria)/giu,
];

const finders: readonly Finder[] = [findCardNumbers, findSecurityCodes, findPasswords, findBankAccounts, findIbans, findOffers];

/**
 * Card numbers (Luhn-valid), passwords, card security codes and bank accounts a customer sends,
 * or offers to send, so the bot can hand off without echoing them and the log can redact them.
 * CPF, e-mail and phone are not sensitive here: flows collect them. Every language's wording is
 * checked whatever `language` says: language detection is weakest on exactly these short lines.
 */
export function detectSensitiveData(text: string, _language: Language): SensitiveSpan[] {
  const spans = finders.flatMap((find) => find(text)).sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: SensitiveSpan[] = [];
  for (const span of spans) {
    const last = kept.at(-1);
    if (last && span.start < last.end) continue;
    kept.push(span);
  }
  return kept;
}

function findCardNumbers(text: string): SensitiveSpan[] {
  const spans: SensitiveSpan[] = [];
  for (const match of text.matchAll(cardCandidate)) {
    const digits = match[0].replace(/\D/g, '');
    if (isPlausibleCard(digits))
      spans.push({ kind: 'credit_card', start: match.index, end: match.index + match[0].length, disclosed: true });
  }
  return spans;
}

function isPlausibleCard(digits: string): boolean {
  if (!isLuhnValid(digits)) return false;
  // 13 digits is an old Visa; anything else of that length is a phone number with its country code.
  if (digits.length === 13) return digits.startsWith('4');
  // 14 digits is Diners, unless it is a company's CNPJ.
  if (digits.length === 14) return /^3[0689]/.test(digits) && !isValidCnpj(digits);
  return /^[2-6]/.test(digits);
}

function findSecurityCodes(text: string): SensitiveSpan[] {
  const spans: SensitiveSpan[] = [];
  for (const match of text.matchAll(securityCodePattern)) {
    const code = match.indices?.[1];
    if (code) spans.push({ kind: 'card_security_code', start: code[0], end: code[1], disclosed: true });
  }
  return spans;
}

function findPasswords(text: string): SensitiveSpan[] {
  const spans: SensitiveSpan[] = [];
  for (const match of text.matchAll(passwordPattern)) {
    const value = match.groups?.value ?? '';
    const where = match.indices?.groups?.value;
    if (!where || notAPassword.has(value.toLowerCase())) continue;
    const separator = (match.groups?.sep ?? '').trim();
    const looksLikeSecret = /[^\p{L}]/u.test(value);
    // "a senha é gatinho" could be a sentence; "minha senha é gatinho" and "senha: gatinho" are not.
    if (separator === ':' || separator === '=' || looksLikeSecret || match.groups?.owner) {
      spans.push({ kind: 'password', start: where[0], end: where[1], disclosed: true });
    }
  }
  return spans;
}

function findBankAccounts(text: string): SensitiveSpan[] {
  return bankPatterns.flatMap((pattern) =>
    [...text.matchAll(pattern)].map((match) => ({
      kind: 'bank_account' as const,
      start: match.index,
      end: match.index + match[0].length,
      disclosed: true,
    })),
  );
}

function findIbans(text: string): SensitiveSpan[] {
  const spans: SensitiveSpan[] = [];
  for (const match of text.matchAll(ibanCandidate)) {
    const iban = match[0].replace(/ /g, '');
    if (iban.length >= 15 && iban.length <= 34 && passesIbanCheck(iban)) {
      spans.push({ kind: 'bank_account', start: match.index, end: match.index + match[0].length, disclosed: true });
    }
  }
  return spans;
}

function passesIbanCheck(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

function findOffers(text: string): SensitiveSpan[] {
  const spans: SensitiveSpan[] = [];
  for (const pattern of offerPatterns) {
    for (const match of text.matchAll(pattern)) {
      const what = (match.groups?.what ?? '').toLowerCase();
      spans.push({ kind: offeredKind(what), start: match.index, end: match.index + match[0].length, disclosed: false });
    }
  }
  return spans;
}

function offeredKind(what: string): SensitiveKind {
  if (/senha|password|contrase|clave/.test(what)) return 'password';
  if (/cvv|seguran|security|seguridad/.test(what)) return 'card_security_code';
  if (/banc|bank/.test(what)) return 'bank_account';
  return 'credit_card';
}
