import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stripQuotedReply } from '../src/inbound/strip-quoted-reply.ts';

describe('stripQuotedReply', () => {
  test('cuts a Portuguese Gmail reply at "Em ... escreveu:" and the iPhone signature', () => {
    const body = [
      'Oi, o pedido ainda não chegou.',
      '',
      'Enviado do meu iPhone',
      '',
      'Em ter., 24 de nov. de 2026 às 09:00, Loja Exemplo <suporte@loja.example> escreveu:',
      '> Seu pedido saiu para entrega.',
    ].join('\n');
    assert.deepEqual(stripQuotedReply(body), { text: 'Oi, o pedido ainda não chegou.', trimmed: true });
  });

  test('cuts an English reply whose attribution Gmail wrapped over two lines', () => {
    const body = 'Thanks, that works.\n\nOn Tue, Nov 24, 2026 at 9:00 AM Loja Exemplo\n<suporte@loja.example> wrote:\n> Try again now.\n';
    assert.deepEqual(stripQuotedReply(body), { text: 'Thanks, that works.', trimmed: true });
  });

  test('cuts a Spanish reply at "El ... escribió:" and the "-- " signature', () => {
    const body =
      'Perfecto, gracias.\n-- \nCarlos Ruiz\nGerente\n\nEl lun, 23 nov 2026 a las 18:00, Loja <suporte@loja.example> escribió:\n> ¿Algo más?';
    assert.deepEqual(stripQuotedReply(body), { text: 'Perfecto, gracias.', trimmed: true });
  });

  test('cuts Outlook\'s "-----Original Message-----" block and the Portuguese "-----Mensagem original-----"', () => {
    assert.equal(stripQuotedReply('Ok.\n\n-----Original Message-----\nFrom: Loja\nSent: Monday\nSubject: x\n\nold').text, 'Ok.');
    assert.equal(stripQuotedReply('Certo.\r\n-----Mensagem original-----\r\nDe: Loja\r\nEnviada em: segunda\r\n\r\nantigo').text, 'Certo.');
  });

  test('cuts an Outlook header block "De: / Enviado: / Para:" without a marker line', () => {
    const body =
      'Pode cancelar.\n\n________________________________\nDe: Loja Exemplo <suporte@loja.example>\nEnviado: segunda-feira, 23 de novembro de 2026 18:00\nPara: João\nAssunto: Pedido\n\nSeu pedido foi criado.';
    assert.deepEqual(stripQuotedReply(body), { text: 'Pode cancelar.', trimmed: true });
  });

  test('drops interleaved ">" lines but keeps the answers written between them', () => {
    const body = '> Qual o número do pedido?\n1234\n> E o CEP?\n01310-100';
    assert.equal(stripQuotedReply(body).text, '1234\n01310-100');
  });

  test('keeps a forwarded message whole: what the customer forwards is what they want read', () => {
    const body =
      'Veja abaixo.\n\n---------- Forwarded message ---------\nFrom: Banco <no-reply@banco.example>\nDate: Mon, 23 Nov 2026\nSubject: Estorno\n\nO estorno foi feito.';
    assert.deepEqual(stripQuotedReply(body), { text: body, trimmed: false });
  });

  test('keeps the original when the message is nothing but a quote', () => {
    assert.deepEqual(stripQuotedReply('> só citação\n> mais citação\n'), { text: '> só citação\n> mais citação', trimmed: false });
  });

  test('leaves a message without quote or signature untouched', () => {
    assert.deepEqual(stripQuotedReply('Olá, quero falar com atendente.\n'), { text: 'Olá, quero falar com atendente.', trimmed: false });
  });

  test('recognises "Sent from my Android" and "Enviado desde mi iPhone" as signatures', () => {
    assert.equal(stripQuotedReply('Yes please.\n\nSent from my Android device').text, 'Yes please.');
    assert.equal(stripQuotedReply('Sí, por favor.\n\nEnviado desde mi iPhone').text, 'Sí, por favor.');
  });
});
