import type { Language } from '../../workspace/index.ts';

/**
 * A light stemmer: enough to make "parcelar", "parcelado" and "parcelas" one term, not a linguistic
 * stemmer. It over-stems on purpose (the final vowel goes, so gender and person meet) and never cuts
 * a word below three letters; the char-trigram score catches what it misses. Input is folded
 * (lower case, no accents), as `normalizeChatText` gives it.
 */
export function stemWord(word: string, language: Language): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  const suffixes = language === 'en' ? englishSuffixes : language === 'es' ? spanishSuffixes : portugueseSuffixes;
  let stem = word;
  for (const [suffix, replacement] of pluralRules[language]) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= 3) {
      stem = stem.slice(0, -suffix.length) + replacement;
      break;
    }
  }
  for (const suffix of suffixes) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= 3) {
      stem = stem.slice(0, -suffix.length);
      break;
    }
  }
  if (language === 'en') {
    // "shipped" → "shipp" → "ship"; "delivery" → "deliver".
    stem = stem.replace(/([bdgklmnprt])\1$/, '$1').replace(/y$/, 'i');
  }
  if (stem.length > 3 && /[aeo]$/.test(stem)) stem = stem.slice(0, -1);
  return stem;
}

const pluralRules: Readonly<Record<Language, ReadonlyArray<readonly [string, string]>>> = {
  'pt-BR': [
    ['oes', 'ao'],
    ['aes', 'ao'],
    ['ais', 'al'],
    ['eis', 'el'],
    ['ois', 'ol'],
    ['res', 'r'],
    ['zes', 'z'],
    ['ns', 'm'],
    ['s', ''],
  ],
  en: [
    ['ies', 'y'],
    ['sses', 'ss'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['xes', 'x'],
    ['ss', 'ss'],
    ['s', ''],
  ],
  es: [
    ['ciones', 'cion'],
    ['ces', 'z'],
    ['les', 'l'],
    ['res', 'r'],
    ['nes', 'n'],
    ['des', 'd'],
    ['s', ''],
  ],
};

// Longest first: the first suffix that leaves three letters wins.
const portugueseSuffixes = [
  'amentos',
  'imentos',
  'amento',
  'imento',
  'mente',
  'acao',
  'icao',
  'ando',
  'endo',
  'indo',
  'aram',
  'eram',
  'iram',
  'avam',
  'ados',
  'adas',
  'idos',
  'idas',
  'ado',
  'ada',
  'ido',
  'ida',
  'ava',
  'ria',
  'ar',
  'er',
  'ir',
  'am',
  'em',
  'ei',
  'ou',
  'iu',
];
const englishSuffixes = ['ations', 'ation', 'ments', 'ment', 'ingly', 'ing', 'edly', 'ed', 'ery', 'ly', 'er'];
const spanishSuffixes = [
  'amientos',
  'imientos',
  'amiento',
  'imiento',
  'mente',
  'cion',
  'ando',
  'iendo',
  'aron',
  'ieron',
  'ados',
  'adas',
  'idos',
  'idas',
  'ado',
  'ada',
  'ido',
  'ida',
  'aba',
  'ar',
  'er',
  'ir',
  'an',
  'en',
  'es',
  'o',
];
