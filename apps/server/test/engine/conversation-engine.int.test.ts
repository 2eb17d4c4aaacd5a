import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ChannelCapabilities, Content } from '@fio/contracts';
import { openDatabase, migrateToLatest, type DatabaseHandle } from '../../src/storage/index.ts';
import { loadWorkspaces } from '../../src/workspace-sync.ts';
import { createChannelCatalog } from '../../src/channels/channel-catalog.ts';
import { createEngineRuntime, type EngineRuntime } from '../../src/conversation/engine/create-engine-runtime.ts';
import { initialBotState, type BotAction, type BotState, type BotTurnResult } from '../../src/conversation/bot/engine.ts';
import type { WorkspaceDefinition } from '../../src/workspace/index.ts';

/**
 * The engine's turn policy on a small workspace written here (not the demo's, which stories cover):
 * flows keep their version across a reload, digressions come back, escalations carry the context.
 */

const workspaceYaml = `
id: tiny-shop
name: Tiny Shop
languages: [pt-BR, en]
defaultLanguage: pt-BR
timezone: America/Sao_Paulo
businessHours:
  mon: [{ open: '09:00', close: '18:00' }]
  tue: [{ open: '09:00', close: '18:00' }]
  wed: [{ open: '09:00', close: '18:00' }]
  thu: [{ open: '09:00', close: '18:00' }]
  fri: [{ open: '09:00', close: '18:00' }]
widget:
  title: { pt-BR: Tiny Shop }
  greeting: { pt-BR: Oi }
escalation: { maxMisunderstandings: 2, team: balcao }
nlu: { orderNumberPattern: '#?\\d{5}' }
`;

const intents: Record<string, string> = {
  greeting: `intent: greeting
examples:
  pt-BR: [oi, ola, bom dia, boa tarde, oiii tudo bem, e ai, opa, ola tudo bem?, boa noite, oi pessoal]
  en: [hi, hello, good morning, hey there, hello there]
followUps:
  - { label: { pt-BR: Meu pedido, en: My order }, payload: 'flow:track' }
`,
  order_status: `intent: order_status
examples:
  pt-BR: [cade meu pedido, onde esta meu pedido, meu pedido nao chegou, quero rastrear meu pedido, status do pedido, qual a situacao da minha compra, minha encomenda ainda nao veio, ja enviaram meu pedido?, quando chega minha compra, rastreio da encomenda]
  en: [where is my order, track my order, has my order shipped, order status, my package did not arrive]
`,
  payment: `intent: payment
examples:
  pt-BR: [aceita pix?, quais as formas de pagamento, posso pagar com cartao, da pra parcelar, aceitam boleto, vcs aceitam pix, pagamento no cartao de credito, como posso pagar, tem desconto no pix, parcela em quantas vezes]
  en: [do you take pix, payment methods, can I pay by card, can I pay in installments, do you accept boleto]
answer:
  pt-BR: Aceitamos Pix, boleto e cartão.
  en: We take Pix, boleto and cards.
`,
  out_of_scope: `intent: out_of_scope
examples:
  pt-BR: [qual a capital da franca, quem ganhou o jogo ontem, me conta uma piada, vai chover amanha?, qual a raiz quadrada de 2, receita de bolo de cenoura, qual o melhor filme do ano, como faco um curriculo, que horas sao em toquio, asdfgh, kkkkkkk, blz flw, xpto, teste teste]
  en: [what is the weather, tell me a joke, who won the game, asdf qwerty, recipe for pancakes]
`,
  talk_to_human: `intent: talk_to_human
examples:
  pt-BR: [quero falar com um atendente, falar com uma pessoa, me passa pra um humano, atendente por favor, quero um humano, chama alguem da loja, preciso falar com gente de verdade, transfere pra um atendente, nao quero robo, falar com o suporte]
  en: [talk to a person, human please, I want an agent, speak to someone, get me a human]
action: handoff
`,
};

const trackFlow = (answer: string) => `id: track
name: Rastreio
trigger: { intents: [order_status] }
steps:
  - id: ask
    ask:
      slot: order
      type: order_number
      prompt: { pt-BR: Qual o número do pedido?, en: What is the order number? }
      maxAttempts: 2
  - id: answer
    say: { pt-BR: '${answer} {{slots.order}}', en: 'Order {{slots.order}} is on its way.' }
  - id: done
    end: { csat: true }
`;

const capabilities: ChannelCapabilities = {
  maxTextLength: 4096,
  formatting: 'plain',
  media: [],
  quickReplies: { max: 10, maxLabelLength: 40 },
  lists: null,
  typingIndicator: false,
  readReceipts: false,
  replyWindowHours: null,
} as unknown as ChannelCapabilities;

const tuesdayAfternoon = new Date('2026-11-24T14:00:00-03:00');
const sundayNight = new Date('2026-11-29T22:00:00-03:00');

