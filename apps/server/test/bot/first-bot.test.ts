import { test } from 'node:test';
import assert from 'node:assert/strict';
import { declareCapabilities } from '@fio/contracts';
import type { Content } from '@fio/contracts';
import { createFirstBot, initialBotState } from '../../src/conversation/bot/index.ts';
import type { BotState, BotTurnInput, BotTurnResult } from '../../src/conversation/bot/index.ts';
import { workspaceFileSchema } from '../../src/workspace/index.ts';
import type { WorkspaceDefinition } from '../../src/workspace/index.ts';

const mondayNoon = new Date('2026-03-09T15:00:00Z'); // 12:00 in São Paulo, open
const saturdayAfternoon = new Date('2026-03-07T17:00:00Z'); // 14:00 in São Paulo, closed

function buildWorkspace(overrides: Record<string, unknown> = {}): WorkspaceDefinition {
  const weekday = [{ open: '09:00', close: '18:00' }];
  return workspaceFileSchema.parse({
    id: 'loja-exemplo',
    name: 'Loja Exemplo',
    languages: ['pt-BR', 'en', 'es'],
    defaultLanguage: 'pt-BR',
    timezone: 'America/Sao_Paulo',
    businessHours: {
      mon: weekday,
      tue: weekday,
      wed: weekday,
      thu: weekday,
      fri: weekday,
      sat: [{ open: '09:00', close: '13:00' }],
      holidays: ['2026-04-21'],
    },
    tone: { formality: 'informal', emoji: 'none' },
    widget: { title: { 'pt-BR': 'Loja' }, greeting: { 'pt-BR': 'Olá' } },
    ...overrides,
  });
}

interface TurnOptions {
  state?: BotState;
  now?: Date;
  payload?: string;
  locale?: string | null;
  displayName?: string | null;
  workspace?: WorkspaceDefinition;
  quickReplies?: boolean;
}

function buildInput(text: string, options: TurnOptions = {}): BotTurnInput {
  const content: Content = options.payload ? { kind: 'text', text, payload: options.payload } : { kind: 'text', text };
  return {
    workspace: options.workspace ?? buildWorkspace(),
    botState: options.state ?? initialBotState,
    contact: { displayName: options.displayName ?? null, locale: options.locale ?? null },
    message: { content, text },
    capabilities: declareCapabilities(options.quickReplies === false ? {} : { quickReplies: { max: 3, maxLabelLength: 20 } }),
    replyWindow: { open: true, closesAt: null, reason: null },
    now: options.now ?? mondayNoon,
  };
}

async function turn(text: string, options: TurnOptions = {}): Promise<BotTurnResult> {
  return createFirstBot().runTurn(buildInput(text, options));
}

function replyText(result: BotTurnResult): string {
  return result.replies.map((r) => (r.kind === 'text' ? r.text : '')).join('\n');
}

function quickReplyIds(result: BotTurnResult): string[] {
  return result.replies.flatMap((r) => (r.kind === 'text' ? (r.quickReplies ?? []).map((q) => q.id) : []));
}

test('greets in pt-BR with quick replies when the customer says "oi"', async () => {
  const result = await turn('oi');
  assert.equal(result.intent, 'greeting');
  assert.equal(result.botState.language, 'pt-BR');
  assert.match(replyText(result), /^Olá! Sou o assistente virtual da Loja Exemplo/);
  assert.deepEqual(quickReplyIds(result), ['intent:business_hours', 'intent:handoff']);
  const first = result.replies[0];
  assert.equal(first?.kind === 'text' ? first.quickReplies?.[1]?.label : null, 'Falar com uma pessoa');
  assert.deepEqual(result.actions, []);
});

test('greets in English for "hi" and in Spanish for "hola"', async () => {
  const english = await turn('hi');
  assert.equal(english.botState.language, 'en');
  assert.match(replyText(english), /^Hi! I am the virtual assistant of Loja Exemplo/);
  const spanish = await turn('hola');
  assert.equal(spanish.botState.language, 'es');
  assert.match(replyText(spanish), /^¡Hola! Soy el asistente virtual de Loja Exemplo/);
});

