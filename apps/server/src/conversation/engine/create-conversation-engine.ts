import { parseOptionReply } from '@fio/channel-kit';
import type { BotState, BotTurnInput, BotTurnResult, ConversationEngine, FlowRun, OfferedOption } from '../bot/engine.ts';
import type { HttpActionRunner } from '../actions/index.ts';
import { expectationOf, findTriggeredFlow, type FlowDefinition } from '../flows/index.ts';
import { parseSlotValue } from '../nlu/entities/index.ts';
import { sentimentTrend } from '../nlu/sentiment/index.ts';
import { answerFaq, answerIntent, clarify, faqOption, greetingText, intentOption, mainMenu, type Answered } from './answer-from-content.ts';
import { faqLabelPrefix } from './build-bot-brain.ts';
import type { BotBrains } from './create-bot-brains.ts';
import { isCancelRequest } from './detect-cancel.ts';
import { handOff } from './hand-off.ts';
import { readCsat } from './read-csat.ts';
import { beginFlow, continueFlow, returnToFlow, type FlowTools } from './run-flow-turn.ts';
import { createTurnContext, currentBotState, type TurnContext } from './turn-context.ts';
import { understandMessage, type Understanding } from './understand-message.ts';

export interface ConversationEngineDeps {
  brains: BotBrains;
  /** The runner for a workspace's flow `call` steps (its SSRF allowances differ per workspace). */
  httpFor(workspace: BotTurnInput['workspace']): HttpActionRunner;
}

/** Readings kept on the conversation for the trend; older ones say little about now. */
const maxSentimentReadings = 12;
const maxIntentsTried = 10;
/** A message mid-flow is a digression only when the NLU is this sure it means something else. */
const digressionConfidence = 0.55;
/** Two intents this close are both plausible: ask rather than guess. */
const clarifyMargin = 0.15;
const clarifyFloor = 0.25;
/**
 * Below this calibrated confidence the bot does not act on its best guess (answer, start a flow, hand
 * off): a wrong answer costs more than a question. Between the model's out-of-scope threshold and
 * this, it asks "did you mean ...?" when a second reading is plausible too.
 */
const actConfidence = 0.45;
/** A guess this weak is not worth offering at all. */
const offerConfidence = 0.15;
const clarifyMass = 0.6;

/**
 * The conversation engine (DESIGN.md §5). A turn picks, in order: what the customer clicked, an
 * escalation (sensitive data, frustration, an explicit request), the active flow's expected answer
 * (or a digression from it), a flow trigger, an intent's or the FAQ's answer, a clarifying question,
 * and after repeated failure a person. It never names a channel: tone and answer variants follow the
 * reply channel's type, content follows its capabilities later in the pipeline.
 */
export function createConversationEngine(deps: ConversationEngineDeps): ConversationEngine {
  return { runTurn: (input) => takeTurn(deps, input) };
}

async function takeTurn(deps: ConversationEngineDeps, input: BotTurnInput): Promise<BotTurnResult> {
  const brain = await deps.brains.ready(input.workspace.id);
  const before = currentBotState(input.botState);
  const u = await understandMessage(input, before, brain);
  const ctx = createTurnContext(input, brain, u.language);
  const reading = { score: u.sentiment.score, frustration: u.sentiment.frustration, at: input.now.toISOString() };
  const state: BotState = {
    ...before,
    language: u.language,
    turns: before.turns + 1,
    sentiment: [...(before.sentiment ?? []), reading].slice(-maxSentimentReadings),
  };
  const tools: FlowTools = {
    http: deps.httpFor(input.workspace),
    flowFor: (run) => flowFor(deps, ctx, run),
  };
  const answered = await decide(ctx, state, u, tools);
  const accepted = u.classification && !u.classification.outOfScope ? u.classification : null;
  return {
    replies: answered.replies,
    actions: answered.actions,
    intent: answered.intent,
    botState: answered.state,
    understanding: {
      language: u.language,
      confidence: accepted?.confidence ?? 0,
      entities: u.entities.map((e) => ({ type: e.type, text: e.type === 'credit_card' ? '[redacted]' : e.text })),
      sentiment: u.sentiment.score,
      frustration: u.sentiment.frustration,
      answeredBy: answered.understanding?.answeredBy ?? answeredByOf(answered),
    },
  };
}

