import type { ChannelCapabilities } from '@fio/contracts';

/**
 * Options (buttons, list rows) written out as text for channels that cannot show them:
 * numbered lines for text channels, one spoken sentence for voice. The customer answers with the
 * number or the label, which parseOptionReply maps back to the option.
 */
export type OptionsStyle = ChannelCapabilities['optionsStyle'];
export type OptionsLanguage = 'en' | 'pt' | 'es';

export interface TextOption {
  label: string;
  description?: string | undefined;
  /** Heading printed before this option (list sections), numbered-text style only. */
  heading?: string | undefined;
}

interface Phrases {
  spokenIntro: string;
  forWord: string;
  orWord: string;
  /** Writes "or" before the last spoken option with a comma (English serial comma). */
  serialComma: boolean;
  numberHint: string;
}

const phrasesByLanguage: Record<OptionsLanguage, Phrases> = {
  en: {
    spokenIntro: 'Say or press',
    forWord: 'for',
    orWord: 'or',
    serialComma: true,
    numberHint: 'Reply with the number of your choice.',
  },
  pt: {
    spokenIntro: 'Diga ou digite',
    forWord: 'para',
    orWord: 'ou',
    serialComma: false,
    numberHint: 'Responda com o número da opção.',
  },
  es: {
    spokenIntro: 'Diga o marque',
    forWord: 'para',
    orWord: 'o',
    serialComma: false,
    numberHint: 'Responda con el número de la opción.',
  },
};

/** pt-BR, pt-PT → pt; es-* → es; anything else → en. */
export function optionsLanguageFor(locale: string): OptionsLanguage {
  const base = locale.trim().toLowerCase().split(/[-_]/)[0];
  if (base === 'pt' || base === 'es') return base;
  return 'en';
}

/** Appends the options to `text` (separated by a blank line) in the channel's style and the locale. */
export function renderOptionsAsText(text: string, options: TextOption[], style: OptionsStyle, locale: string): string {
  if (options.length === 0) return text;
  const phrases = phrasesByLanguage[optionsLanguageFor(locale)];
  const block = style === 'spoken' ? spokenSentence(options, phrases) : numberedLines(options, phrases);
  return text.trim().length > 0 ? `${text.trimEnd()}\n\n${block}` : block;
}

function numberedLines(options: TextOption[], phrases: Phrases): string {
  const lines: string[] = [];
  options.forEach((option, index) => {
    if (option.heading) lines.push(option.heading);
    const description = option.description ? ` — ${option.description}` : '';
    lines.push(`${index + 1}. ${option.label}${description}`);
  });
  lines.push(phrases.numberHint);
  return lines.join('\n');
}

function spokenSentence(options: TextOption[], phrases: Phrases): string {
  const clauses = options.map((option, index) => `${index + 1} ${phrases.forWord} ${lowerFirst(option.label)}`);
  const last = clauses.pop() ?? '';
  if (clauses.length === 0) return `${phrases.spokenIntro} ${last}.`;
  const glue = phrases.serialComma && clauses.length > 1 ? `, ${phrases.orWord} ` : ` ${phrases.orWord} `;
  return `${phrases.spokenIntro} ${clauses.join(', ')}${glue}${last}.`;
}

/** "Horário de atendimento" reads "horário de atendimento" mid-sentence; "PIX" and "iPhone" stay. */
function lowerFirst(label: string): string {
  const trimmed = label.trim().replace(/[.!?;:]+$/, '');
  const first = trimmed.charAt(0);
  const second = trimmed.charAt(1);
  if (second !== '' && second === second.toUpperCase() && second !== second.toLowerCase()) return trimmed;
  return first.toLowerCase() + trimmed.slice(1);
}