describe('conversation engine on a small workspace', () => {
  let dir: string;
  let database: DatabaseHandle;
  let runtime: EngineRuntime;
  let workspace: WorkspaceDefinition;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fio-engine-'));
    writeFileSync(join(dir, 'workspace.yaml'), workspaceYaml);
    mkdirSync(join(dir, 'intents'));
    for (const [name, text] of Object.entries(intents)) writeFileSync(join(dir, 'intents', `${name}.yaml`), text);
    mkdirSync(join(dir, 'flows'));
    writeFileSync(join(dir, 'flows', 'track.yaml'), trackFlow('Seu pedido está a caminho:'));
    database = await openDatabase({ dataDir: dir, databaseUrl: undefined, sqliteSync: 'normal', poolSize: 1 });
    await migrateToLatest(database.db, database.dialect);
    [workspace] = (await loadWorkspaces([dir], new Map(createChannelCatalog()), {})) as [WorkspaceDefinition];
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    runtime = await createEngineRuntime({
      db: database.db,
      workspaces: [{ workspaceId: 'ws_tiny', dir, definition: workspace }],
      env: {},
      clock: () => tuesdayAfternoon,
      log,
      watch: false,
    });
  });
  after(async () => {
    runtime.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const say = async (state: BotState, text: string, now = tuesdayAfternoon, payload?: string): Promise<BotTurnResult> =>
    runtime.engine.runTurn({
      workspace,
      botState: state,
      contact: { displayName: 'Ana Souza', locale: null, attributes: { plano: 'ouro' }, tags: [], segments: [] },
      message: { content: payload ? { kind: 'text', text, payload } : { kind: 'text', text }, text },
      capabilities,
      channelType: 'webchat',
      replyWindow: { open: true, closesAt: null, reason: null },
      now,
    });
  const texts = (r: BotTurnResult) => r.replies.map((c: Content) => (c.kind === 'text' ? c.text : '')).join(' | ');
  const handoff = (r: BotTurnResult) => r.actions.find((a): a is Extract<BotAction, { type: 'handoff' }> => a.type === 'handoff');

  test('greets with the workspace menu and starts the flow its button names', async () => {
    const hi = await say(initialBotState, 'oiii');
    assert.equal(hi.intent, 'greeting');
    const first = hi.replies.at(-1);
    assert.equal(first?.kind === 'text' ? first.quickReplies?.[0]?.id : null, 'flow:track');
    const picked = await say(hi.botState, 'Meu pedido', tuesdayAfternoon, 'flow:track');
    assert.match(texts(picked), /número do pedido/);
    assert.equal(picked.botState.flow?.flowId, 'track');
  });

  test('a running conversation finishes on the flow version it started with; new ones get the edit', async () => {
    const asked = await say(initialBotState, 'cadê meu pedido?');
    assert.equal(asked.botState.flow?.stepId, 'ask');
    writeFileSync(join(dir, 'flows', 'track.yaml'), trackFlow('Novidade: o pedido saiu'));
    assert.deepEqual(await runtime.brains.reload('tiny-shop'), { ok: true });

    const old = await say(asked.botState, '12345');
    assert.match(texts(old), /Seu pedido está a caminho: 12345/);
    assert.ok(old.actions.some((a) => a.type === 'flow_completed' && a.version === asked.botState.flow?.version));

    const fresh = await say(initialBotState, 'cadê meu pedido?');
    assert.notEqual(fresh.botState.flow?.version, asked.botState.flow?.version);
    assert.match(texts(await say(fresh.botState, '54321')), /Novidade: o pedido saiu 54321/);
  });

  test('a question mid-flow is answered and the flow asks again; cancelling leaves it', async () => {
    const asked = await say(initialBotState, 'onde está meu pedido');
    const digression = await say(asked.botState, 'vcs aceitam pix?');
    assert.match(texts(digression), /Aceitamos Pix/);
    assert.match(texts(digression), /número do pedido/);
    assert.equal(digression.botState.flow?.stepId, 'ask');
    assert.equal(digression.botState.flow?.attempts, 0);

    const cancelled = await say(digression.botState, 'deixa pra lá');
    assert.equal(cancelled.botState.flow, null);
    assert.equal(cancelled.actions.length, 0);
  });

  test('CSAT after the flow is recorded from a digit', async () => {
    const asked = await say(initialBotState, 'status do pedido');
    const done = await say(asked.botState, 'é o 12345');
    assert.equal(done.botState.awaitingCsat, true);
    const rated = await say(done.botState, '4');
    assert.deepEqual(rated.actions, [{ type: 'csat', score: 4 }]);
  });

  test('two misunderstandings hand off to the workspace team with what was tried', async () => {
    const hi = await say(initialBotState, 'oi');
    const once = await say(hi.botState, 'qual a previsão do tempo em curitiba?');
    assert.equal(handoff(once), undefined);
    const twice = await say(once.botState, 'quem ganhou a copa de 2002?');
    const action = handoff(twice);
    assert.equal(action?.reason, 'repeated_failure');
    assert.equal(action?.team, 'balcao');
    assert.deepEqual(action?.context?.intentsTried, ['greeting']);
    assert.equal(action?.context?.profile.attributes['plano'], 'ouro');
    assert.ok(action?.context?.summary.some((line) => line.startsWith('Motivo')));
  });

  test('a card number is never echoed: the bot hands off for sensitive data', async () => {
    const r = await say(initialBotState, 'meu cartão é 4111 1111 1111 1111');
    assert.equal(handoff(r)?.reason, 'sensitive_data');
    assert.doesNotMatch(texts(r), /4111/);
    assert.ok(!handoff(r)?.context?.summary.some((line) => line.includes('4111')));
  });

  test('an angry customer goes to a person with raised priority', async () => {
    const r = await say(initialBotState, 'JÁ FALEI 3 VEZES, QUE ABSURDO!!! vcs são uns lixo');
    assert.equal(handoff(r)?.reason, 'frustration');
    assert.equal(handoff(r)?.priority, 'high');
  });

  test('outside business hours the handoff says when a person answers and keeps the conversation queued', async () => {
    const r = await say(initialBotState, 'quero falar com um atendente', sundayNight);
    const action = handoff(r);
    assert.equal(action?.reason, 'customer_asked');
    assert.equal(action?.context?.expectedAnswerAt, new Date('2026-11-30T09:00:00-03:00').toISOString());
    assert.ok(r.replies.length > 0);
  });

  test('empty, emoji-only and huge messages get a sensible reply, never a crash', async () => {
    for (const text of ['', '   ', '🙂🙂🙂', '\u0000\u0001\u0002', 'a'.repeat(20_000)]) {
      const r = await say(initialBotState, text);
      assert.ok(r.replies.length > 0, `no reply to ${JSON.stringify(text.slice(0, 10))}`);
    }
  });
});