async function decide(ctx: TurnContext, state: BotState, u: Understanding, tools: FlowTools): Promise<Answered> {
  const { escalation } = ctx.input.workspace;

  if (state.awaitingCsat) {
    const score = readCsat(u.text, u.payload, u.normalized);
    if (score !== null) {
      return {
        replies: ctx.reply(ctx.say('csatThanks')),
        actions: [{ type: 'csat', score }],
        intent: null,
        state: { ...state, awaitingCsat: false, offered: [] },
        understanding: { language: ctx.language, confidence: 1, entities: [], sentiment: 0, frustration: 0, answeredBy: 'csat' },
      };
    }
    state = { ...state, awaitingCsat: false };
  }

  if (u.sensitive) return fromHandoff(ctx, state, u, 'sensitive_data');

  const trend = sentimentTrend(state.sentiment ?? []);
  if (
    u.sentiment.frustration >= escalation.frustrationThreshold ||
    (trend.frustration >= escalation.frustrationThreshold && trend.trend === 'worsening')
  )
    return fromHandoff(ctx, state, u, 'frustration');

  const picked = pickedOption(u, state);
  const run = state.flow ?? null;
  const flow = run ? await tools.flowFor(run) : null;
  if (run && !flow) state = { ...state, flow: null }; // the flow is gone from every version: start afresh

  if (asksForPerson(ctx, u, picked, Boolean(run && flow))) return fromHandoff(ctx, withIntent(state, picked ?? u), u, 'customer_asked');

  if (run && flow) {
    if (!picked && isCancelRequest(u.normalized)) return cancelFlow(ctx, state, u, tools);
    const expectation = expectationOf(flow, run);
    // A checked code, or "reenviar", answers a waiting `verify` step; other words may still be a digression.
    const fills =
      (ctx.input.verification !== undefined && waitsForCode(flow, run)) ||
      (expectation !== null &&
        (u.payload?.startsWith('choice:') === true ||
          parseSlotValue(expectation.types, u.text, {
            ...u.entityContext,
            ...(expectation.choices ? { choices: expectation.choices } : {}),
            ...(expectation.rules ? { rules: expectation.rules } : {}),
          }).ok));
    if (!fills) {
      const digression = await digress(ctx, state, u, picked, flow, run, tools);
      if (digression) return digression;
    }
    return continueFlow(ctx, state, u, flow, run, tools);
  }

  if (u.contentless && !picked) {
    return {
      replies: ctx.reply(ctx.say('emptyMessage'), mainMenu(ctx)),
      actions: [],
      intent: null,
      state: { ...state, offered: mainMenu(ctx) },
    };
  }

  const direct = picked ? await followPayload(ctx, state, u, picked, tools) : null;
  if (direct) return direct;

  const answered = await answerUnderstood(ctx, state, u, tools, true);
  if (answered) return answered;

  return notUnderstood(ctx, state, u);
}

/** A quick reply's payload, or the number/label of an option the bot offered as text ("2", "Falar com uma pessoa"). */
function pickedOption(u: Understanding, state: BotState): string | null {
  if (u.payload) return u.payload;
  const offered = (state.offered ?? []).map((o) => ({ id: o.payload, label: o.label }));
  return parseOptionReply(u.text, offered) ?? null;
}

function asksForPerson(ctx: TurnContext, u: Understanding, picked: string | null, inFlow: boolean): boolean {
  const intents = ctx.brain?.intents;
  if (picked?.startsWith('intent:')) return intents?.get(picked.slice(7))?.action === 'handoff';
  const c = u.classification;
  if (!c || c.outOfScope || !c.intent || c.confidence < actConfidence) return false;
  if (intents?.get(c.intent)?.action !== 'handoff') return false;
  // Inside a flow a free-text answer may mention "atendente" (a complaint about one): be surer there.
  return !inFlow || c.confidence >= 0.8;
}

async function followPayload(
  ctx: TurnContext,
  state: BotState,
  u: Understanding,
  payload: string,
  tools: FlowTools,
): Promise<Answered | null> {
  const [kind, id = ''] = splitPayload(payload);
  const brain = ctx.brain;
  if (!brain) return null;
  if (kind === 'flow') {
    const flow = brain.flows.find((f) => f.id === id);
    return flow ? beginFlow(ctx, withIntents(state, [`flow:${id}`]), u, flow, tools, null) : null;
  }
  if (kind === 'faq') {
    const entry = brain.faq.get(id);
    return entry ? answerFaq(ctx, withIntents(state, [`faq:${id}`]), entry) : null;
  }
  if (kind === 'intent') {
    const intent = brain.intents.get(id);
    if (!intent) return null;
    return answerIntentOrFlow(ctx, withIntents(state, [id]), u, intent.intent, tools);
  }
  return null;
}

