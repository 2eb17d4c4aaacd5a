import type { Language } from '../../../workspace/workspace.schema.ts';
import { findNumbers } from './find-numbers.ts';
import { foldText } from './fold-text.ts';
import { type SlotChoice } from './slot-parse.ts';

export type ChoiceMatch = { ok: true; choice: SlotChoice; label: string } | { ok: false; reason: 'not_found' | 'ambiguous' };

const ordinals: Record<string, number> = {
  primeiro: 1,
  primeira: 1,
  segundo: 2,
  segunda: 2,
  terceiro: 3,
  terceira: 3,
  quarto: 4,
  quarta: 4,
  quinto: 5,
  quinta: 5,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  last: -1,
  ultimo: -1,
  ultima: -1,
  primero: 1,
  tercero: 3,
  cuarto: 4,
  cuarta: 4,
};
// Words too common to pick an option by ("o", "de", "the"), in the three languages.
const fillers = new Set([
  'a',
  'o',
  'as',
  'os',
  'e',
  'de',
  'da',
  'do',
  'das',
  'dos',
  'em',
  'no',
  'na',
  'um',
  'uma',
  'para',
  'pra',
  'com',
  'por',
  'quero',
  'opcao',
  'opción',
  'opcion',
  'option',
  'the',
  'an',
  'of',
  'to',
  'and',
  'i',
  'want',
  'el',
  'la',
  'los',
  'las',
  'y',
  'en',
  'con',
  'quiero',
  'me',
  'eu',
  'meu',
  'minha',
  'mi',
  'my',
  'is',
  'es',
  'e',
  'seria',
  'sera',
]);

/**
 * The option a reply picks: its number ("2", "opção 2", "dois", "segunda"), its label or value in
 * any language (accents and case ignored), or words that belong to one label only ("defeito" for
 * "Produto com defeito"). Words shared by several labels make the reply ambiguous.
 */
export function matchChoice(text: string, choices: readonly SlotChoice[], language: Language): ChoiceMatch {
  const words = toWords(text);
  if (words.length === 0 || choices.length === 0) return { ok: false, reason: 'not_found' };
  const phrase = words.join(' ');

  const exact = choices.filter((choice) => [choice.value, ...choice.labels].some((label) => toWords(label).join(' ') === phrase));
  if (exact.length === 1 && exact[0]) return found(exact[0], phrase);
  if (exact.length > 1) return { ok: false, reason: 'ambiguous' };

  const byPosition = pickByPosition(words, choices, language);
  if (byPosition) return found(byPosition, phrase);

  // The reply contains a whole label ("quero o produto com defeito, por favor").
  const contained = choices.filter((choice) =>
    choice.labels.some((label) => {
      const labelWords = toWords(label);
      return labelWords.length > 0 && containsWords(words, labelWords);
    }),
  );
  if (contained.length === 1 && contained[0]) return found(contained[0], phrase);
  if (contained.length > 1) return { ok: false, reason: 'ambiguous' };

  const meaningful = words.filter((word) => !fillers.has(word) && word.length > 1);
  if (meaningful.length === 0) return { ok: false, reason: 'not_found' };
  const scored = choices
    .map((choice) => ({ choice, hits: meaningful.filter((word) => labelWordsOf(choice).has(word)).length }))
    .filter((entry) => entry.hits > 0)
    .sort((a, b) => b.hits - a.hits);
  const [best, second] = scored;
  if (!best) return { ok: false, reason: 'not_found' };
  if (second && second.hits === best.hits) return { ok: false, reason: 'ambiguous' };
  return found(best.choice, phrase);
}

function found(choice: SlotChoice, phrase: string): ChoiceMatch {
  const label = choice.labels.find((candidate) => toWords(candidate).join(' ') === phrase) ?? choice.labels[0] ?? choice.value;
  return { ok: true, choice, label };
}

function pickByPosition(words: readonly string[], choices: readonly SlotChoice[], language: Language): SlotChoice | null {
  const meaningful = words.filter((word) => !fillers.has(word) && !['numero', 'number', 'n', 'no', 'nº'].includes(word));
  if (meaningful.length !== 1 || !meaningful[0]) return null;
  const word = meaningful[0];
  const ordinal = ordinals[word];
  let position: number | undefined;
  if (ordinal !== undefined) position = ordinal === -1 ? choices.length : ordinal;
  else {
    const numbers = findNumbers(word, language);
    if (numbers.length === 1 && numbers[0] && numbers[0].end - numbers[0].start === word.length) position = numbers[0].value;
  }
  if (position === undefined || !Number.isInteger(position) || position < 1) return null;
  return choices[position - 1] ?? null;
}

function labelWordsOf(choice: SlotChoice): Set<string> {
  return new Set([choice.value, ...choice.labels].flatMap(toWords).filter((word) => !fillers.has(word) && word.length > 1));
}

function containsWords(words: readonly string[], phrase: readonly string[]): boolean {
  for (let start = 0; start + phrase.length <= words.length; start += 1) {
    if (phrase.every((word, i) => words[start + i] === word)) return true;
  }
  return false;
}

function toWords(text: string): string[] {
  return foldText(text.slice(0, 500))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word.length > 0);
}
