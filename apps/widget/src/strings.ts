import type { WidgetLocale } from './choose-locale.ts';

/** Every end-user string of the widget, per language. Server error messages are never shown as-is. */
export interface WidgetStrings {
  defaultTitle: string;
  openChat: string;
  closeChat: string;
  unread: (count: number) => string;
  placeholder: string;
  send: string;
  reconnecting: string;
  connecting: string;
  typing: string;
  agent: string;
  suggestions: string;
  sending: string;
  notSent: string;
  openFile: string;
  viewOnMap: string;
  statusQueued: string;
  statusAssigned: string;
  statusResolved: string;
  errorRateLimited: string;
  errorGeneric: string;
  dismiss: string;
}

const ptBR: WidgetStrings = {
  defaultTitle: 'Atendimento',
  openChat: 'Abrir chat',
  closeChat: 'Fechar chat',
  unread: (n) => (n === 1 ? '1 mensagem nova' : `${n} mensagens novas`),
  placeholder: 'Digite sua mensagem',
  send: 'Enviar',
  reconnecting: 'Reconectando…',
  connecting: 'Conectando…',
  typing: 'digitando…',
  agent: 'Atendente',
  suggestions: 'Respostas sugeridas',
  sending: 'Enviando…',
  notSent: 'Não enviada',
  openFile: 'Abrir arquivo',
  viewOnMap: 'Ver no mapa',
  statusQueued: 'Aguardando um atendente…',
  statusAssigned: 'Você está falando com um atendente',
  statusResolved: 'Conversa encerrada. Envie uma mensagem para recomeçar.',
  errorRateLimited: 'Você está enviando mensagens rápido demais. Tentaremos de novo em instantes.',
  errorGeneric: 'Algo deu errado. Tente novamente em instantes.',
  dismiss: 'Dispensar aviso',
};

const en: WidgetStrings = {
  defaultTitle: 'Support',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  unread: (n) => (n === 1 ? '1 new message' : `${n} new messages`),
  placeholder: 'Type your message',
  send: 'Send',
  reconnecting: 'Reconnecting…',
  connecting: 'Connecting…',
  typing: 'typing…',
  agent: 'Agent',
  suggestions: 'Suggested replies',
  sending: 'Sending…',
  notSent: 'Not sent',
  openFile: 'Open file',
  viewOnMap: 'View on map',
  statusQueued: 'Waiting for an agent…',
  statusAssigned: 'You are talking to an agent',
  statusResolved: 'Conversation closed. Send a message to start again.',
  errorRateLimited: 'You are sending messages too fast. We will retry in a moment.',
  errorGeneric: 'Something went wrong. Please try again in a moment.',
  dismiss: 'Dismiss notice',
};

const es: WidgetStrings = {
  defaultTitle: 'Atención',
  openChat: 'Abrir chat',
  closeChat: 'Cerrar chat',
  unread: (n) => (n === 1 ? '1 mensaje nuevo' : `${n} mensajes nuevos`),
  placeholder: 'Escribe tu mensaje',
  send: 'Enviar',
  reconnecting: 'Reconectando…',
  connecting: 'Conectando…',
  typing: 'escribiendo…',
  agent: 'Agente',
  suggestions: 'Respuestas sugeridas',
  sending: 'Enviando…',
  notSent: 'No enviado',
  openFile: 'Abrir archivo',
  viewOnMap: 'Ver en el mapa',
  statusQueued: 'Esperando a un agente…',
  statusAssigned: 'Estás hablando con un agente',
  statusResolved: 'Conversación cerrada. Envía un mensaje para empezar de nuevo.',
  errorRateLimited: 'Estás enviando mensajes demasiado rápido. Reintentaremos en un momento.',
  errorGeneric: 'Algo salió mal. Inténtalo de nuevo en un momento.',
  dismiss: 'Descartar aviso',
};

const byLocale: Record<WidgetLocale, WidgetStrings> = { 'pt-BR': ptBR, en, es };

export function getStrings(locale: WidgetLocale): WidgetStrings {
  return byLocale[locale];
}
