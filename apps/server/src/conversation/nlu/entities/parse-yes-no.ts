import type { Language } from '../../../workspace/workspace.schema.ts';
import { foldText } from './fold-text.ts';

const yesPhrases = [
  'sim',
  's',
  'ss',
  'isso',
  'isso mesmo',
  'pode',
  'pode ser',
  'pode sim',
  'claro',
  'claro que sim',
  'com certeza',
  'certo',
  'certeza',
  'exato',
  'exatamente',
  'correto',
  'confirmo',
  'confirmado',
  'confirma',
  'positivo',
  'beleza',
  'blz',
  'ok',
  'okay',
  'okey',
  'ta bom',
  'ta certo',
  'esta certo',
  'quero',
  'bora',
  'vamos',
  'uhum',
  'aham',
  'yes',
  'y',
  'yep',
  'yeah',
  'yup',
  'ya',
  'sure',
  'of course',
  'correct',
  'right',
  'that is right',
  'thats right',
  'absolutely',
  'please do',
  'go ahead',
  'si',
  'sii',
  'vale',
  'dale',
  'por supuesto',
  'exacto',
  'correcto',
  'claro que si',
  'de acuerdo',
  'confirmar',
  'afirmativo',
];
const noPhrases = [
  'nao',
  'n',
  'nn',
  'no',
  'nope',
  'nah',
  'negativo',
  'nem',
  'nunca',
  'jamais',
  'de jeito nenhum',
  'de forma alguma',
  'nao quero',
  'nao obrigado',
  'nao obrigada',
  'agora nao',
  'ainda nao',
  'errado',
  'incorreto',
  'not',
  'no thanks',
  'no thank you',
  'not now',
  'never',
  'wrong',
  'incorrect',
  'no gracias',
  'para nada',
  'tampoco',
  'todavia no',
  'ahora no',
  'de ninguna manera',
];
// "não sei" starts like a no but answers nothing.
const unsurePhrases = [
  'nao sei',
  'talvez',
  'sei la',
  'nao tenho certeza',
  'maybe',
  'not sure',
  'i dont know',
  'dont know',
  'no se',
  'quizas',
  'tal vez',
  'a lo mejor',
];

const yesEmoji = /^(?:👍|👌|✅|✔️?|🙆)/u;
const noEmoji = /^(?:👎|❌|🙅|✖️?)/u;

/**
 * A yes or no, however it is typed: "sim", "s", "pode", "claro", "yep", "sí, por favor", "não",
 * "nope", "negativo", 👍. Looks at how the answer starts ("sim, pode cancelar", "não, obrigado");
 * a reply that opens with both, or is unsure ("não sei"), is not a yes/no.
 */
export function parseYesNo(text: string, language: Language): boolean | 'ambiguous' | null {
  const trimmed = text.trim();
  if (yesEmoji.test(trimmed)) return true;
  if (noEmoji.test(trimmed)) return false;
  const words = foldText(trimmed)
    .replace(/[^a-z0-9\s]+/g, ' ')
    .split(/\s+/)
    .filter((word) => word.length > 0)
    // "siiim", "nãaao", "yesss": stretched letters squeezed.
    .map((word) => word.replace(/([a-z])\1+/g, '$1'));
  if (words.length === 0) return null;
  if (startsWithPhrase(words, unsurePhrases)) return null;
  const yes = startsWithPhrase(words, yesPhrases);
  // "no" is "in the" in Portuguese ("no sábado"): only a no there when it is the whole answer.
  const no = startsWithPhrase(words, noPhrases) && !(language === 'pt-BR' && words[0] === 'no' && words.length > 1);
  if (yes && no) return 'ambiguous';
  if (yes) return words.slice(1).some((word) => word === 'nao') ? 'ambiguous' : true;
  if (no) return false;
  return null;
}

function startsWithPhrase(words: readonly string[], phrases: readonly string[]): boolean {
  return phrases.some((phrase) => {
    const parts = phrase.split(' ').map((word) => word.replace(/([a-z])\1+/g, '$1'));
    return parts.every((part, i) => words[i] === part);
  });
}