test('recognises greetings written the way people chat', async () => {
  for (const text of ['oiii', 'Oi!!', 'olá', 'bom dia', 'Boa tarde :)', 'heyyy', 'buenos días', 'e aí']) {
    assert.equal((await turn(text)).intent, 'greeting', text);
  }
});

test('greets the contact by first name', async () => {
  const result = await turn('oi', { displayName: 'Maria Silva' });
  assert.match(replyText(result), /^Olá, Maria!/);
});

test('hands off when the customer asks for a person, in any of the languages', async () => {
  for (const text of [
    'falar com atendente',
    'quero falar com um humano',
    'talk to a human',
    'vc pode me passar pra uma pessoa?',
    'quero falar com alguém',
    'I want to speak to an agent',
    'quiero hablar con un agente',
    'ATENDENTEEE',
  ]) {
    const result = await turn(text);
    assert.equal(result.intent, 'handoff', text);
    assert.deepEqual(result.actions, [{ type: 'handoff', reason: 'customer_asked' }], text);
  }
});

test('says that a person takes over, and in English for an English request', async () => {
  const pt = await turn('falar com atendente');
  assert.match(replyText(pt), /pessoa da nossa equipe/);
  assert.doesNotMatch(replyText(pt), /fora do horário/);
  const en = await turn('talk to a human');
  assert.equal(en.botState.language, 'en');
  assert.match(replyText(en), /person from our team/);
});

test('hands off outside business hours saying the answer comes when the store opens', async () => {
  const result = await turn('quero falar com um humano', { now: saturdayAfternoon });
  assert.deepEqual(result.actions, [{ type: 'handoff', reason: 'customer_asked' }]);
  assert.match(replyText(result), /fora do horário de atendimento/);
  assert.match(replyText(result), /Abrimos segunda-feira às 9h\./);
});

test('uses the workspace handoff and closed messages when it has them', async () => {
  const workspace = buildWorkspace({
    handoff: { message: { 'pt-BR': 'Já chamo alguém!' } },
    businessHours: {
      mon: [{ open: '09:00', close: '18:00' }],
      holidays: [],
      closedMessage: { 'pt-BR': 'Estamos fechados, deixe sua mensagem.' },
    },
  });
  const result = await turn('atendente', { workspace, now: saturdayAfternoon });
  assert.equal(replyText(result), 'Já chamo alguém! Estamos fechados, deixe sua mensagem. Abrimos segunda-feira às 9h.');
});

test('answers the hours question as open during business hours', async () => {
  const result = await turn('que horas abre?', { now: mondayNoon });
  assert.equal(result.intent, 'business_hours');
  assert.equal(
    replyText(result),
    'Estamos abertos agora, até as 18h.\nNosso horário: Segunda a sexta, das 9h às 18h; sábado, das 9h às 13h; domingo fechado.',
  );
  assert.deepEqual(quickReplyIds(result), ['intent:handoff']);
});

test('answers the hours question as closed on Saturday afternoon with the next opening', async () => {
  const result = await turn('vcs estão abertos hj?', { now: saturdayAfternoon });
  assert.equal(result.intent, 'business_hours');
  assert.match(replyText(result), /^No momento estamos fechados\. Abrimos segunda-feira às 9h\./);
});

