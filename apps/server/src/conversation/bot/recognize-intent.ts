import { containsPhrase, normalizeText } from './normalize-text.ts';

/**
 * The first bot's intents, recognised by phrases in how people really write chat (see
 * normalize-text.ts). A quick-reply payload `intent:<name>` names the intent directly.
 */

export const firstBotIntents = ['handoff', 'business_hours', 'goodbye', 'thanks', 'greeting'] as const;
export type FirstBotIntent = (typeof firstBotIntents)[number];

/** Checked in this order: asking for a person wins over everything, a bare greeting loses to all. */
const phrasesByIntent: Record<FirstBotIntent, string[]> = {
  handoff: [
    // pt
    'atendente',
    'humano',
    'humana',
    'operador',
    'operadora',
    'pessoa',
    'falar com alguem',
    'falar com gente',
    'gente de verdade',
    'atendimento humano',
    'representante',
    'falar com voces',
    // en
    'human',
    'agent',
    'operator',
    'representative',
    'real person',
    'a person',
    'talk to someone',
    'speak to someone',
    'talk with someone',
    'speak with someone',
    'talk to somebody',
    'customer service',
    'live agent',
    'talk to a real',
    // es
    'agente',
    'persona',
    'asesor',
    'asesora',
    'hablar con alguien',
    'persona real',
    'atencion al cliente',
  ],
  business_hours: [
    // pt
    'horario',
    'horarios',
    'que horas',
    'hora abre',
    'hora fecha',
    'horas fecha',
    'abre',
    'abrem',
    'fecham',
    'fecha hoje',
    'aberto',
    'aberta',
    'abertos',
    'abertas',
    'funcionamento',
    'funciona',
    'funcionam',
    'expediente',
    'fechado',
    'fechados',
    // en
    'hours',
    'opening',
    'open',
    'what time',
    'closing',
    'closed',
    'close today',
    'business hours',
    // es
    'abren',
    'abierto',
    'abiertos',
    'abierta',
    'abiertas',
    'cierran',
    'cierra',
    'a que hora',
    'que hora',
    'cerrado',
    'cerrados',
    'atencion',
  ],
  goodbye: [
    'tchau',
    'ate logo',
    'ate mais',
    'ate breve',
    'falou',
    'bye',
    'goodbye',
    'see you',
    'see ya',
    'adios',
    'hasta luego',
    'hasta pronto',
    'chao',
    'chau',
  ],
  thanks: ['obrigado', 'obrigada', 'valeu', 'agradeco', 'thanks', 'thank you', 'cheers', 'gracias', 'te agradezco'],
  greeting: [
    'oi',
    'ola',
    'opa',
    'salve',
    'e ai',
    'bom dia',
    'boa tarde',
    'boa noite',
    'hi',
    'hello',
    'hey',
    'howdy',
    'good morning',
    'good afternoon',
    'good evening',
    'hola',
    'buenos dias',
    'buenas tardes',
    'buenas noches',
    'buenas',
  ],
};

const normalizedPhrases: readonly { intent: FirstBotIntent; phrases: string[][] }[] = firstBotIntents.map((intent) => ({
  intent,
  phrases: phrasesByIntent[intent].map(normalizeText),
}));

const payloadPrefix = 'intent:';

/** The intent a quick-reply payload names, if it is one of ours. */
export function intentFromPayload(payload: string | undefined): FirstBotIntent | null {
  if (!payload?.startsWith(payloadPrefix)) return null;
  const name = payload.slice(payloadPrefix.length);
  return firstBotIntents.find((intent) => intent === name) ?? null;
}

export function payloadForIntent(intent: FirstBotIntent): string {
  return `${payloadPrefix}${intent}`;
}

export function recognizeIntent(text: string): FirstBotIntent | null {
  const tokens = normalizeText(text);
  if (tokens.length === 0) return null;
  for (const { intent, phrases } of normalizedPhrases) {
    if (phrases.some((phrase) => containsPhrase(tokens, phrase))) return intent;
  }
  return null;
}
