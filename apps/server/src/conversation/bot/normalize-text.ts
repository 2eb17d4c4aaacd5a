import { foldWords } from '../nlu/fold-words.ts';

/**
 * Chat text as tokens the bot can match: lower-case, accents stripped, punctuation dropped,
 * stretched letters squeezed ("oiii" → "oi", "obrigadooo" → "obrigado") and common chat
 * abbreviations expanded ("vc" → "voce", "hj" → "hoje", "pls" → "please"). Patterns the bot
 * matches against go through the same function, so squeezing ("hello" → "helo") is consistent.
 */

const abbreviations: Readonly<Record<string, string>> = {
  // Portuguese
  vc: 'voce',
  vcs: 'voces',
  voce: 'voce',
  q: 'que',
  oq: 'o que',
  hj: 'hoje',
  tb: 'tambem',
  tbm: 'tambem',
  pq: 'porque',
  obg: 'obrigado',
  obgd: 'obrigado',
  obgda: 'obrigada',
  brigado: 'obrigado',
  brigada: 'obrigada',
  vlw: 'valeu',
  pfv: 'por favor',
  pf: 'por favor',
  pfvr: 'por favor',
  porfa: 'por favor',
  msg: 'mensagem',
  qnd: 'quando',
  qdo: 'quando',
  qto: 'quanto',
  blz: 'beleza',
  td: 'tudo',
  mt: 'muito',
  mto: 'muito',
  cmg: 'comigo',
  agr: 'agora',
  hr: 'hora',
  hrs: 'horas',
  flw: 'falou',
  eai: 'e ai',
  eae: 'e ai',
  oie: 'oi',
  ta: 'esta',
  tah: 'esta',
  algm: 'alguem',
  ngm: 'ninguem',
  // English
  u: 'you',
  ur: 'your',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  thnx: 'thanks',
  tks: 'thanks',
  ty: 'thank you',
  hiya: 'hi',
  // Spanish
  xq: 'porque',
  tmb: 'tambien',
  ntp: 'no te preocupes',
};

/** Word tokens of `text`, normalised as described above. */
export function normalizeText(text: string): string[] {
  const words = foldWords(text);
  const tokens: string[] = [];
  for (const word of words) {
    const squeezed = word.replace(/([a-z])\1+/g, '$1');
    // Own keys only: "constructor" must not find Object.prototype's.
    const expanded =
      (Object.hasOwn(abbreviations, squeezed) ? abbreviations[squeezed] : undefined) ??
      (Object.hasOwn(abbreviations, word) ? abbreviations[word] : undefined) ??
      squeezed;
    tokens.push(...expanded.split(' '));
  }
  return tokens;
}

/** Whether `phrase` (already normalised tokens) occurs contiguously in `tokens`. */
export function containsPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0 || phrase.length > tokens.length) return false;
  for (let start = 0; start + phrase.length <= tokens.length; start += 1) {
    if (phrase.every((word, i) => tokens[start + i] === word)) return true;
  }
  return false;
}
