import { isOpenAt } from '../../handoff/business-hours.ts';
import type { BotAction, BotState, FlowRun } from '../bot/engine.ts';
import { repromptFlow, resumeFlow, startFlow, type FlowDefinition, type FlowEnv, type FlowOutcome } from '../flows/index.ts';
import type { HttpActionRunner } from '../actions/index.ts';
import { applyTone } from '../tone/index.ts';
import type { Answered } from './answer-from-content.ts';
import { handOff } from './hand-off.ts';
import type { TurnContext } from './turn-context.ts';
import type { Understanding } from './understand-message.ts';

/** What flow turns need beyond the turn context: the HTTP runner and the version a run started on. */
export interface FlowTools {
  http: HttpActionRunner;
  flowFor(run: FlowRun): Promise<FlowDefinition | null>;
}

/** Flows paused by digressions that a customer can come back to; older ones are dropped. */
const maxPausedFlows = 3;

export function flowEnv(ctx: TurnContext, u: Understanding, http: HttpActionRunner): FlowEnv {
  const { workspace, now, contact } = ctx.input;
  return {
    language: ctx.language,
    now,
    timezone: workspace.timezone,
    contact,
    isOpen: isOpenAt(workspace.businessHours, workspace.timezone, now).open,
    say: (text, slots) => applyTone(ctx.render(text, slots), ctx.tone),
    sayBuiltIn: (key, slots, extra) => ctx.say(key, extra ?? {}, slots),
    entityContext: u.entityContext,
    http,
    workspaceId: workspace.id,
  };
}

export async function beginFlow(
  ctx: TurnContext,
  state: BotState,
  u: Understanding,
  flow: FlowDefinition,
  tools: FlowTools,
  intent: string | null,
): Promise<Answered> {
  // A flow started while another waits pauses that one: the customer comes back to it afterwards.
  const paused = state.flow ? [...(state.pausedFlows ?? []), state.flow].slice(-maxPausedFlows) : (state.pausedFlows ?? []);
  const outcome = await startFlow(flow, flowEnv(ctx, u, tools.http));
  return applyFlowOutcome(
    ctx,
    { ...state, flow: null, pausedFlows: paused, failures: 0, offered: [], clarifying: false },
    u,
    outcome,
    intent,
    tools,
  );
}

export async function continueFlow(
  ctx: TurnContext,
  state: BotState,
  u: Understanding,
  flow: FlowDefinition,
  run: FlowRun,
  tools: FlowTools,
): Promise<Answered> {
  const { verification } = ctx.input;
  const input = { text: u.text, ...(u.payload ? { payload: u.payload } : {}), ...(verification ? { verification } : {}) };
  const outcome = await resumeFlow(flow, run, input, flowEnv(ctx, u, tools.http));
  return applyFlowOutcome(ctx, state, u, outcome, state.lastIntent ?? null, tools);
}

/** Says the waiting question again after a digression ("Voltando ao seu pedido: ..."). */
export async function returnToFlow(
  ctx: TurnContext,
  state: BotState,
  u: Understanding,
  flow: FlowDefinition,
  run: FlowRun,
  tools: FlowTools,
): Promise<Answered> {
  const outcome = await repromptFlow(flow, run, flowEnv(ctx, u, tools.http));
  const [first, ...rest] = outcome.replies;
  const lead = ctx.say('resumeFlow');
  const replies =
    first?.kind === 'text' ? [{ ...first, text: `${lead} ${first.text}` }, ...rest] : [...ctx.reply(lead), ...outcome.replies];
  return applyFlowOutcome(ctx, state, u, { ...outcome, replies }, state.lastIntent ?? null, tools);
}

async function applyFlowOutcome(
  ctx: TurnContext,
  state: BotState,
  u: Understanding,
  outcome: FlowOutcome,
  intent: string | null,
  tools: FlowTools,
): Promise<Answered> {
  const actions: BotAction[] = outcome.actions.filter((a) => a.type !== 'handoff');
  const handoff = outcome.actions.find((a): a is Extract<BotAction, { type: 'handoff' }> => a.type === 'handoff');
  if (handoff) {
    // The context package keeps what the flow collected: built from the run before it is dropped.
    const lastRun = outcome.run ?? state.flow ?? null;
    const handed = handOff(ctx, { ...state, flow: lastRun }, u, handoff.reason, {
      ...(handoff.team ? { team: handoff.team } : {}),
      ...(handoff.priority ? { priority: handoff.priority } : {}),
      ...(handoff.note ? { note: handoff.note } : {}),
      before: outcome.replies,
      ...(outcome.ownHandoffText ? { ownText: true } : {}),
    });
    return { replies: handed.replies, actions: [...actions, handed.action], intent, state: handed.state };
  }
  if (outcome.status === 'waiting') {
    return { replies: outcome.replies, actions, intent, state: { ...state, flow: outcome.run, offered: [], clarifying: false } };
  }
  // Ended: ask for a score, or pick up a flow a digression paused.
  const ended: BotState = { ...state, flow: null, offered: [], clarifying: false };
  if (outcome.askCsat) {
    const options = [1, 2, 3, 4, 5].map((n) => ({ payload: `csat:${n}`, label: String(n) }));
    return {
      replies: [...outcome.replies, ...ctx.reply(ctx.say('csatAsk'), options)],
      actions,
      intent,
      state: { ...ended, awaitingCsat: true, offered: options },
    };
  }
  const paused = [...(state.pausedFlows ?? [])];
  const resume = paused.pop();
  if (resume) {
    const flow = await tools.flowFor(resume);
    if (flow) {
      const back = await returnToFlow(ctx, { ...ended, flow: resume, pausedFlows: paused }, u, flow, resume, tools);
      return { ...back, replies: [...outcome.replies, ...back.replies], actions: [...actions, ...back.actions] };
    }
  }
  return { replies: outcome.replies, actions, intent, state: { ...ended, pausedFlows: paused } };
}
