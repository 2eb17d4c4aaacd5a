import type { Language } from '../../workspace/workspace.schema.ts';

/**
 * Every text the engine says on its own, per language and formality, written for a store's
 * customers. Placeholders: the template variables (`{{business.next_opening}}`) plus the extras
 * the engine passes: `{{a}}`/`{{b}}` (clarify's two guesses) and `{{next}}` (the prompt the bot
 * repeats or returns to). Emoji are not written here: `engineEmoji` adds them per tone.
 */
export const engineStringKeys = [
  // Opening line; `tone.greeting` replaces it.
  'greeting',
  // The bot did not understand.
  'fallback',
  // The bot gives up after repeated misunderstandings and hands off.
  'fallbackHandoff',
  // "Did you mean A or B?"
  'clarify',
  // The customer answered a clarification with neither option.
  'clarifyNone',
  // Handing off while the team is on duty.
  'handoff',
  // Handing off outside business hours (what the hours are).
  'handoffClosed',
  // Outside business hours: the conversation waits in the queue until the team answers (when).
  'handoffQueued',
  'frustrationHandoff',
  // The customer sent or offered card numbers, passwords and the like.
  'sensitiveHandoff',
  // A slot's answer was not recognised; `{{next}}` repeats the step's prompt.
  'reprompt',
  // A slot's answer was recognised but failed the step's validation.
  'slotInvalid',
  'cancelled',
  'nothingToCancel',
  // Back to a paused flow; `{{next}}` is its pending prompt.
  'resumeFlow',
  // A flow's `call` failed and nothing else was planned for it.
  'actionFailed',
  'csatAsk',
  'csatThanks',
  'csatInvalid',
  // Quick-reply label.
  'menuHuman',
  // Quick-reply label.
  'menuMain',
  'emptyMessage',
  'tooLong',
  'unsupportedContent',
  'anythingElse',
  // A flow's verify step sent a one-time code; `{{to}}` is where, masked (a***@gmail.com).
  'verifySent',
  // The customer wrote something other than the code while the bot waits for it.
  'verifyAskCode',
  // The customer asked for another code ("reenviar").
  'verifyResent',
  'verifyWrongCode',
  // The code expired; a new one went to `{{to}}`.
  'verifyExpired',
  'verifyTooManyAttempts',
  // The code could not be sent (no channel, provider refused, too many codes this hour).
  'verifyNotSent',
] as const;
export type EngineStringKey = (typeof engineStringKeys)[number];

export interface FormalityVariants {
  informal: string;
  formal: string;
}