/** The message understood as an intent, a FAQ entry, a flow trigger, or a close call worth asking about. */
async function answerUnderstood(
  ctx: TurnContext,
  state: BotState,
  u: Understanding,
  tools: FlowTools,
  allowFlows: boolean,
): Promise<Answered | null> {
  const brain = ctx.brain;
  if (!brain) return null;
  const c = u.classification;
  // In scope but unsure (between the out-of-scope threshold and `actConfidence`): ask rather than act.
  const accepted = c && !c.outOfScope && c.intent && c.confidence >= actConfidence ? c.intent : null;

  if (allowFlows) {
    const triggered = findTriggeredFlow(brain.flows, {
      intent: accepted,
      normalizedText: u.normalized,
      language: ctx.language,
      segments: ctx.input.contact.segments ?? [],
      // The first message of a conversation is also the `conversation.started` event (welcome flows).
      ...(state.turns === 1 ? { event: 'conversation.started' } : {}),
    });
    if (triggered) return beginFlow(ctx, withIntents(state, [accepted ?? `flow:${triggered.id}`]), u, triggered, tools, accepted);
  }

  if (accepted?.startsWith(faqLabelPrefix)) {
    const entry = brain.faq.get(accepted.slice(faqLabelPrefix.length));
    if (entry) return answerFaq(ctx, withIntents(state, [accepted]), entry);
  }
  if (accepted) {
    // Flow triggers were checked above (with their segment conditions): here only the intent's own answer.
    const byIntent = await answerIntentOrFlow(ctx, withIntents(state, [accepted]), u, accepted, tools, false);
    if (byIntent) return byIntent;
  }

  const faq = brain.faqIndex.search({ text: u.text, language: ctx.language, ...(c ? { ranking: c.ranking } : {}) });
  if (faq.decision === 'answer') return answerFaq(ctx, withIntents(state, [`faq:${faq.entry.id}`]), faq.entry);
  // Asking twice in a row helps nobody: the second unclear message counts as not understood.
  if (state.clarifying) return null;
  if (faq.decision === 'clarify')
    return clarify(
      ctx,
      state,
      faq.options.slice(0, 3).map((m) => faqOption(ctx, m)),
    );

  const close = closeCall(ctx, u);
  if (close) return clarify(ctx, state, close);
  return null;
}

async function answerIntentOrFlow(
  ctx: TurnContext,
  state: BotState,
  u: Understanding,
  name: string,
  tools: FlowTools,
  allowFlows = true,
): Promise<Answered | null> {
  const brain = ctx.brain;
  const intent = brain?.intents.get(name);
  if (!brain || !intent) return null;
  if (intent.action === 'handoff') return fromHandoff(ctx, state, u, 'customer_asked');
  if (intent.sensitive) return fromHandoff(ctx, state, u, 'sensitive_data');
  if (allowFlows) {
    const flow = brain.flows.find((f) => f.trigger.intents.includes(name));
    if (flow) return beginFlow(ctx, state, u, flow, tools, name);
  }
  return answerIntent(ctx, state, intent);
}

/** The two best intents both plausible and close: "did you mean A or B?". */
function closeCall(ctx: TurnContext, u: Understanding): OfferedOption[] | null {
  const ranking = u.classification?.ranking ?? [];
  const [first, second] = ranking;
  if (!first || !second) return null;
  const unsure = u.classification && !u.classification.outOfScope && u.classification.confidence < actConfidence;
  if (unsure && first.probability >= offerConfidence)
    return clarifyOptions(ctx, [first, second.probability >= offerConfidence / 2 ? second : null]);
  if (second.probability < clarifyFloor) return null;
  // Between them the two must hold most of the belief: spread thinly over many, it is noise, not a close call.
  if (first.probability + second.probability < clarifyMass || first.probability - second.probability > clarifyMargin) return null;
  return clarifyOptions(ctx, [first, second]);
}

function clarifyOptions(ctx: TurnContext, candidates: readonly ({ intent: string } | null)[]): OfferedOption[] | null {
  const options: OfferedOption[] = [];
  for (const r of candidates) {
    if (!r) continue;
    if (r.intent.startsWith(faqLabelPrefix)) {
      const entry = ctx.brain?.faq.get(r.intent.slice(faqLabelPrefix.length));
      if (entry) options.push({ payload: `faq:${entry.id}`, label: ctx.render(entry.question) });
    } else {
      const intent = ctx.brain?.intents.get(r.intent);
      if (intent) options.push(intentOption(ctx, intent));
    }
  }
  if (options.length === 0) return null;
  // One reading alone is offered with a way out: a person.
  if (options.length === 1)
    options.push(
      ...mainMenu(ctx).filter((o) => o.payload.startsWith('intent:') && ctx.brain?.intents.get(o.payload.slice(7))?.action === 'handoff'),
    );
  const distinct = options.filter((o, i) => options.findIndex((other) => other.payload === o.payload) === i);
  return distinct.length >= 2 ? distinct : null;
}

