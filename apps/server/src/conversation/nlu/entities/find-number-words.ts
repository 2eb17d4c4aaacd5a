import type { Language } from '../../../workspace/workspace.schema.ts';

/** A number written in words, found in folded text (see foldText). */
export interface NumberWordsMatch {
  start: number;
  end: number;
  value: number;
  /** A lone "um"/"uma"/"un"/"una": an article more often than a number. */
  article: boolean;
}

type Word = { kind: 'add'; value: number } | { kind: 'hundred' } | { kind: 'scale'; value: number };

const add = (value: number): Word => ({ kind: 'add', value });

const portuguese: Record<string, Word> = {
  zero: add(0),
  um: add(1),
  uma: add(1),
  dois: add(2),
  duas: add(2),
  tres: add(3),
  quatro: add(4),
  cinco: add(5),
  seis: add(6),
  sete: add(7),
  oito: add(8),
  nove: add(9),
  dez: add(10),
  onze: add(11),
  doze: add(12),
  treze: add(13),
  catorze: add(14),
  quatorze: add(14),
  quinze: add(15),
  dezesseis: add(16),
  dezasseis: add(16),
  dezessete: add(17),
  dezoito: add(18),
  dezenove: add(19),
  vinte: add(20),
  trinta: add(30),
  quarenta: add(40),
  cinquenta: add(50),
  sessenta: add(60),
  setenta: add(70),
  oitenta: add(80),
  noventa: add(90),
  cem: add(100),
  cento: add(100),
  duzentos: add(200),
  duzentas: add(200),
  trezentos: add(300),
  trezentas: add(300),
  quatrocentos: add(400),
  quatrocentas: add(400),
  quinhentos: add(500),
  quinhentas: add(500),
  seiscentos: add(600),
  seiscentas: add(600),
  setecentos: add(700),
  setecentas: add(700),
  oitocentos: add(800),
  oitocentas: add(800),
  novecentos: add(900),
  novecentas: add(900),
  mil: { kind: 'scale', value: 1000 },
  milhao: { kind: 'scale', value: 1e6 },
  milhoes: { kind: 'scale', value: 1e6 },
};

const spanish: Record<string, Word> = {
  cero: add(0),
  un: add(1),
  uno: add(1),
  una: add(1),
  dos: add(2),
  tres: add(3),
  cuatro: add(4),
  cinco: add(5),
  seis: add(6),
  siete: add(7),
  ocho: add(8),
  nueve: add(9),
  diez: add(10),
  once: add(11),
  doce: add(12),
  trece: add(13),
  catorce: add(14),
  quince: add(15),
  dieciseis: add(16),
  diecisiete: add(17),
  dieciocho: add(18),
  diecinueve: add(19),
  veinte: add(20),
  veintiuno: add(21),
  veintiuna: add(21),
  veintidos: add(22),
  veintitres: add(23),
  veinticuatro: add(24),
  veinticinco: add(25),
  veintiseis: add(26),
  veintisiete: add(27),
  veintiocho: add(28),
  veintinueve: add(29),
  treinta: add(30),
  cuarenta: add(40),
  cincuenta: add(50),
  sesenta: add(60),
  setenta: add(70),
  ochenta: add(80),
  noventa: add(90),
  cien: add(100),
  ciento: add(100),
  doscientos: add(200),
  doscientas: add(200),
  trescientos: add(300),
  trescientas: add(300),
  cuatrocientos: add(400),
  cuatrocientas: add(400),
  quinientos: add(500),
  quinientas: add(500),
  seiscientos: add(600),
  seiscientas: add(600),
  setecientos: add(700),
  setecientas: add(700),
  ochocientos: add(800),
  ochocientas: add(800),
  novecientos: add(900),
  novecientas: add(900),
  mil: { kind: 'scale', value: 1000 },
  millon: { kind: 'scale', value: 1e6 },
  millones: { kind: 'scale', value: 1e6 },
};

const english: Record<string, Word> = {
  zero: add(0),
  one: add(1),
  two: add(2),
  three: add(3),
  four: add(4),
  five: add(5),
  six: add(6),
  seven: add(7),
  eight: add(8),
  nine: add(9),
  ten: add(10),
  eleven: add(11),
  twelve: add(12),
  thirteen: add(13),
  fourteen: add(14),
  fifteen: add(15),
  sixteen: add(16),
  seventeen: add(17),
  eighteen: add(18),
  nineteen: add(19),
  twenty: add(20),
  thirty: add(30),
  forty: add(40),
  fifty: add(50),
  sixty: add(60),
  seventy: add(70),
  eighty: add(80),
  ninety: add(90),
  hundred: { kind: 'hundred' },
  thousand: { kind: 'scale', value: 1000 },
  million: { kind: 'scale', value: 1e6 },
};

const vocabularies: Record<Language, Record<string, Word>> = { 'pt-BR': portuguese, es: spanish, en: english };
const connectors: Record<Language, string> = { 'pt-BR': 'e', es: 'y', en: 'and' };
const articles = new Set(['um', 'uma', 'un', 'una']);

/**
 * Numbers written as words in folded text: "vinte e cinco" → 25, "mil e quinhentos" → 1500,
 * "twenty-five" → 25, "doscientos" → 200. A word that cannot continue the number ("três dois")
 * starts a new one.
 */
export function findNumberWords(folded: string, language: Language): NumberWordsMatch[] {
  const vocabulary = vocabularies[language];
  const connector = connectors[language];
  const matches: NumberWordsMatch[] = [];
  let run: { start: number; end: number; total: number; current: number; words: string[] } | null = null;
  // End of the last word the run consumed, a connector ("e", "y", "and") included.
  let cursor = 0;
  const close = (): void => {
    if (run) {
      const value = run.total + run.current;
      matches.push({ start: run.start, end: run.end, value, article: run.words.length === 1 && articles.has(run.words[0] ?? '') });
    }
    run = null;
  };
  for (const token of folded.matchAll(/[a-z]+/g)) {
    const word = token[0];
    const start = token.index;
    const end = start + word.length;
    if (run && !/^[\s-]*$/.test(folded.slice(cursor, start))) close();
    if (run && word === connector && cursor === run.end) {
      cursor = end;
      continue;
    }
    const entry = vocabulary[word];
    if (!entry) {
      close();
      continue;
    }
    if (run && !canContinue(run, entry)) close();
    if (!run) run = { start, end, total: 0, current: 0, words: [] };
    applyWord(run, entry);
    run.end = end;
    run.words.push(word);
    cursor = end;
  }
  close();
  return matches;
}

function canContinue(run: { total: number; current: number }, word: Word): boolean {
  if (word.kind === 'hundred') return run.current > 0 && run.current < 10;
  if (word.kind === 'scale') return run.current > 0 && (run.total === 0 || run.total > word.value);
  if (run.current === 0) return run.total > 0 && word.value < 1000;
  return word.value < 10 ** trailingZeros(run.current);
}

function applyWord(run: { total: number; current: number }, word: Word): void {
  if (word.kind === 'add') run.current += word.value;
  else if (word.kind === 'hundred') run.current *= 100;
  else {
    run.total += (run.current || 1) * word.value;
    run.current = 0;
  }
}

function trailingZeros(value: number): number {
  let zeros = 0;
  let rest = Math.round(value);
  while (rest > 0 && rest % 10 === 0) {
    zeros += 1;
    rest /= 10;
  }
  return zeros;
}
