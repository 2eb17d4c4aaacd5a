import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeChatText } from './normalize-chat-text.ts';

const words = (text: string) => normalizeChatText(text).join(' ');

describe('normalizeChatText', () => {
  it('folds case and accents and drops punctuation', () => {
    assert.equal(words('Olá! Qual o HORÁRIO de funcionamento?'), 'ola qual o horario de funcionamento');
    assert.equal(words('amanhã'), words('amanha'));
  });

  it('squeezes letters stretched three times or more but keeps real double letters', () => {
    assert.equal(words('oiii'), 'oi');
    assert.equal(words('obrigadooo!!!'), 'obrigado');
    assert.equal(words('simmm'), 'sim');
    assert.equal(words('carro'), 'carro');
    assert.equal(words('good'), 'good');
  });

  it('expands pt-BR chat shorthand and slang', () => {
    assert.equal(words('vc sabe qdo chega?'), 'voce sabe quando chega');
    assert.equal(words('pq ñ chegou'), 'porque por que nao chegou');
    assert.equal(words('n recebi, blz'), 'nao recebi beleza');
    assert.equal(words('cadê meu pedido'), 'onde esta cade meu pedido');
    assert.equal(words('obg, vlw'), 'obrigado valeu');
    assert.equal(words('manda msg hj pfv'), 'manda mensagem message hoje por favor');
    assert.equal(words('tbm quero, pfvr'), 'tambem quero por favor');
  });

  it('expands English chat shorthand', () => {
    assert.equal(words('thx u r great'), 'thanks you are great');
    assert.equal(words('pls help'), 'please por favor help');
    assert.equal(words("I don't know"), 'i dont know');
  });

  it('expands Spanish chat shorthand and keeps ñ inside words', () => {
    assert.equal(words('xq no llega, q pasa'), 'porque por que no llega que pasa');
    assert.equal(words('yo tmb'), 'yo tambien tambem');
    assert.equal(words('mañana'), 'manana');
  });

  it('maps feeling emojis to words, laughter to one token, and drops other pictographs', () => {
    assert.equal(words('valeu 👍'), 'valeu ok');
    assert.equal(words('de novo?? 😡'), 'de novo emojiangry');
    assert.equal(words('kkkkk que isso'), 'haha que isso');
    assert.equal(words('hahaha'), 'haha');
    assert.equal(words('🎉🚀'), '');
  });

  it('turns digits into their shape and "R$" into reais', () => {
    assert.equal(words('pedido 12345'), 'pedido 00000');
    assert.equal(words('R$ 50'), 'reais 00');
  });

  it('returns no tokens for empty or symbol-only text', () => {
    assert.deepEqual(normalizeChatText(''), []);
    assert.deepEqual(normalizeChatText('?!... ---'), []);
  });
});

describe('normalizeChatText on prototype names', () => {
  it('reads words like "constructor" as plain words', () => {
    assert.equal(words('the constructor of toString __proto__'), 'the constructor of tostring proto');
  });
});
