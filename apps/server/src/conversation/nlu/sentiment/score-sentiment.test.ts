import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Language } from '../../../workspace/workspace.schema.ts';
import { scoreSentiment } from './score-sentiment.ts';

type ScoreBand = 'positive' | 'neutral' | 'negative';
type FrustrationBand = 'low' | 'medium' | 'high';

function scoreBand(score: number): ScoreBand {
  if (score > 0.2) return 'positive';
  if (score < -0.2) return 'negative';
  return 'neutral';
}
function frustrationBand(frustration: number): FrustrationBand {
  if (frustration >= 0.75) return 'high';
  if (frustration >= 0.3) return 'medium';
  return 'low';
}

// Realistic customer lines with the bands a support lead would give them.
const labelled: Record<Language, [text: string, score: ScoreBand, frustration: FrustrationBand][]> = {
  'pt-BR': [
    ['qual o horário de vocês?', 'neutral', 'low'],
    ['cadê meu pedido?', 'neutral', 'low'],
    ['quero trocar um produto', 'neutral', 'low'],
    ['dá pra parcelar em 10 vezes?', 'neutral', 'low'],
    ['bom dia, tudo bem?', 'neutral', 'low'],
    ['qual o prazo de entrega pro cep 01310-100?', 'neutral', 'low'],
    ['obrigado, adorei', 'positive', 'low'],
    ['muito obrigada pela ajuda!', 'positive', 'low'],
    ['ADOREI!!! chegou antes do prazo', 'positive', 'low'],
    ['atendimento excelente, parabéns', 'positive', 'low'],
    ['valeu, resolveu meu problema', 'positive', 'low'],
    ['não é ruim não, gostei', 'positive', 'low'],
    ['show, deu certo aqui', 'positive', 'low'],
    ['meu pedido não chegou', 'negative', 'low'],
    ['o produto veio com defeito', 'negative', 'low'],
    ['não gostei do produto', 'negative', 'low'],
    ['infelizmente veio errado', 'negative', 'low'],
    ['a entrega está atrasada', 'negative', 'low'],
    ['to esperando ha 10 dias e nada', 'negative', 'medium'],
    ['muito ruim esse atendimento', 'negative', 'medium'],
    ['péssimo, horrível demais', 'negative', 'medium'],
    ['que absurdo, pela terceira vez o pedido atrasa', 'negative', 'medium'],
    ['já falei que o número é 123456', 'negative', 'medium'],
    ['de novo essa mensagem?', 'negative', 'medium'],
    ['JÁ FALEI 3 VEZES, QUE ABSURDO!!!', 'negative', 'high'],
    ['vcs são uns lixo', 'negative', 'high'],
    ['bando de incompetentes', 'negative', 'high'],
    ['vou abrir reclamação no Procon', 'negative', 'high'],
    ['vou postar no reclame aqui', 'negative', 'high'],
    ['vou entrar com um processo contra a loja', 'negative', 'high'],
    ['que porcaria, nunca mais compro nessa loja!!!', 'negative', 'high'],
    ['PQP, ninguém resolve nada aqui', 'negative', 'high'],
    ['ridículo, to esperando há duas semanas, já falei mil vezes', 'negative', 'high'],
    ['O QUE ESTÁ ACONTECENDO COM MEU PEDIDO???', 'neutral', 'medium'],
  ],
  en: [
    ['what are your opening hours?', 'neutral', 'low'],
    ['where is my order', 'neutral', 'low'],
    ['thanks, that was really helpful', 'positive', 'low'],
    ['great service, love it', 'positive', 'low'],
    ['not bad at all', 'positive', 'low'],
    ['my package arrived damaged', 'negative', 'low'],
    ['this is terrible, still waiting for days', 'negative', 'medium'],
    ['I already told you my order number', 'negative', 'medium'],
    ['you are useless idiots', 'negative', 'high'],
    ['I will contact my lawyer and sue you', 'negative', 'high'],
    ['WORST SERVICE EVER!!! never buying here again', 'negative', 'high'],
  ],
  es: [
    ['¿cuál es el horario?', 'neutral', 'low'],
    ['quiero cambiar mi dirección', 'neutral', 'low'],
    ['muchas gracias, muy amable', 'positive', 'low'],
    ['me encantó el producto', 'positive', 'low'],
    ['no está mal', 'positive', 'low'],
    ['mi pedido no llegó', 'negative', 'low'],
    ['llevo esperando hace dos semanas, pésimo', 'negative', 'medium'],
    ['ya te dije el número, otra vez lo mismo', 'negative', 'medium'],
    ['son unos inútiles, ladrones', 'negative', 'high'],
    ['voy a denunciar en Profeco', 'negative', 'high'],
    ['¡¡¡QUÉ VERGÜENZA!!! nunca más compro aquí', 'negative', 'high'],
  ],
};

for (const [language, lines] of Object.entries(labelled)) {
  test(`scores labelled ${language} lines in their expected bands`, () => {
    const misses: string[] = [];
    for (const [text, score, frustration] of lines) {
      const result = scoreSentiment(text, language === 'pt-BR' || language === 'en' || language === 'es' ? language : 'pt-BR');
      const got: [ScoreBand, FrustrationBand] = [scoreBand(result.score), frustrationBand(result.frustration)];
      if (got[0] !== score || got[1] !== frustration) {
        misses.push(
          `${text}: expected ${score}/${frustration}, got ${got.join('/')} (${result.score}, ${result.frustration}, ${result.signals.join(' ')})`,
        );
      }
    }
    assert.deepEqual(misses, []);
  });
}

