import type { VoiceLanguage } from './definition.ts';

/** What the IVR itself says (everything else the caller hears is the bot's or an agent's reply). */
export interface VoicePhrases {
  greeting: string;
  /** After a prompt went unanswered. */
  didNotHear: string;
  /** After repeated silence, before hanging up. */
  goodbyeAfterSilence: string;
  /** When the reply takes too long to arrive. */
  stillThere: string;
  /** When the conversation is resolved. */
  goodbye: string;
  /** Handoff with no number configured: the call stays with the bot. */
  noPhoneTeam: string;
  /** The team's phone was busy or did not answer. */
  teamUnavailable: string;
}

const phrasesByLanguage: Record<VoiceLanguage, VoicePhrases> = {
  'pt-BR': {
    greeting: 'Olá! Obrigado por ligar. Como posso ajudar? Pode falar ou digitar.',
    didNotHear: 'Desculpe, não ouvi. Pode repetir, por favor?',
    goodbyeAfterSilence: 'Não consegui ouvir você. Obrigado por ligar, até logo!',
    stillThere: 'Desculpe a demora. Pode repetir o que disse, por favor?',
    goodbye: 'Obrigado por ligar. Até logo!',
    noPhoneTeam: 'No momento nossa equipe não atende por telefone, mas sigo com você por aqui.',
    teamUnavailable: 'Nossa equipe não pôde atender agora. Sigo com você por aqui: como posso ajudar?',
  },
  'en-US': {
    greeting: 'Hello! Thanks for calling. How can I help? You can speak or use your keypad.',
    didNotHear: "Sorry, I didn't catch that. Could you say it again?",
    goodbyeAfterSilence: "I couldn't hear you. Thanks for calling, goodbye!",
    stillThere: 'Sorry for the wait. Could you repeat what you said?',
    goodbye: 'Thanks for calling. Goodbye!',
    noPhoneTeam: "Our team can't take calls right now, but I'll keep helping you here.",
    teamUnavailable: "Our team couldn't answer right now. I'm still here: how can I help?",
  },
  'es-ES': {
    greeting: '¡Hola! Gracias por llamar. ¿En qué puedo ayudarte? Puedes hablar o marcar.',
    didNotHear: 'Perdona, no te he oído. ¿Puedes repetirlo?',
    goodbyeAfterSilence: 'No he podido oírte. Gracias por llamar, ¡hasta luego!',
    stillThere: 'Perdona la espera. ¿Puedes repetir lo que dijiste?',
    goodbye: 'Gracias por llamar. ¡Hasta luego!',
    noPhoneTeam: 'Ahora nuestro equipo no atiende por teléfono, pero sigo contigo por aquí.',
    teamUnavailable: 'Nuestro equipo no ha podido atender ahora. Sigo contigo: ¿en qué puedo ayudarte?',
  },
};

/** Neural voices that speak each language (Amazon Polly through Twilio); the connection may pick another. */
const defaultVoices: Record<VoiceLanguage, string> = {
  'pt-BR': 'Polly.Camila',
  'en-US': 'Polly.Joanna',
  'es-ES': 'Polly.Lucia',
};

export function voicePhrases(language: VoiceLanguage): VoicePhrases {
  return phrasesByLanguage[language];
}

export function defaultVoiceFor(language: VoiceLanguage): string {
  return defaultVoices[language];
}
