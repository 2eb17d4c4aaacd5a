import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldText, matchBotStep, type TurnObservation } from './match-bot-step.ts';

const turn: TurnObservation = {
  replies: [
    { text: 'Seu pedido 123456 saiu para entrega!', quickReplies: [] },
    { text: 'Posso ajudar em algo mais?', quickReplies: ['Falar com uma pessoa', 'Não, obrigado'] },
  ],
  handoffs: [],
};

test('folds accents, case and spaces', () => {
  assert.equal(foldText('  NÚMERO   do Pedido '), 'numero do pedido');
});

test('says matches a substring without caring for accents or case, and moves past the reply', () => {
  const check = matchBotStep({ says: ['SAIU PARA ENTREGA'] }, turn, 0);
  assert.deepEqual(check, { ok: true, cursor: 1 });
  const accent = matchBotStep({ says: ['posso ajudar em algo mais'] }, turn, 1);
  assert.deepEqual(accent, { ok: true, cursor: 2 });
});

test('several conditions may be met by consecutive replies together', () => {
  const check = matchBotStep({ says: ['123456', 'algo mais'], quickReplies: ['falar com uma pessoa'] }, turn, 0);
  assert.deepEqual(check, { ok: true, cursor: 2 });
});

test('a missing text names what is missing', () => {
  const check = matchBotStep({ says: ['123456', 'cancelado'] }, turn, 0);
  assert.ok(!check.ok);
  assert.match(check.reason, /"cancelado"/);
  assert.doesNotMatch(check.reason, /"123456"/);
});

test('matches is a case-insensitive regex, tried on the text and its folded form', () => {
  assert.ok(matchBotStep({ matches: 'pedido \\d{6}' }, turn, 0).ok);
  assert.ok(matchBotStep({ matches: 'nao, obrigado|algo mais' }, turn, 0).ok);
  assert.ok(!matchBotStep({ matches: '^cancelado$' }, turn, 0).ok);
});

test('quick replies must be offered', () => {
  assert.ok(matchBotStep({ quickReplies: ['Não, obrigado'] }, turn, 0).ok);
  const check = matchBotStep({ quickReplies: ['Ver boleto'] }, turn, 0);
  assert.ok(!check.ok);
  assert.match(check.reason, /Ver boleto/);
});

test('silent fails when the bot said more after the last matched reply, and passes at the end', () => {
  const after = matchBotStep({ silent: true }, turn, 1);
  assert.ok(!after.ok);
  assert.match(after.reason, /algo mais/);
  assert.deepEqual(matchBotStep({ silent: true }, turn, 2), { ok: true, cursor: 2 });
  assert.deepEqual(matchBotStep({ silent: true }, { replies: [], handoffs: [] }, 0), { ok: true, cursor: 0 });
});

test('a text step after everything was matched says the bot said nothing more', () => {
  const check = matchBotStep({ says: ['oi'] }, turn, 2);
  assert.ok(!check.ok);
  assert.match(check.reason, /said nothing more/);
});

test('does: handoff checks reason, team and priority of the requested handoffs', () => {
  const handedOff: TurnObservation = { replies: [], handoffs: [{ reason: 'flow', team: 'logistica', priority: 'high' }] };
  assert.ok(matchBotStep({ does: 'handoff' }, handedOff, 0).ok);
  assert.ok(matchBotStep({ does: 'handoff', reason: 'flow', team: 'logistica', priority: 'high' }, handedOff, 0).ok);
  const wrongTeam = matchBotStep({ does: 'handoff', team: 'atendimento' }, handedOff, 0);
  assert.ok(!wrongTeam.ok);
  assert.match(wrongTeam.reason, /team atendimento.*team logistica/);
  const none = matchBotStep({ does: 'handoff' }, turn, 0);
  assert.ok(!none.ok);
  assert.match(none.reason, /no handoff was requested/);
});

test('notSays fails when any reply of the turn contains the text', () => {
  assert.deepEqual(matchBotStep({ notSays: ['4111'] }, turn, 0), { ok: true, cursor: 0 });
  const echoed = matchBotStep({ notSays: ['pedido 123456'] }, turn, 2);
  assert.ok(!echoed.ok);
  assert.match(echoed.reason, /the bot said "pedido 123456"/);
});
