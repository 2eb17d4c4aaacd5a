/**
 * Held-out pt-BR messages for the store FAQ in `apps/server/test/knowledge/fixtures/store/faq/store.yaml`:
 * none of them is a question or paraphrase of that file. They set the index's default thresholds
 * (`create-faq-index.test.ts` asserts the figures). Chat spelling on purpose: "vcs", "qto", "nf", typos.
 */
export const faqRetrievalSet: Readonly<Record<string, readonly string[]>> = {
  'payment-methods': ['vcs aceitam pix ou so cartao?', 'posso pagar com boleto bancário?', 'como faço pra pagar?'],
  installments: ['da pra parcelar em 10x?', 'em quantas vezes posso dividir', 'tem juros no parcelamento?'],
  'delivery-time': ['demora mt pra entregar?', 'qnts dias leva a entrega pra sp', 'chega em quanto tempo?'],
  'shipping-cost': ['qto fica o frete pro rj?', 'frete gratis a partir de qual valor', 'vcs cobram frete?'],
  'return-policy': ['comprei e nao serviu, como troco?', 'quero devolver o produto q chegou', 'tenho quantos dias pra fazer a troca'],
  refund: ['cade meu estorno', 'devolvi e ainda nao recebi o dinheiro', 'quanto tempo leva o reembolso no cartão'],
  'cancel-order': ['preciso cancelar um pedido que fiz ontem', 'como faço pra desistir da compra?', 'cancelamento de pedido'],
  'store-hours': ['vcs atendem domingo?', 'qual horario de funcionamento', 'ate q horas posso falar com vcs'],
  'physical-store': ['tem loja em sao paulo?', 'qual endereco da loja de vcs', 'da pra buscar pessoalmente na loja?'],
  invoice: ['nao recebi a nf da minha compra', 'como pego a segunda via da nota fiscal', 'vcs mandam nota fiscal por email?'],
  warranty: ['quanto tempo de garantia tem', 'meu produto estragou, a garantia cobre?', 'produto com defeito o que faço'],
  'change-address': [
    'coloquei o endereco errado',
    'da pra alterar o endereço depois da compra?',
    'mudei de casa, tem como mudar o endereço da entrega?',
  ],
  'account-password': ['esqueci a senha', 'nao consigo fazer login', 'como troco minha senha do site'],
  coupon: ['cupom nao ta funcionando', 'onde digita o codigo de desconto', 'vcs tem algum cupom?'],
  sizes: ['onde vejo a tabela de tamanhos', 'o tamanho P veste quanto?', 'a forma é pequena?'],
};

/** Messages the store FAQ does not answer: small talk, other topics, other businesses. */
export const faqOutOfScopeSet: readonly string[] = [
  'qual a capital da frança?',
  'me conta uma piada',
  'vcs vendem carro?',
  'bom dia',
  'kkkkkkk',
  'qual o sentido da vida',
  'vai chover amanhã?',
  'meu nome é joão',
  'quem ganhou o jogo ontem?',
  'vcs consertam geladeira?',
];