test('meets the calibration points of the brief', () => {
  assert.equal(scoreSentiment('qual o prazo de entrega?', 'pt-BR').score, 0);
  assert.ok(scoreSentiment('obrigado, adorei', 'pt-BR').score > 0.5);
  assert.ok(scoreSentiment('JÁ FALEI 3 VEZES, QUE ABSURDO!!!', 'pt-BR').frustration >= 0.8);
  assert.ok(scoreSentiment('vcs são uns lixo', 'pt-BR').frustration >= 0.8);
  const notArrived = scoreSentiment('meu pedido não chegou', 'pt-BR');
  assert.ok(notArrived.score < 0 && notArrived.score > -0.6, String(notArrived.score));
  assert.ok(notArrived.frustration < 0.5);
});

test('flips a negated feeling word and softens a negated complaint', () => {
  assert.ok(scoreSentiment('gostei', 'pt-BR').score > 0);
  assert.ok(scoreSentiment('não gostei', 'pt-BR').score < 0);
  assert.ok(scoreSentiment('ruim', 'pt-BR').score < 0);
  assert.ok(scoreSentiment('não é ruim', 'pt-BR').score > 0);
  assert.ok(scoreSentiment('not good', 'en').score < 0);
  assert.ok(scoreSentiment('no me gustó', 'es').score < 0);
  // Negation does not cross a comma.
  assert.ok(scoreSentiment('não sei, mas adorei', 'pt-BR').score > 0);
});

test('strengthens intensified, stretched and shouted complaints', () => {
  const plain = scoreSentiment('ruim', 'pt-BR');
  assert.ok(scoreSentiment('muito ruim', 'pt-BR').score < plain.score);
  assert.ok(scoreSentiment('ruim demais', 'pt-BR').score < plain.score);
  assert.ok(scoreSentiment('ruimmmm', 'pt-BR').score < plain.score);
  const calm = scoreSentiment('o pedido atrasou de novo', 'pt-BR');
  const shouted = scoreSentiment('O PEDIDO ATRASOU DE NOVO!!!', 'pt-BR');
  assert.ok(shouted.frustration > calm.frustration);
  assert.deepEqual(shouted.signals, ['negative_words', 'repeated_complaint', 'caps', 'exclamations']);
});

test('does not count caps or exclamations in a happy message', () => {
  assert.deepEqual(scoreSentiment('ADOREI, OBRIGADO!!!', 'pt-BR').signals, []);
  // A short acronym is no shouting.
  assert.deepEqual(scoreSentiment('meu CPF é esse', 'pt-BR').signals, []);
});

test('raises frustration as the bot keeps failing', () => {
  const line = 'não era isso';
  const readings = [0, 1, 2, 4].map((botFailures) => scoreSentiment(line, 'pt-BR', { botFailures }).frustration);
  assert.ok(readings[0]! < readings[1]! && readings[1]! < readings[2]! && readings[2]! < readings[3]!, readings.join(' '));
  assert.deepEqual(scoreSentiment(line, 'pt-BR', { botFailures: 2 }).signals, ['repeated_failure']);
});

test('notices the customer repeating an earlier message', () => {
  const previousTexts = ['quero saber onde está meu pedido 123456', 'oi'];
  const result = scoreSentiment('quero saber onde está o meu pedido 123456', 'pt-BR', { botFailures: 0, previousTexts });
  assert.ok(result.signals.includes('repeated_complaint'));
  assert.ok(!scoreSentiment('qual o horário de vocês?', 'pt-BR', { botFailures: 0, previousTexts }).signals.includes('repeated_complaint'));
});

test('tells an instalment from a repeated complaint', () => {
  assert.deepEqual(scoreSentiment('posso pagar em 3 vezes?', 'pt-BR').signals, []);
  assert.ok(scoreSentiment('já liguei 3 vezes', 'pt-BR').signals.includes('repeated_complaint'));
  assert.deepEqual(scoreSentiment('me cobraram duas vezes', 'pt-BR').signals, []);
  assert.ok(scoreSentiment('I called three times already', 'en').signals.includes('repeated_complaint'));
  assert.deepEqual(scoreSentiment('qual o processo de troca?', 'pt-BR').signals, []);
});

test('catches an insult in another language than the detected one', () => {
  assert.ok(scoreSentiment('vcs são uns idiots', 'pt-BR').signals.includes('insult'));
  assert.ok(scoreSentiment('you guys are lixo', 'en').frustration >= 0.8);
});

test('never throws on odd input and stays in range', () => {
  for (const text of ['', '   ', '!!!', '😡😡😡', 'a'.repeat(10_000), '\u0000\uFFFF', '{{constructor}} __proto__ constructor']) {
    const result = scoreSentiment(text, 'pt-BR', { botFailures: Number.NaN, previousTexts: [''] });
    assert.ok(result.score >= -1 && result.score <= 1, text);
    assert.ok(result.frustration >= 0 && result.frustration <= 1, text);
  }
  assert.ok(scoreSentiment('😡😡', 'pt-BR').score < 0);
});
