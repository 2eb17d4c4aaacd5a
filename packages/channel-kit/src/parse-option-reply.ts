/**
 * Maps a customer's free-text answer back to one of the options offered as numbered text
 * (or spoken): "1", "1.", "opção 2", "#3", "1️⃣", "two", or the option's label itself.
 * Returns the option's id, or undefined when the answer names none of them.
 */
export interface OfferedOption {
  id: string;
  label: string;
}

const numberWords: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  um: 1,
  uma: 1,
  dois: 2,
  duas: 2,
  tres: 3,
  quatro: 4,
  cinco: 5,
  seis: 6,
  sete: 7,
  oito: 8,
  nove: 9,
  dez: 10,
  uno: 1,
  dos: 2,
  cuatro: 4,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
};

// "opção 2", "opcion 2", "option 2", "número 2", "numero 2", "number 2", "no 2", "nº 2", "n° 2", "#2"
const prefix = String.raw`(?:(?:a\s+)?(?:opcao|opcion|option|numero|number|num|no|n[º°o]|#)\s*)?`;
const numberAlone = new RegExp(String.raw`^${prefix}(\d{1,3}|[a-z]+)\s*[.)\-:]?$`);
const numberThenLabel = /^(\d{1,3})\s*[.)\-:]?\s+(.+)$/;

export function parseOptionReply(text: string, offeredOptions: readonly OfferedOption[]): string | undefined {
  const answer = normalize(text);
  if (answer === '' || offeredOptions.length === 0) return undefined;

  const alone = numberAlone.exec(answer);
  if (alone?.[1] !== undefined) {
    const position = toNumber(alone[1]);
    const picked = position === undefined ? undefined : offeredOptions[position - 1];
    if (picked) return picked.id;
  }

  const byLabel = offeredOptions.find((option) => normalize(option.label) === answer);
  if (byLabel) return byLabel.id;

  // The customer copied the whole line: "1. Horário de atendimento".
  const copied = numberThenLabel.exec(answer);
  if (copied?.[1] !== undefined && copied[2] !== undefined) {
    const option = offeredOptions[Number(copied[1]) - 1];
    if (option && normalize(option.label).startsWith(copied[2].replace(/…$/, ''))) return option.id;
  }
  return undefined;
}

function toNumber(token: string): number | undefined {
  if (/^\d+$/.test(token)) return Number(token);
  return numberWords[token];
}

/** Lower case, no accents, keycap emoji as digits, collapsed spaces, no closing punctuation or quotes. */
function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/([0-9])\uFE0F?\u20E3/g, '$1')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/["'“”‘’«»]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.!?;,]+$/, '')
    .trim();
}
