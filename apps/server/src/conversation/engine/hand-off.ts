import type { Content } from '@fio/contracts';
import { isOpenAt } from '../../handoff/business-hours.ts';
import type { Language } from '../../workspace/index.ts';
import type { BotAction, BotState, HandoffContext, HandoffPriority, HandoffReason, SlotValue } from '../bot/engine.ts';
import { sentimentTrend } from '../nlu/sentiment/index.ts';
import type { TurnContext } from './turn-context.ts';
import type { Understanding } from './understand-message.ts';

export interface HandoffOptions {
  team?: string;
  priority?: HandoffPriority;
  note?: string;
  /** Replies already said this turn (a flow's last words) that come before the handover message. */
  before?: Content[];
  /** The flow's own handover text replaces the built-in one. */
  ownText?: boolean;
}

export interface HandoffTurn {
  replies: Content[];
  action: Extract<BotAction, { type: 'handoff' }>;
  state: BotState;
}

/**
 * Gives the conversation to a person: the customer hears who answers and when (outside business hours,
 * when the team opens), and the agent gets the context package so they never ask again.
 */
export function handOff(
  ctx: TurnContext,
  state: BotState,
  u: Understanding | null,
  reason: HandoffReason,
  options: HandoffOptions = {},
): HandoffTurn {
  const { workspace, now } = ctx.input;
  const open = isOpenAt(workspace.businessHours, workspace.timezone, now);
  const lines: string[] = [];
  if (!options.ownText) lines.push(handoffText(ctx, reason));
  if (!open.open) lines.push(ctx.say('handoffQueued'));
  const replies = [...(options.before ?? []), ...(lines.length > 0 ? ctx.reply(lines.join(' ')) : [])];
  const flowRun = state.flow ?? null;
  const handedState: BotState = { ...state, flow: null, pausedFlows: [], failures: 0, clarifying: false, offered: [], awaitingCsat: false };
  return {
    replies,
    state: handedState,
    action: {
      type: 'handoff',
      reason,
      team: options.team ?? workspace.escalation.team,
      priority: options.priority ?? (reason === 'frustration' ? raise(workspace.escalation.priority) : workspace.escalation.priority),
      ...(options.note ? { note: options.note } : {}),
      context: buildHandoffContext(ctx, state, u, reason, flowRun, open.open ? null : (open.nextChange?.toISOString() ?? null)),
    },
  };
}

function handoffText(ctx: TurnContext, reason: HandoffReason): string {
  const custom = ctx.input.workspace.handoff.message;
  switch (reason) {
    case 'customer_asked':
    case 'flow':
      return custom ? ctx.render(custom) : ctx.say('handoff');
    case 'frustration':
      return ctx.say('frustrationHandoff');
    case 'sensitive_data':
      return ctx.say('sensitiveHandoff');
    case 'repeated_failure':
    case 'slot_attempts':
      return ctx.say('fallbackHandoff');
    case 'action_failed':
      return `${ctx.say('actionFailed')} ${custom ? ctx.render(custom) : ctx.say('handoff')}`;
  }
}

function raise(priority: HandoffPriority): HandoffPriority {
  return priority === 'low' ? 'normal' : priority === 'normal' ? 'high' : 'urgent';
}

const labels: Record<
  Language,
  Record<
    | 'reason'
    | 'asked'
    | 'flowLabel'
    | 'collected'
    | 'sentiment'
    | 'frust'
    | 'last'
    | 'none'
    | HandoffReason
    | 'improving'
    | 'stable'
    | 'worsening',
    string
  >
> = {
  'pt-BR': {
    reason: 'Motivo',
    asked: 'Assuntos',
    flowLabel: 'Fluxo',
    collected: 'Dados coletados',
    sentiment: 'Sentimento',
    frust: 'frustração',
    last: 'Última mensagem',
    none: 'nenhum',
    customer_asked: 'cliente pediu uma pessoa',
    repeated_failure: 'o bot não entendeu o cliente',
    frustration: 'cliente frustrado',
    sensitive_data: 'dados sensíveis',
    flow: 'etapa do fluxo pede uma pessoa',
    slot_attempts: 'o cliente não conseguiu informar um dado',
    action_failed: 'sistema da loja não respondeu',
    improving: 'melhorando',
    stable: 'estável',
    worsening: 'piorando',
  },
  en: {
    reason: 'Reason',
    asked: 'Topics',
    flowLabel: 'Flow',
    collected: 'Collected',
    sentiment: 'Sentiment',
    frust: 'frustration',
    last: 'Last message',
    none: 'none',
    customer_asked: 'customer asked for a person',
    repeated_failure: 'the bot did not understand',
    frustration: 'customer frustrated',
    sensitive_data: 'sensitive data',
    flow: 'a flow step needs a person',
    slot_attempts: 'customer could not give a detail',
    action_failed: "the store's system did not answer",
    improving: 'improving',
    stable: 'stable',
    worsening: 'worsening',
  },
  es: {
    reason: 'Motivo',
    asked: 'Temas',
    flowLabel: 'Flujo',
    collected: 'Datos recogidos',
    sentiment: 'Sentimiento',
    frust: 'frustración',
    last: 'Último mensaje',
    none: 'ninguno',
    customer_asked: 'el cliente pidió una persona',
    repeated_failure: 'el bot no entendió al cliente',
    frustration: 'cliente frustrado',
    sensitive_data: 'datos sensibles',
    flow: 'un paso del flujo necesita una persona',
    slot_attempts: 'el cliente no pudo dar un dato',
    action_failed: 'el sistema de la tienda no respondió',
    improving: 'mejorando',
    stable: 'estable',
    worsening: 'empeorando',
  },
};

/** The agent's briefing: in the conversation's language, short lines first, the details after. */
export function buildHandoffContext(
  ctx: TurnContext,
  state: BotState,
  u: Understanding | null,
  reason: HandoffReason,
  flow: BotState['flow'],
  expectedAnswerAt: string | null,
): HandoffContext {
  const l = labels[ctx.language];
  const contact = ctx.input.contact;
  const slots: Record<string, SlotValue> = { ...(flow?.slots ?? {}) };
  for (const paused of state.pausedFlows ?? []) Object.assign(slots, paused.slots);
  const intentsTried = [...(state.intentsTried ?? [])];
  const trend = sentimentTrend(state.sentiment ?? []);
  const summary = [
    `${l.reason}: ${l[reason]}`,
    `${l.asked}: ${intentsTried.length > 0 ? [...new Set(intentsTried)].join(', ') : l.none}`,
    ...(flow ? [`${l.flowLabel}: ${flow.flowId} (${flow.stepId})`] : []),
    ...(Object.keys(slots).length > 0
      ? [
          `${l.collected}: ${Object.entries(slots)
            .map(([k, v]) => `${k} = ${v.display}`)
            .join('; ')}`,
        ]
      : []),
    `${l.sentiment}: ${trend.last.toFixed(2)} (${l[trend.trend]}), ${l.frust} ${trend.frustration.toFixed(2)}`,
    ...(u && u.text && reason !== 'sensitive_data' ? [`${l.last}: "${u.text.slice(0, 280)}"`] : []),
  ];
  return {
    summary,
    intentsTried,
    slots,
    flow: flow ? { id: flow.flowId, step: flow.stepId } : null,
    sentiment: trend,
    profile: {
      name: contact.displayName,
      language: ctx.language,
      attributes: contact.attributes ?? {},
      tags: contact.tags ?? [],
      segments: contact.segments ?? [],
    },
    expectedAnswerAt,
  };
}