export const engineStrings: Record<Language, Record<EngineStringKey, FormalityVariants>> = {
  'pt-BR': {
    greeting: {
      informal: 'Oi, {{contact.first_name}}! Sou o assistente virtual aqui da loja. Como posso te ajudar?',
      formal: 'Olá, {{contact.first_name}}! Sou o assistente virtual da loja. Em que posso ajudar?',
    },
    fallback: {
      informal: 'Desculpa, não entendi. Pode escrever de outro jeito?',
      formal: 'Desculpe, não entendi. Poderia escrever de outra forma?',
    },
    fallbackHandoff: {
      informal: 'Acho que não estou conseguindo te ajudar com isso. Vou chamar uma pessoa da nossa equipe.',
      formal: 'Parece que não consegui ajudar com isso. Vou encaminhar sua conversa para uma pessoa da nossa equipe.',
    },
    clarify: { informal: 'Você quis dizer {{a}} ou {{b}}?', formal: 'Você se refere a {{a}} ou a {{b}}?' },
    clarifyNone: {
      informal: 'Sem problema! Me conta com outras palavras o que você precisa.',
      formal: 'Tudo bem. Poderia descrever com outras palavras o que precisa?',
    },
    handoff: {
      informal: 'Certo! Vou chamar uma pessoa da nossa equipe para continuar com você. É só aguardar um pouquinho.',
      formal: 'Certo. Vou transferir a conversa para uma pessoa da nossa equipe. Por favor, aguarde um instante.',
    },
    handoffClosed: {
      informal: 'Estamos fora do horário de atendimento agora. Nosso horário: {{business.hours}}.',
      formal: 'No momento estamos fora do horário de atendimento. Nosso horário: {{business.hours}}.',
    },
    handoffQueued: {
      informal: 'Estamos fora do horário de atendimento. Nossa equipe responde {{business.next_opening}}. Sua conversa já está na fila.',
      formal:
        'No momento estamos fora do horário de atendimento. Nossa equipe responderá {{business.next_opening}}. Sua conversa já está na fila de atendimento.',
    },
    frustrationHandoff: {
      informal: 'Poxa, sinto muito por isso. Vou passar agora para uma pessoa da nossa equipe resolver com você.',
      formal: 'Lamentamos o transtorno. Vou encaminhar agora sua conversa para uma pessoa da nossa equipe.',
    },
    sensitiveHandoff: {
      informal: 'Por segurança, não mande dados de cartão nem senhas por aqui. Vou chamar uma pessoa da nossa equipe para te ajudar.',
      formal: 'Por segurança, não envie dados de cartão nem senhas por este canal. Uma pessoa da nossa equipe vai dar continuidade.',
    },
    reprompt: {
      informal: 'Hmm, não consegui reconhecer essa resposta. {{next}}',
      formal: 'Não foi possível reconhecer essa resposta. {{next}}',
    },
    slotInvalid: {
      informal: 'Esse dado não parece certo. Confere e me manda de novo?',
      formal: 'Esse dado não parece válido. Poderia conferir e enviar novamente?',
    },
    cancelled: {
      informal: 'Tudo bem, cancelei. Se precisar de algo, é só chamar.',
      formal: 'Certo, cancelado. Se precisar de algo mais, estamos à disposição.',
    },
    nothingToCancel: {
      informal: 'Não tem nada em andamento para cancelar. Como posso te ajudar?',
      formal: 'Não há nada em andamento para cancelar. Em que posso ajudar?',
    },
    resumeFlow: { informal: 'Voltando ao que a gente estava fazendo: {{next}}', formal: 'Retomando o atendimento anterior: {{next}}' },
    actionFailed: {
      informal: 'Não consegui consultar isso agora. Vou chamar uma pessoa da nossa equipe para te ajudar.',
      formal: 'Não foi possível consultar essa informação agora. Uma pessoa da nossa equipe vai dar continuidade.',
    },
    csatAsk: {
      informal: 'Antes de ir: de 1 a 5, que nota você dá para este atendimento?',
      formal: 'De 1 a 5, como você avalia este atendimento?',
    },
    csatThanks: { informal: 'Valeu pela avaliação! Ela ajuda a gente a melhorar.', formal: 'Obrigado pela sua avaliação.' },
    csatInvalid: { informal: 'É só mandar um número de 1 a 5.', formal: 'Por favor, responda com um número de 1 a 5.' },
    menuHuman: { informal: 'Falar com uma pessoa', formal: 'Falar com um atendente' },
    menuMain: { informal: 'Voltar ao início', formal: 'Menu principal' },
    emptyMessage: {
      informal: 'Acho que sua mensagem chegou vazia. Pode escrever de novo?',
      formal: 'Sua mensagem chegou vazia. Poderia enviar novamente?',
    },
    tooLong: {
      informal: 'Sua mensagem ficou bem longa. Consegue resumir em poucas palavras o que você precisa?',
      formal: 'Sua mensagem é muito longa. Poderia resumir em poucas palavras o que precisa?',
    },
    unsupportedContent: {
      informal: 'Ainda não consigo ver esse tipo de conteúdo. Pode me contar por texto?',
      formal: 'Ainda não consigo abrir esse tipo de conteúdo. Poderia escrever sua mensagem em texto?',
    },
    anythingElse: { informal: 'Quer ajuda com mais alguma coisa?', formal: 'Posso ajudar em algo mais?' },
    verifySent: {
      informal: 'Mandei um código de verificação para {{to}}. Digita ele aqui (ou "reenviar" para receber outro).',
      formal: 'Enviamos um código de verificação para {{to}}. Por favor, digite-o aqui (ou "reenviar" para receber outro).',
    },
    verifyAskCode: {
      informal: 'Me manda o código que enviei para {{to}} (ou "reenviar" para receber outro).',
      formal: 'Por favor, informe o código enviado para {{to}} (ou "reenviar" para receber outro).',
    },
    verifyResent: {
      informal: 'Prontinho, mandei um novo código para {{to}}. Digita ele aqui.',
      formal: 'Enviamos um novo código para {{to}}. Por favor, digite-o aqui.',
    },
    verifyWrongCode: { informal: 'Código errado, tente de novo.', formal: 'O código não confere. Por favor, tente novamente.' },
    verifyExpired: {
      informal: 'Esse código expirou. Mandei um novo para {{to}}.',
      formal: 'Esse código expirou. Enviamos um novo para {{to}}.',
    },
    verifyTooManyAttempts: {
      informal: 'Foram muitas tentativas com esse código.',
      formal: 'O limite de tentativas para esse código foi atingido.',
    },
    verifyNotSent: {
      informal: 'Não consegui enviar o código para {{to}}.',
      formal: 'Não foi possível enviar o código para {{to}}.',
    },
  },
  en: {
    greeting: {
      informal: "Hi, {{contact.first_name}}! I'm {{business.name}}'s virtual assistant. How can I help?",
      formal: 'Hello, {{contact.first_name}}. I am the virtual assistant of {{business.name}}. How may I help you?',
    },
    fallback: {
      informal: "Sorry, I didn't get that. Could you say it another way?",
      formal: 'I am sorry, I did not understand. Could you rephrase your message?',
    },
    fallbackHandoff: {
      informal: "Looks like I'm not getting this right. I'll bring in someone from our team.",
      formal: 'It seems I cannot help with this. I will pass your conversation to a member of our team.',
    },
    clarify: { informal: 'Did you mean {{a}} or {{b}}?', formal: 'Do you mean {{a}} or {{b}}?' },
    clarifyNone: {
      informal: 'No problem! Tell me in other words what you need.',
      formal: 'Understood. Could you describe what you need in other words?',
    },
    handoff: {
      informal: "Sure! I'm bringing in someone from our team to take it from here. Hang on a moment.",
      formal: 'Certainly. A member of our team will take over the conversation shortly. Please wait a moment.',
    },
    handoffClosed: {
      informal: 'Our team is offline right now. Our hours: {{business.hours}}.',
      formal: 'We are currently outside business hours. Our hours: {{business.hours}}.',
    },
    handoffQueued: {
      informal: "We're closed right now. Our team will reply {{business.next_opening}}. Your conversation is already in the queue.",
      formal:
        'We are currently closed. A member of our team will reply {{business.next_opening}}. Your conversation is already in our queue.',
    },
    frustrationHandoff: {
      informal: "I'm really sorry about this. I'm passing you to someone on our team right now to sort it out.",
      formal: 'We apologise for the inconvenience. I am passing your conversation to a member of our team now.',
    },
    sensitiveHandoff: {
      informal: "For your safety, please don't send card details or passwords here. I'm bringing in someone from our team to help.",
      formal: 'For your security, please do not send card details or passwords in this chat. A member of our team will assist you.',
    },
    reprompt: { informal: "Hmm, I couldn't make that out. {{next}}", formal: 'I could not recognise that answer. {{next}}' },
    slotInvalid: {
      informal: "That doesn't look right. Mind checking and sending it again?",
      formal: 'That does not appear to be valid. Could you check it and send it again?',
    },
    cancelled: {
      informal: 'Okay, cancelled. Just message me if you need anything.',
      formal: 'Understood, it has been cancelled. We remain at your disposal.',
    },
    nothingToCancel: {
      informal: "There's nothing in progress to cancel. How can I help?",
      formal: 'There is nothing in progress to cancel. How may I help you?',
    },
    resumeFlow: { informal: 'Back to what we were doing: {{next}}', formal: 'Returning to where we were: {{next}}' },
    actionFailed: {
      informal: "I couldn't look that up right now. I'm bringing in someone from our team to help.",
      formal: 'I was unable to retrieve that information right now. A member of our team will continue from here.',
    },
    csatAsk: { informal: 'Before you go: from 1 to 5, how did we do?', formal: 'On a scale of 1 to 5, how would you rate this service?' },
    csatThanks: { informal: 'Thanks for the rating!', formal: 'Thank you for your feedback.' },
    csatInvalid: { informal: 'Just send a number from 1 to 5.', formal: 'Please reply with a number from 1 to 5.' },
    menuHuman: { informal: 'Talk to a person', formal: 'Speak to an agent' },
    menuMain: { informal: 'Start over', formal: 'Main menu' },
    emptyMessage: {
      informal: 'Looks like your message came through empty. Can you send it again?',
      formal: 'Your message arrived empty. Could you send it again?',
    },
    tooLong: {
      informal: "That's a long message! Could you sum up what you need in a few words?",
      formal: 'Your message is quite long. Could you summarise what you need in a few words?',
    },
    unsupportedContent: {
      informal: "I can't open that kind of content yet. Could you tell me in text?",
      formal: 'I am not able to open that type of content yet. Could you write your message as text?',
    },
    anythingElse: { informal: 'Anything else I can help with?', formal: 'Is there anything else I can help you with?' },
    verifySent: {
      informal: 'I sent a verification code to {{to}}. Type it here (or "resend" to get another one).',
      formal: 'We sent a verification code to {{to}}. Please type it here (or "resend" to receive another one).',
    },
    verifyAskCode: {
      informal: 'Send me the code I sent to {{to}} (or "resend" to get another one).',
      formal: 'Please type the code sent to {{to}} (or "resend" to receive another one).',
    },
    verifyResent: {
      informal: 'Done, I sent a new code to {{to}}. Type it here.',
      formal: 'We sent a new code to {{to}}. Please type it here.',
    },
    verifyWrongCode: { informal: 'Wrong code, try again.', formal: 'That code does not match. Please try again.' },
    verifyExpired: {
      informal: 'That code expired. I sent a new one to {{to}}.',
      formal: 'That code has expired. We sent a new one to {{to}}.',
    },
    verifyTooManyAttempts: { informal: 'Too many tries with that code.', formal: 'The attempt limit for that code was reached.' },
    verifyNotSent: { informal: "I couldn't send the code to {{to}}.", formal: 'We could not send the code to {{to}}.' },
  },
  es: {
    greeting: {
      informal: '¡Hola, {{contact.first_name}}! Soy el asistente virtual de {{business.name}}. ¿En qué te ayudo?',
      formal: 'Hola, {{contact.first_name}}. Soy el asistente virtual de {{business.name}}. ¿En qué puedo ayudarle?',
    },
    fallback: {
      informal: 'Perdón, no te entendí. ¿Puedes escribirlo de otra forma?',
      formal: 'Disculpe, no le entendí. ¿Podría escribirlo de otra forma?',
    },
    fallbackHandoff: {
      informal: 'Parece que no estoy logrando ayudarte con esto. Voy a llamar a una persona de nuestro equipo.',
      formal: 'Parece que no he podido ayudarle con esto. Voy a pasar su conversación a una persona de nuestro equipo.',
    },
    clarify: { informal: '¿Quisiste decir {{a}} o {{b}}?', formal: '¿Se refiere a {{a}} o a {{b}}?' },
    clarifyNone: {
      informal: '¡Sin problema! Cuéntame con otras palabras qué necesitas.',
      formal: 'De acuerdo. ¿Podría describir con otras palabras lo que necesita?',
    },
    handoff: {
      informal: '¡Claro! Voy a llamar a una persona de nuestro equipo para seguir contigo. Espera un momento.',
      formal: 'De acuerdo. Una persona de nuestro equipo continuará la conversación. Por favor, espere un momento.',
    },
    handoffClosed: {
      informal: 'Nuestro equipo no está atendiendo ahora. Nuestro horario: {{business.hours}}.',
      formal: 'En este momento estamos fuera del horario de atención. Nuestro horario: {{business.hours}}.',
    },
    handoffQueued: {
      informal:
        'Ahora estamos fuera del horario de atención. Nuestro equipo te responde {{business.next_opening}}. Tu conversación ya está en la fila.',
      formal:
        'En este momento estamos fuera del horario de atención. Nuestro equipo le responderá {{business.next_opening}}. Su conversación ya está en la fila de atención.',
    },
    frustrationHandoff: {
      informal: 'Lo siento mucho. Te paso ahora con una persona de nuestro equipo para resolverlo contigo.',
      formal: 'Lamentamos las molestias. Voy a pasar su conversación ahora a una persona de nuestro equipo.',
    },
    sensitiveHandoff: {
      informal:
        'Por seguridad, no envíes datos de tarjeta ni contraseñas por aquí. Voy a llamar a una persona de nuestro equipo para ayudarte.',
      formal: 'Por seguridad, no envíe datos de tarjeta ni contraseñas por este canal. Una persona de nuestro equipo le atenderá.',
    },
    reprompt: { informal: 'Mmm, no pude reconocer esa respuesta. {{next}}', formal: 'No fue posible reconocer esa respuesta. {{next}}' },
    slotInvalid: {
      informal: 'Ese dato no parece correcto. ¿Lo revisas y me lo mandas otra vez?',
      formal: 'Ese dato no parece válido. ¿Podría revisarlo y enviarlo de nuevo?',
    },
    cancelled: {
      informal: 'Listo, cancelado. Si necesitas algo, escríbeme.',
      formal: 'De acuerdo, se ha cancelado. Quedamos a su disposición.',
    },
    nothingToCancel: {
      informal: 'No hay nada en curso para cancelar. ¿En qué te ayudo?',
      formal: 'No hay nada en curso para cancelar. ¿En qué puedo ayudarle?',
    },
    resumeFlow: { informal: 'Volviendo a lo que estábamos haciendo: {{next}}', formal: 'Retomando la consulta anterior: {{next}}' },
    actionFailed: {
      informal: 'No pude consultar eso ahora. Voy a llamar a una persona de nuestro equipo para ayudarte.',
      formal: 'No fue posible consultar esa información ahora. Una persona de nuestro equipo continuará la atención.',
    },
    csatAsk: {
      informal: 'Antes de irte: del 1 al 5, ¿qué nota le das a esta atención?',
      formal: 'Del 1 al 5, ¿cómo calificaría esta atención?',
    },
    csatThanks: { informal: '¡Gracias por tu calificación!', formal: 'Gracias por su calificación.' },
    csatInvalid: { informal: 'Solo envía un número del 1 al 5.', formal: 'Por favor, responda con un número del 1 al 5.' },
    menuHuman: { informal: 'Hablar con una persona', formal: 'Hablar con un agente' },
    menuMain: { informal: 'Volver al inicio', formal: 'Menú principal' },
    emptyMessage: {
      informal: 'Parece que tu mensaje llegó vacío. ¿Puedes escribirlo otra vez?',
      formal: 'Su mensaje llegó vacío. ¿Podría enviarlo de nuevo?',
    },
    tooLong: {
      informal: 'Tu mensaje quedó muy largo. ¿Puedes resumir en pocas palabras lo que necesitas?',
      formal: 'Su mensaje es muy extenso. ¿Podría resumir en pocas palabras lo que necesita?',
    },
    unsupportedContent: {
      informal: 'Todavía no puedo ver ese tipo de contenido. ¿Me lo cuentas por texto?',
      formal: 'Todavía no puedo abrir ese tipo de contenido. ¿Podría escribir su mensaje en texto?',
    },
    anythingElse: { informal: '¿Te ayudo con algo más?', formal: '¿Puedo ayudarle en algo más?' },
    verifySent: {
      informal: 'Te mandé un código de verificación a {{to}}. Escríbelo aquí (o "reenviar" para recibir otro).',
      formal: 'Enviamos un código de verificación a {{to}}. Por favor, escríbalo aquí (o "reenviar" para recibir otro).',
    },
    verifyAskCode: {
      informal: 'Mándame el código que envié a {{to}} (o "reenviar" para recibir otro).',
      formal: 'Por favor, escriba el código enviado a {{to}} (o "reenviar" para recibir otro).',
    },
    verifyResent: {
      informal: 'Listo, te mandé un código nuevo a {{to}}. Escríbelo aquí.',
      formal: 'Enviamos un código nuevo a {{to}}. Por favor, escríbalo aquí.',
    },
    verifyWrongCode: {
      informal: 'Código incorrecto, inténtalo de nuevo.',
      formal: 'El código no coincide. Por favor, inténtelo de nuevo.',
    },
    verifyExpired: {
      informal: 'Ese código expiró. Te mandé uno nuevo a {{to}}.',
      formal: 'Ese código expiró. Enviamos uno nuevo a {{to}}.',
    },
    verifyTooManyAttempts: { informal: 'Demasiados intentos con ese código.', formal: 'Se alcanzó el límite de intentos para ese código.' },
    verifyNotSent: { informal: 'No pude enviar el código a {{to}}.', formal: 'No fue posible enviar el código a {{to}}.' },
  },
};