test('answers the hours question in English and Spanish', async () => {
  const en = await turn('what are your opening hours?', { now: saturdayAfternoon });
  assert.equal(en.intent, 'business_hours');
  assert.match(replyText(en), /^We're closed right now\. We open on Monday at 9am\.\nOur hours: Monday to Friday, 9am to 6pm/);
  const es = await turn('¿están abiertos?', { now: mondayNoon });
  assert.equal(es.intent, 'business_hours');
  assert.equal(es.botState.language, 'es');
  assert.match(replyText(es), /^Estamos abiertos ahora, hasta las 18:00\./);
});

test('mentions a holiday', async () => {
  const result = await turn('horário', { now: new Date('2026-04-21T15:00:00Z') });
  assert.match(replyText(result), /^Hoje é feriado\. No momento estamos fechados\. Abrimos amanhã às 9h\./);
});

test('recognises other hours phrasings', async () => {
  for (const text of [
    'horario de funcionamento',
    'vocês estão abertos?',
    'are you open today?',
    'horario',
    'ta aberto?',
    'a qué hora abren?',
  ]) {
    assert.equal((await turn(text)).intent, 'business_hours', text);
  }
});

test('hands off after three consecutive failures and resets the count', async () => {
  let state: BotState = initialBotState;
  const results: BotTurnResult[] = [];
  for (const text of ['meu pedido não chegou', 'xyz', 'asdfgh']) {
    const result = await turn(text, { state });
    results.push(result);
    state = result.botState;
  }
  assert.deepEqual(
    results.map((r) => [r.intent, r.botState.failures, r.actions.length]),
    [
      [null, 1, 0],
      [null, 2, 0],
      [null, 0, 1],
    ],
  );
  assert.match(replyText(results[0]!), /^Desculpe, não entendi/);
  assert.deepEqual(quickReplyIds(results[0]!), ['intent:business_hours', 'intent:handoff']);
  assert.deepEqual(results[2]?.actions, [{ type: 'handoff', reason: 'repeated_failure' }]);
});

test('resets failures when an intent is recognised', async () => {
  const first = await turn('blablabla');
  assert.equal(first.botState.failures, 1);
  const second = await turn('oi', { state: first.botState });
  assert.equal(second.botState.failures, 0);
  assert.equal(second.botState.lastIntent, 'greeting');
});

test('follows the payload of its own quick replies', async () => {
  const hours = await turn('Horário de atendimento', {
    payload: 'intent:business_hours',
    state: { turns: 1, failures: 0, language: 'es' },
  });
  assert.equal(hours.intent, 'business_hours');
  assert.equal(hours.botState.language, 'es', 'a picked label does not switch the language');
  const handoff = await turn('Talk to a person', { payload: 'intent:handoff' });
  assert.deepEqual(handoff.actions, [{ type: 'handoff', reason: 'customer_asked' }]);
});

test('takes a numbered answer to its menu on channels without buttons', async () => {
  const greeting = await turn('oi', { quickReplies: false });
  const choice = await turn('2', { state: greeting.botState, quickReplies: false });
  assert.equal(choice.intent, 'handoff');
  const unrelated = await turn('2');
  assert.equal(unrelated.intent, null, 'a bare number without a menu offered is not a choice');
});

test('keeps the language across turns unless the text is clearly another', async () => {
  const first = await turn('hola');
  assert.equal(first.botState.language, 'es');
  const second = await turn('horario?', { state: first.botState });
  assert.equal(second.botState.language, 'es');
  assert.match(replyText(second), /Nuestro horario/);
  const third = await turn('ok', { state: second.botState });
  assert.equal(third.botState.language, 'es');
  assert.equal(third.botState.turns, 3);
  const fourth = await turn('hello, what time do you open?', { state: third.botState });
  assert.equal(fourth.botState.language, 'en');
});

test('falls back to the contact locale, then the workspace default, for ambiguous text', async () => {
  assert.equal((await turn('ok', { locale: 'en_US' })).botState.language, 'en');
  assert.equal((await turn('ok', { locale: 'fr-FR' })).botState.language, 'pt-BR');
  assert.equal((await turn('ok')).botState.language, 'pt-BR');
});

test('only uses the workspace languages', async () => {
  const workspace = buildWorkspace({
    languages: ['pt-BR'],
    widget: { title: { 'pt-BR': 'Loja' }, greeting: { 'pt-BR': 'Olá' } },
  });
  const result = await turn('hello', { workspace });
  assert.equal(result.botState.language, 'pt-BR');
  assert.match(replyText(result), /^Olá!/);
});

test('thanks and goodbye', async () => {
  assert.equal((await turn('obrigadooo')).intent, 'thanks');
  assert.equal((await turn('valeu, tchau')).intent, 'goodbye');
  assert.equal((await turn('muchas gracias')).intent, 'thanks');
  assert.equal((await turn('bye')).intent, 'goodbye');
});

test('follows the workspace tone', async () => {
  const formal = buildWorkspace({ tone: { formality: 'formal', emoji: 'few' } });
  const result = await turn('hola', { workspace: formal });
  assert.equal(replyText(result), 'Hola. Soy el asistente virtual de Loja Exemplo. ¿En qué puedo ayudarle? 👋');
});