describe('content watched on disk', () => {
  test('a welcome flow starts on the first message, and an edit to it is picked up without a restart', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'fio-engine-watch-'));
    writeFileSync(join(dir, 'workspace.yaml'), workspaceYaml);
    mkdirSync(join(dir, 'intents'));
    for (const [name, text] of Object.entries(intents)) writeFileSync(join(dir, 'intents', `${name}.yaml`), text);
    mkdirSync(join(dir, 'flows'));
    const welcome = (text: string) => `id: welcome
name: Boas-vindas
trigger: { events: [conversation.started] }
steps:
  - id: hello
    say: { pt-BR: '${text}', en: Welcome! }
`;
    writeFileSync(join(dir, 'flows', 'track.yaml'), trackFlow('Seu pedido está a caminho:'));
    writeFileSync(join(dir, 'flows', 'welcome.yaml'), welcome('Bem-vindo à Tiny Shop!'));
    const database = await openDatabase({ dataDir: dir, databaseUrl: undefined, sqliteSync: 'normal', poolSize: 1 });
    await migrateToLatest(database.db, database.dialect);
    const [workspace] = (await loadWorkspaces([dir], new Map(createChannelCatalog()), {})) as [WorkspaceDefinition];
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const runtime = await createEngineRuntime({
      db: database.db,
      workspaces: [{ workspaceId: 'ws_watch', dir, definition: workspace }],
      env: {},
      clock: () => tuesdayAfternoon,
      log,
    });
    t.after(async () => {
      runtime.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const first = (text: string) =>
      runtime.engine.runTurn({
        workspace,
        botState: initialBotState,
        contact: { displayName: null, locale: null },
        message: { content: { kind: 'text', text }, text },
        capabilities,
        replyWindow: { open: true, closesAt: null, reason: null },
        now: tuesdayAfternoon,
      });
    const greeted = await first('boa tarde');
    assert.match(greeted.replies.map((c) => (c.kind === 'text' ? c.text : '')).join(' '), /Bem-vindo à Tiny Shop!/);

    writeFileSync(join(dir, 'flows', 'welcome.yaml'), welcome('Olá de novo!'));
    const deadline = Date.now() + 10_000;
    let text = '';
    while (Date.now() < deadline && !text.includes('Olá de novo!')) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const again = await first('boa tarde');
      text = again.replies.map((c) => (c.kind === 'text' ? c.text : '')).join(' ');
    }
    assert.match(text, /Olá de novo!/);

    // Broken content is refused and the bot keeps answering with the last good version.
    writeFileSync(join(dir, 'flows', 'welcome.yaml'), 'id: welcome\nsteps: [{ id: x, goto: nowhere }]\n');
    const refused = await runtime.brains.reload('tiny-shop');
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? '' : refused.message, /welcome\.yaml:\d+/);
    const still = await first('boa tarde');
    assert.match(still.replies.map((c) => (c.kind === 'text' ? c.text : '')).join(' '), /Olá de novo!/);
  });
});
