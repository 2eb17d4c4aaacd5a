import type { Language } from '../../workspace/index.ts';

/**
 * Words that say nothing about which answer a customer wants: articles, prepositions, pronouns,
 * auxiliaries, greetings and politeness ("oi, por favor, gostaria de saber..."). Folded like
 * `normalizeChatText` output. Question words stay ("quando" chega vs "quanto" custa), and so does
 * "nao" (não recebi ≠ recebi).
 */
export const faqStopWords: Readonly<Record<Language, ReadonlySet<string>>> = {
  'pt-BR': new Set(
    (
      'a o as os um uma uns umas de do da dos das d em no na nos nas num numa por pelo pela pelos pelas para p ' +
      'com sem e ou mas que se me te lhe eu tu ele ela nos vos eles elas voce voces seu sua seus suas meu minha meus minhas ' +
      'teu tua nosso nossa isso isto esse essa este esta aquele aquela ai la aqui ja so tambem ate entao ne ' +
      'e ser sao foi era sou estou esta estao estava ter tenho tem temos tinha ha vai vou fazer faz ' +
      'oi ola opa bom boa dia tarde noite tudo bem beleza obrigado obrigada valeu por favor please ' +
      'gostaria queria quero preciso precisava poderia pode podem consigo saber sobre informacao duvida ajuda alguem ' +
      'ok certo sim entendi haha'
    ).split(' '),
  ),
  en: new Set(
    (
      'a an the of to in on at by for from with about into and or but if so that this these those it its ' +
      'i me my mine you your yours we us our he she they them their is are was were be been am do does did ' +
      'have has had can could would should will shall may might must get got please hi hello hey thanks thank ' +
      'want wanted need know tell like just some any ok okay yes haha'
    ).split(' '),
  ),
  es: new Set(
    (
      'el la los las un una unos unas de del al a en por para con sin y o u pero que se me te le lo les mi mis tu tus ' +
      'su sus nuestro nuestra yo usted ustedes ellos ellas este esta esto ese esa eso aqui ya tambien ' +
      'es son ser soy estoy esta estan fue era hay tengo tiene tener hacer hace ' +
      'hola buenas buenos dias tardes noches gracias favor porfavor quiero quisiera queria necesito puedo puede podria saber sobre ' +
      'ok vale si haha'
    ).split(' '),
  ),
};
