/**
 * Every text the first bot says, per language. `{name}` style placeholders are filled by
 * `renderString`. An entry may differ by formality (the workspace's tone).
 */

export type FirstBotLanguage = 'pt-BR' | 'en' | 'es';
type Entry = string | { informal: string; formal: string };

export type FirstBotStringKey =
  | 'greeting'
  | 'menuBusinessHours'
  | 'menuHandoff'
  | 'openNow'
  | 'openNowNoEnd'
  | 'closedNow'
  | 'holidayToday'
  | 'opensAt'
  | 'weeklyHours'
  | 'handoff'
  | 'handoffClosed'
  | 'thanks'
  | 'goodbye'
  | 'fallback'
  | 'fallbackHandoff';

export const firstBotStrings: Record<FirstBotLanguage, Record<FirstBotStringKey, Entry>> = {
  'pt-BR': {
    greeting: 'Olá{name}! Sou o assistente virtual da {workspace}. Como posso ajudar?',
    menuBusinessHours: 'Horário de atendimento',
    menuHandoff: 'Falar com uma pessoa',
    openNow: 'Estamos abertos agora, até as {closes}.',
    openNowNoEnd: 'Estamos abertos agora.',
    closedNow: 'No momento estamos fechados.',
    holidayToday: 'Hoje é feriado.',
    opensAt: 'Abrimos {next}.',
    weeklyHours: 'Nosso horário: {hours}.',
    handoff: 'Certo! Vou chamar uma pessoa da nossa equipe para continuar o atendimento. É só aguardar um instante.',
    handoffClosed: 'Estamos fora do horário de atendimento agora, então a resposta vem quando abrirmos.',
    thanks: 'De nada! Posso ajudar em algo mais?',
    goodbye: 'Até logo! Quando precisar, é só chamar.',
    fallback: 'Desculpe, não entendi. Você pode escolher uma opção abaixo ou escrever de outro jeito.',
    fallbackHandoff: 'Acho que não estou conseguindo ajudar. Vou chamar uma pessoa da nossa equipe.',
  },
  en: {
    greeting: {
      informal: 'Hi{name}! I am the virtual assistant of {workspace}. How can I help?',
      formal: 'Hello{name}. I am the virtual assistant of {workspace}. How may I help you?',
    },
    menuBusinessHours: 'Opening hours',
    menuHandoff: 'Talk to a person',
    openNow: { informal: "We're open now, until {closes}.", formal: 'We are open now, until {closes}.' },
    openNowNoEnd: { informal: "We're open now.", formal: 'We are open now.' },
    closedNow: { informal: "We're closed right now.", formal: 'We are closed at the moment.' },
    holidayToday: 'Today is a holiday.',
    opensAt: 'We open {next}.',
    weeklyHours: 'Our hours: {hours}.',
    handoff: {
      informal: 'Sure! I am bringing in a person from our team to take it from here. Just a moment.',
      formal: 'Certainly. A member of our team will take over the conversation shortly.',
    },
    handoffClosed: "We're outside business hours right now, so the answer will come when we open.",
    thanks: {
      informal: "You're welcome! Anything else I can help with?",
      formal: 'You are welcome. Is there anything else I can help you with?',
    },
    goodbye: { informal: 'Bye! Message us any time.', formal: 'Goodbye. Feel free to write to us at any time.' },
    fallback: {
      informal: "Sorry, I didn't get that. Pick an option below or try saying it another way.",
      formal: 'I am sorry, I did not understand. Please choose an option below or rephrase your message.',
    },
    fallbackHandoff: 'It looks like I am not able to help with this. I am bringing in a person from our team.',
  },
  es: {
    greeting: {
      informal: '¡Hola{name}! Soy el asistente virtual de {workspace}. ¿Cómo te puedo ayudar?',
      formal: 'Hola{name}. Soy el asistente virtual de {workspace}. ¿En qué puedo ayudarle?',
    },
    menuBusinessHours: 'Horario de atención',
    menuHandoff: 'Hablar con una persona',
    openNow: 'Estamos abiertos ahora, hasta las {closes}.',
    openNowNoEnd: 'Estamos abiertos ahora.',
    closedNow: 'En este momento estamos cerrados.',
    holidayToday: 'Hoy es feriado.',
    opensAt: 'Abrimos {next}.',
    weeklyHours: 'Nuestro horario: {hours}.',
    handoff: {
      informal: '¡Claro! Voy a llamar a una persona de nuestro equipo para que siga contigo. Espera un momento.',
      formal: 'Por supuesto. Una persona de nuestro equipo continuará la atención. Espere un momento, por favor.',
    },
    handoffClosed: {
      informal: 'Ahora estamos fuera del horario de atención; te responderemos cuando abramos.',
      formal: 'Ahora estamos fuera del horario de atención; le responderemos cuando abramos.',
    },
    thanks: { informal: '¡De nada! ¿Te ayudo con algo más?', formal: 'De nada. ¿Puedo ayudarle con algo más?' },
    goodbye: { informal: '¡Hasta luego! Escríbenos cuando quieras.', formal: 'Hasta luego. Escríbanos cuando lo necesite.' },
    fallback: {
      informal: 'Perdona, no entendí. Elige una opción o escríbelo de otra forma.',
      formal: 'Disculpe, no entendí. Elija una opción o escríbalo de otra forma, por favor.',
    },
    fallbackHandoff: 'Parece que no estoy pudiendo ayudar. Voy a llamar a una persona de nuestro equipo.',
  },
};

/** Emoji added at the end of some replies, by the workspace's emoji setting. */
export const firstBotEmoji: Record<'few' | 'many', Partial<Record<FirstBotStringKey, string>>> = {
  few: { greeting: '👋', thanks: '😊' },
  many: { greeting: '👋', thanks: '😊', goodbye: '👋', handoff: '🙋', openNow: '🟢', closedNow: '🌙' },
};

export function renderString(
  language: FirstBotLanguage,
  key: FirstBotStringKey,
  tone: { formality: 'informal' | 'formal'; emoji: 'none' | 'few' | 'many' },
  values: Readonly<Record<string, string>> = {},
): string {
  const entry = firstBotStrings[language][key];
  const template = typeof entry === 'string' ? entry : entry[tone.formality];
  const text = template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
  const emoji = tone.emoji === 'none' ? undefined : firstBotEmoji[tone.emoji][key];
  return emoji ? `${text} ${emoji}` : text;
}
