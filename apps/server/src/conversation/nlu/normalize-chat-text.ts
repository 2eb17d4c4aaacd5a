import { chatAbbreviations } from './chat-abbreviations.ts';

/**
 * Chat text as the word tokens the NLU features are built from: lower case, accents folded,
 * letters stretched three times or more squeezed ("oiii" → "oi", "simmm" → "sim"; a double letter
 * stays, "carro" is not "caro"), chat shorthand expanded ("vc" → "voce", "thx" → "thanks"),
 * feeling emojis mapped to words and the rest dropped, laughter to one token, digits to the shape "0".
 * Pure and language-agnostic: training examples and messages go through the same function.
 */
export function normalizeChatText(text: string): string[] {
  const folded = foldText(text);
  const tokens: string[] = [];
  for (const word of folded.split(' ')) {
    if (word.length === 0) continue;
    const squeezed = word.replace(/([a-z])\1{2,}/g, '$1');
    if (laughter.test(word) || laughter.test(squeezed)) {
      tokens.push('haha');
      continue;
    }
    // Own keys only: "constructor" must not find Object.prototype's.
    const expanded =
      (Object.hasOwn(chatAbbreviations, squeezed) ? chatAbbreviations[squeezed] : undefined) ?? squeezed.replace(/[0-9]/g, '0');
    for (const token of expanded.split(' ')) tokens.push(token);
  }
  return tokens;
}

const laughter = /^(?:k{2,}|(?:ha){2,}h?|(?:he){2,}|(?:hi){2,}|(?:rs){2,}|(?:ja){2,}j?|(?:je){2,}|lol|lmao|kk)$/;

/** Emojis that carry what the customer means; other pictographs are dropped. */
const emojiWords: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\u{1F44D}\u{1F44C}\u{2705}\u{2714}\u{1F197}]/gu, ' ok '],
  [/[\u{1F64F}]/gu, ' please thanks '],
  [/[\u{1F44B}]/gu, ' hi '],
  [/[\u{1F600}-\u{1F60D}\u{1F642}\u{1F917}\u{1F929}\u{2764}\u{1F496}\u{1F499}\u{1F49A}\u{1F49B}\u{1F49C}\u{263A}]/gu, ' emojihappy '],
  [/[\u{1F620}\u{1F621}\u{1F624}\u{1F92C}\u{1F44E}\u{1F595}]/gu, ' emojiangry '],
  [/[\u{1F61E}\u{1F61F}\u{1F622}\u{1F625}\u{1F62D}\u{1F641}\u{2639}\u{1F614}\u{1F613}\u{1F629}\u{1F62B}]/gu, ' emojisad '],
  [/[\u{2753}\u{2754}\u{1F914}]/gu, ' ? '],
];

const pictograph = /[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}]/u;

function foldText(text: string): string {
  let out = text.toLowerCase().replace(/r\$/g, ' reais ');
  if (pictograph.test(out)) for (const [pattern, word] of emojiWords) out = out.replace(pattern, word);
  return (
    out
      // "ñ" on its own is Brazilian chat for "não"; inside a word it is Spanish and folds to "n".
      .replace(/(^|[^\p{L}])ñ(?=$|[^\p{L}])/gu, '$1nao')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      // Apostrophes join ("don't" → "dont") so both spellings meet.
      .replace(/['’`´]/g, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
  );
}