/** Where an emoji goes: before the text, after its first sentence, or at its end. */
type EmojiPlacement = 'start' | 'afterFirstSentence' | 'end';

/**
 * The emoji a built-in string gets: `few` decorates only the greeting and the thanks, `many` a
 * warmer set. Strings about money, data or failures stay plain at every level.
 */
export const engineEmoji: Partial<Record<EngineStringKey, { emoji: string; level: 'few' | 'many'; at: EmojiPlacement }>> = {
  greeting: { emoji: '👋', level: 'few', at: 'afterFirstSentence' },
  csatThanks: { emoji: '😊', level: 'few', at: 'end' },
  anythingElse: { emoji: '😊', level: 'many', at: 'end' },
  handoff: { emoji: '🙋', level: 'many', at: 'afterFirstSentence' },
  handoffQueued: { emoji: '⏰', level: 'many', at: 'end' },
  fallback: { emoji: '🤔', level: 'many', at: 'afterFirstSentence' },
  clarify: { emoji: '🤔', level: 'many', at: 'end' },
  clarifyNone: { emoji: '🙂', level: 'many', at: 'afterFirstSentence' },
  frustrationHandoff: { emoji: '🙏', level: 'many', at: 'afterFirstSentence' },
  sensitiveHandoff: { emoji: '🔒', level: 'many', at: 'start' },
  cancelled: { emoji: '👍', level: 'many', at: 'afterFirstSentence' },
  csatAsk: { emoji: '⭐', level: 'many', at: 'end' },
  menuHuman: { emoji: '🙋', level: 'many', at: 'start' },
  menuMain: { emoji: '🏠', level: 'many', at: 'start' },
  resumeFlow: { emoji: '👉', level: 'many', at: 'start' },
};