/**
 * Mid-flow, a message that does not answer the question but clearly asks something else ("vcs
 * aceitam pix?") is answered, and the flow's question is asked again; another flow's trigger pauses
 * this one until that one ends.
 */
async function digress(
  ctx: TurnContext,
  state: BotState,
  u: Understanding,
  picked: string | null,
  flow: FlowDefinition,
  run: FlowRun,
  tools: FlowTools,
): Promise<Answered | null> {
  let answer: Answered | null = null;
  if (picked && !picked.startsWith('choice:')) {
    answer = await followPayload(ctx, state, u, picked, tools);
  } else {
    const c = u.classification;
    const sure = c && !c.outOfScope && c.intent && c.confidence >= digressionConfidence && !flow.trigger.intents.includes(c.intent);
    if (!sure) return null;
    answer = await answerUnderstood(ctx, state, u, tools, true);
  }
  if (!answer) return null;
  if (answer.state.flow && answer.state.flow !== run) return answer; // another flow started; this one is paused
  if (answer.actions.some((a) => a.type === 'handoff')) return answer;
  const back = await returnToFlow(ctx, { ...answer.state, flow: run }, u, flow, run, tools);
  return { ...back, replies: [...answer.replies, ...back.replies], actions: [...answer.actions, ...back.actions], intent: answer.intent };
}

async function cancelFlow(ctx: TurnContext, state: BotState, u: Understanding, tools: FlowTools): Promise<Answered> {
  const paused = [...(state.pausedFlows ?? [])];
  const resume = paused.pop();
  const cancelled: BotState = { ...state, flow: null, pausedFlows: paused, failures: 0 };
  if (resume) {
    const flow = await tools.flowFor(resume);
    if (flow) {
      const back = await returnToFlow(ctx, { ...cancelled, flow: resume }, u, flow, resume, tools);
      return { ...back, replies: [...ctx.reply(ctx.say('cancelled')), ...back.replies] };
    }
  }
  const menu = mainMenu(ctx);
  return { replies: ctx.reply(ctx.say('cancelled'), menu), actions: [], intent: null, state: { ...cancelled, offered: menu } };
}

function notUnderstood(ctx: TurnContext, state: BotState, u: Understanding): Answered {
  const failures = state.failures + 1;
  if (failures >= ctx.input.workspace.escalation.maxMisunderstandings)
    return fromHandoff(ctx, { ...state, failures }, u, 'repeated_failure');
  const menu = mainMenu(ctx);
  const text = state.turns <= 1 && u.text.length < 40 ? `${greetingText(ctx)}` : ctx.say('fallback');
  return {
    replies: ctx.reply(text, menu),
    actions: [],
    intent: null,
    state: { ...state, failures, offered: menu, clarifying: false },
    understanding: { language: ctx.language, confidence: 0, entities: [], sentiment: 0, frustration: 0, answeredBy: 'fallback' },
  };
}

function fromHandoff(ctx: TurnContext, state: BotState, u: Understanding, reason: Parameters<typeof handOff>[3]): Answered {
  const handed = handOff(ctx, state, u, reason);
  return {
    replies: handed.replies,
    actions: [handed.action],
    intent: u.classification?.intent ?? null,
    state: handed.state,
    understanding: {
      language: ctx.language,
      confidence: u.classification?.confidence ?? 0,
      entities: [],
      sentiment: 0,
      frustration: 0,
      answeredBy: 'handoff',
    },
  };
}

async function flowFor(deps: ConversationEngineDeps, ctx: TurnContext, run: FlowRun): Promise<FlowDefinition | null> {
  return deps.brains.flowVersion(ctx.input.workspace.id, run.flowId, run.version);
}

function waitsForCode(flow: FlowDefinition, run: FlowRun): boolean {
  return flow.steps.find((step) => step.id === run.stepId)?.kind === 'verify';
}

function withIntents(state: BotState, intents: string[]): BotState {
  return { ...state, intentsTried: [...(state.intentsTried ?? []), ...intents].slice(-maxIntentsTried) };
}

function withIntent(state: BotState, from: string | Understanding): BotState {
  const name = typeof from === 'string' ? from : from.classification?.intent;
  return name ? withIntents(state, [name]) : state;
}

function splitPayload(payload: string): [string, string] {
  const at = payload.indexOf(':');
  return at < 0 ? [payload, ''] : [payload.slice(0, at), payload.slice(at + 1)];
}

function answeredByOf(answered: Answered): NonNullable<BotTurnResult['understanding']>['answeredBy'] {
  if (answered.actions.some((a) => a.type === 'handoff')) return 'handoff';
  if (answered.state.flow || answered.actions.some((a) => a.type === 'flow_completed')) return 'flow';
  if (answered.state.clarifying) return 'clarification';
  return answered.intent ? 'intent' : 'fallback';
}
