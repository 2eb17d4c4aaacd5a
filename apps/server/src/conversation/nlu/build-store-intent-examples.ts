import type { IntentExample } from './intent-classifier.ts';

/**
 * A small synthetic store dataset in pt-BR, en and es, written for the NLU tests and the contract
 * suite: six intents, a training side and held-out paraphrases, plus messages that belong to none.
 */
const training: Readonly<Record<string, readonly string[]>> = {
  greeting: [
    'oi',
    'olá, tudo bem?',
    'bom dia',
    'boa tarde',
    'e aí, beleza?',
    'hello',
    'hi there',
    'good morning',
    'hola',
    'buenos días',
    'oi, boa noite',
    'hey, how are you?',
  ],
  order_status: [
    'onde está meu pedido?',
    'meu pedido ainda não chegou',
    'quero saber o status do meu pedido',
    'cadê minha encomenda',
    'rastrear minha compra',
    'o pedido já foi enviado?',
    'where is my order?',
    'track my package',
    'has my order shipped yet',
    'dónde está mi pedido',
    'mi pedido no ha llegado',
    'qual a situação da minha entrega',
  ],
  business_hours: [
    'qual o horário de funcionamento?',
    'vocês abrem que horas?',
    'até que horas a loja fica aberta',
    'abre no sábado?',
    'horário de atendimento',
    'funciona domingo?',
    'what are your opening hours',
    'when do you open',
    'are you open on saturday',
    'a qué hora abren',
    'horario de atención',
    'que horas vocês fecham hoje',
  ],
  talk_to_human: [
    'quero falar com um atendente',
    'me passa para um humano',
    'falar com uma pessoa de verdade',
    'preciso de um atendente humano',
    'chama alguém da equipe',
    'não quero falar com robô',
    'talk to a human',
    'can I speak to an agent',
    'I want a real person',
    'quiero hablar con una persona',
    'pásame con un agente',
    'atendimento humano por favor',
  ],
  cancel_order: [
    'quero cancelar meu pedido',
    'cancela a minha compra',
    'desisti da compra, pode cancelar',
    'como faço para cancelar o pedido',
    'cancelar pedido',
    'não quero mais o produto, cancela',
    'cancel my order',
    'I want to cancel my purchase',
    'how do I cancel an order',
    'quiero cancelar mi pedido',
    'cancelar la compra',
    'anula meu pedido por favor',
  ],
  payment_methods: [
    'quais as formas de pagamento?',
    'aceita pix?',
    'posso pagar no boleto?',
    'parcela no cartão de crédito?',
    'aceitam cartão de débito',
    'dá pra pagar com pix',
    'what payment methods do you accept',
    'can I pay with a credit card',
    'do you take paypal',
    'qué formas de pago aceptan',
    'puedo pagar con tarjeta',
    'em quantas vezes posso parcelar',
  ],
};

const heldOut: Readonly<Record<string, readonly string[]>> = {
  greeting: ['oiii', 'ola bom diaa', 'hi!', 'hola, qué tal'],
  order_status: ['cade meu pedido??', 'meu pedido nao chegou ainda', 'where is my package', 'status do pedido pfv'],
  business_hours: ['vcs abrem que horas?', 'horario de funcionamento', 'what time do you open', 'abre domingo?'],
  talk_to_human: ['quero falar c um atendente humano', 'me passa pra uma pessoa', 'speak to a human pls', 'quiero hablar con un agente'],
  cancel_order: ['qro cancelar meu pedido', 'cancela a compra pfvr', 'cancel the order', 'quiero cancelar la compra'],
  payment_methods: ['aceitam pix?', 'pagamento no boleto', 'can i pay by credit card', 'aceptan tarjeta?'],
};

/** Messages no store intent covers; the first half can train the threshold, the rest test it. */
const unrelated = [
  'qual a capital da frança',
  'me conta uma piada',
  'quem ganhou o jogo ontem',
  'how tall is mount everest',
  'what is the meaning of life',
  'receita de bolo de cenoura',
  'cuál es la película más larga',
  'explain quantum physics',
  'quantos anos tem o papa',
  'who wrote war and peace',
  'como se diz cachorro em alemão',
  'qual é a raiz quadrada de dois',
];

export function buildStoreIntentExamples(): {
  train: IntentExample[];
  test: IntentExample[];
  outOfScope: { train: string[]; test: string[] };
} {
  const flatten = (byIntent: Readonly<Record<string, readonly string[]>>) =>
    Object.entries(byIntent).flatMap(([intent, texts]) => texts.map((text) => ({ text, intent })));
  const half = unrelated.length / 2;
  return { train: flatten(training), test: flatten(heldOut), outOfScope: { train: unrelated.slice(0, half), test: unrelated.slice(half) } };
}
