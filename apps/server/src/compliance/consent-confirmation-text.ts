import type { ConsentKeyword } from './detect-consent-keyword.ts';

const texts: Record<'pt' | 'en' | 'es', Record<ConsentKeyword, string>> = {
  pt: {
    withdraw: 'Pronto: você não vai mais receber nossas mensagens por aqui. Para voltar a receber, responda VOLTAR.',
    grant: 'Combinado: você voltou a receber nossas mensagens por aqui. Para parar, responda PARAR.',
  },
  en: {
    withdraw: "You're unsubscribed and will get no more messages from us here. Reply START to subscribe again.",
    grant: "You're subscribed again and will get our messages here. Reply STOP to unsubscribe.",
  },
  es: {
    withdraw: 'Listo: ya no recibirás nuestros mensajes por aquí. Para volver a recibirlos, responde ALTA.',
    grant: 'Listo: vuelves a recibir nuestros mensajes por aquí. Para dejar de recibirlos, responde BAJA.',
  },
};

/** The one confirmation a customer gets after an opt-out or opt-in keyword, in their language. */
export function consentConfirmationText(keyword: ConsentKeyword, locale: string | null | undefined): string {
  const lang = (locale ?? '').slice(0, 2).toLowerCase();
  const table = lang === 'en' ? texts.en : lang === 'es' ? texts.es : texts.pt;
  return table[keyword];
}
