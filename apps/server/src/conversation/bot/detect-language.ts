import { containsPhrase, normalizeText } from './normalize-text.ts';

/**
 * Which of the workspace's languages a short chat message is in, from words that mark a language
 * (greetings, thanks, pronouns, common verbs). Strong markers count 2, shared or weak words 1.
 * Short chat rarely says enough, so the answer falls back on what is already known.
 */

type PrimaryLanguage = 'pt' | 'en' | 'es';

const markers: Record<PrimaryLanguage, { strong: string[]; weak: string[] }> = {
  pt: {
    strong: [
      'oi',
      'ola',
      'opa',
      'obrigado',
      'obrigada',
      'valeu',
      'tchau',
      'voce',
      'voces',
      'nao',
      'quero',
      'falar',
      'atendente',
      'abrem',
      'estao',
      'aberto',
      'aberta',
      'abertos',
      'alguem',
      'tambem',
      'hoje',
      'amanha',
      'preciso',
      'ajuda',
      'pessoa',
      'que horas',
      'bom dia',
      'boa tarde',
      'boa noite',
      'ate logo',
      'ate mais',
      'muito',
      'isso',
      'entao',
      'loja',
      'funciona',
      'pedido',
      'agora',
      'sim',
    ],
    weak: [
      'que',
      'como',
      'o',
      'a',
      'os',
      'as',
      'de',
      'do',
      'da',
      'com',
      'um',
      'uma',
      'e',
      'eu',
      'por',
      'favor',
      'para',
      'pra',
      'bom',
      'boa',
      'tarde',
      'noite',
      'dia',
      'horario',
      'horas',
      'abre',
      'agente',
      'quando',
      'esta',
      'tem',
      'me',
      'meu',
      'minha',
      'no',
      'na',
      'humano',
      'qual',
      'representante',
    ],
  },
  en: {
    strong: [
      'hi',
      'hello',
      'hey',
      'thanks',
      'thank',
      'bye',
      'goodbye',
      'you',
      'the',
      'what',
      'hours',
      'open',
      'talk',
      'human',
      'please',
      'want',
      'need',
      'help',
      'are',
      'is',
      'do',
      'morning',
      'evening',
      'afternoon',
      'when',
      'time',
      'someone',
      'person',
      'agent',
      'your',
      'today',
      'tomorrow',
      'speak',
      'store',
      'shop',
      'closed',
      'good',
      'can',
      'with',
      'yes',
      'how',
      'where',
    ],
    weak: ['a', 'i', 'to', 'my', 'it', 'no', 'on', 'for', 'of', 'in'],
  },
  es: {
    strong: [
      'hola',
      'gracias',
      'adios',
      'buenos',
      'buenas',
      'usted',
      'ustedes',
      'estan',
      'abiertos',
      'abierto',
      'abren',
      'hablar',
      'quiero',
      'necesito',
      'alguien',
      'hoy',
      'manana',
      'persona',
      'tienda',
      'hasta',
      'luego',
      'muchas',
      'cierran',
      'ayuda',
      'a que hora',
      'buenos dias',
      'buenas tardes',
      'buenas noches',
      'tengo',
      'puedo',
      'ahora',
      'si',
    ],
    weak: [
      'que',
      'como',
      'el',
      'la',
      'los',
      'las',
      'de',
      'del',
      'con',
      'un',
      'una',
      'y',
      'es',
      'por',
      'favor',
      'para',
      'no',
      'horario',
      'hora',
      'tardes',
      'noches',
      'abre',
      'agente',
      'me',
      'mi',
      'qual',
      'cual',
      'representante',
      'a',
      'esta',
      'cuando',
      'humano',
      'pedido',
    ],
  },
};

function normalizeMarkers(language: PrimaryLanguage): { strong: string[][]; weak: string[][] } {
  return { strong: markers[language].strong.map(normalizeText), weak: markers[language].weak.map(normalizeText) };
}
const normalizedMarkers: Record<PrimaryLanguage, { strong: string[][]; weak: string[][] }> = {
  pt: normalizeMarkers('pt'),
  en: normalizeMarkers('en'),
  es: normalizeMarkers('es'),
};

/** How strongly `text` looks like each primary language (`other` is always 0). */
export function scoreLanguages(text: string): Record<PrimaryLanguage | 'other', number> {
  const tokens = normalizeText(text);
  const score = (language: PrimaryLanguage): number => {
    const { strong, weak } = normalizedMarkers[language];
    return (
      strong.filter((phrase) => containsPhrase(tokens, phrase)).length * 2 + weak.filter((phrase) => containsPhrase(tokens, phrase)).length
    );
  };
  return { pt: score('pt'), en: score('en'), es: score('es'), other: 0 };
}

export interface DetectLanguageInput {
  text: string;
  /** The workspace's languages, BCP-47 (e.g. pt-BR, en, es). */
  candidates: readonly string[];
  /** The language the conversation is already in, if any: sticky unless the text is clearly another. */
  current?: string | undefined;
  /** The contact's locale as the channel reported it (e.g. pt_BR, en-US). */
  locale?: string | null | undefined;
  fallback: string;
}

export function detectLanguage(input: DetectLanguageInput): string {
  const scores = scoreLanguages(input.text);
  const ranked = input.candidates.map((language) => ({ language, score: scores[primaryOf(language)] })).sort((a, b) => b.score - a.score);
  const best = ranked[0];
  const runnerUp = ranked[1]?.score ?? 0;
  const current = input.current !== undefined ? matchCandidate(input.current, input.candidates) : null;

  if (current) {
    const currentScore = scores[primaryOf(current)];
    const clearlyOther = best && best.language !== current && best.score >= 2 && best.score > currentScore + 1;
    return clearlyOther ? best.language : current;
  }
  if (best && best.score >= 1 && best.score > runnerUp) return best.language;
  return matchCandidate(input.locale ?? '', input.candidates) ?? input.fallback;
}

/** The candidate for a tag or locale: exact first, then by primary subtag (pt_PT → pt-BR). */
export function matchCandidate(tag: string, candidates: readonly string[]): string | null {
  const wanted = tag.replace('_', '-').toLowerCase();
  if (!wanted) return null;
  return candidates.find((c) => c.toLowerCase() === wanted) ?? candidates.find((c) => primaryOf(c) === primaryOf(wanted)) ?? null;
}

function primaryOf(tag: string): PrimaryLanguage | 'other' {
  const primary = tag.toLowerCase().split(/[-_]/)[0];
  return primary === 'pt' || primary === 'en' || primary === 'es' ? primary : 'other';
}
