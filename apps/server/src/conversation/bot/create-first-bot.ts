import type { Content, QuickReply } from '@fio/contracts';
import { formatBusinessHours, formatOpeningTime, formatTimeOfDay, isOpenAt } from '../../handoff/business-hours.ts';
import type { OpenState } from '../../handoff/business-hours.ts';
import { detectLanguage, matchCandidate } from './detect-language.ts';
import type { BotAction, BotState, BotTurnInput, BotTurnResult, ConversationEngine } from './engine.ts';
import { renderString } from './first-bot-strings.ts';
import type { FirstBotLanguage, FirstBotStringKey } from './first-bot-strings.ts';
import { intentFromPayload, payloadForIntent, recognizeIntent } from './recognize-intent.ts';
import type { FirstBotIntent } from './recognize-intent.ts';

/**
 * The first bot: greets, answers whether the store is open, hands over to a person when asked or
 * after repeated failure. Rules over normalised chat text; the NLU/flow engine replaces it later
 * behind the same ConversationEngine seam.
 */

const maxFailures = 3;
/** What numbered options mean when the channel had no buttons and showed the menu as "1. ... 2. ...". */
const menuOrder: readonly FirstBotIntent[] = ['business_hours', 'handoff'];

export function createFirstBot(): ConversationEngine {
  return { runTurn: (input) => Promise.resolve(runFirstBotTurn(input)) };
}

interface TurnContext {
  input: BotTurnInput;
  language: FirstBotLanguage;
  say(key: FirstBotStringKey, values?: Readonly<Record<string, string>>): string;
}

export function runFirstBotTurn(input: BotTurnInput): BotTurnResult {
  const { workspace, botState, message, contact } = input;
  const payloadIntent = message.content.kind === 'text' ? intentFromPayload(message.content.payload) : null;
  const language = detectLanguage({
    // A picked option's label is our own words: it says nothing new about the customer's language.
    text: payloadIntent ? '' : message.text,
    candidates: workspace.languages,
    current: botState.language,
    locale: contact.locale,
    fallback: workspace.defaultLanguage,
  });
  const botLanguage = toFirstBotLanguage(language);
  const ctx: TurnContext = {
    input,
    language: botLanguage,
    say: (key, values) => renderString(botLanguage, key, workspace.tone, values),
  };
  const intent = payloadIntent ?? menuChoice(message.text, botState) ?? recognizeIntent(message.text);
  const state: BotState = { ...botState, language, turns: botState.turns + 1 };

  if (intent === null) return answerNotUnderstood(ctx, state);
  const understood: BotState = { ...state, failures: 0, lastIntent: intent };
  switch (intent) {
    case 'greeting':
      return reply(understood, intent, [text(greetingText(ctx), menu(ctx))]);
    case 'business_hours':
      return reply(understood, intent, [text(businessHoursText(ctx), [quickReply(ctx, 'handoff')])]);
    case 'handoff':
      return reply(understood, intent, [text(handoffText(ctx, 'handoff'))], [{ type: 'handoff', reason: 'customer_asked' }]);
    case 'thanks':
      return reply(understood, intent, [text(ctx.say('thanks'), menu(ctx))]);
    case 'goodbye':
      return reply(understood, intent, [text(ctx.say('goodbye'))]);
  }
}

function answerNotUnderstood(ctx: TurnContext, state: BotState): BotTurnResult {
  const failures = state.failures + 1;
  if (failures >= maxFailures) {
    return reply(
      { ...state, failures: 0 },
      null,
      [text(handoffText(ctx, 'fallbackHandoff'))],
      [{ type: 'handoff', reason: 'repeated_failure' }],
    );
  }
  return reply({ ...state, failures }, null, [text(ctx.say('fallback'), menu(ctx))]);
}

function greetingText(ctx: TurnContext): string {
  const firstName = ctx.input.contact.displayName?.trim().split(/\s+/)[0];
  return ctx.say('greeting', { name: firstName ? `, ${firstName}` : '', workspace: ctx.input.workspace.name });
}

function businessHoursText(ctx: TurnContext): string {
  const { workspace, now } = ctx.input;
  const state = openState(ctx);
  const lines: string[] = [];
  const status: string[] = state.holiday ? [ctx.say('holidayToday')] : [];
  if (state.open) {
    status.push(
      state.nextChange
        ? ctx.say('openNow', { closes: formatTimeOfDay(state.nextChange, workspace.timezone, ctx.language) })
        : ctx.say('openNowNoEnd'),
    );
  } else {
    status.push(ctx.say('closedNow'));
    if (state.nextChange)
      status.push(ctx.say('opensAt', { next: formatOpeningTime(state.nextChange, now, workspace.timezone, ctx.language) }));
  }
  lines.push(status.join(' '));
  lines.push(ctx.say('weeklyHours', { hours: formatBusinessHours(workspace.businessHours, ctx.language) }));
  return lines.join('\n');
}

/** The handover message; outside business hours it also says the answer comes when the store opens. */
function handoffText(ctx: TurnContext, key: 'handoff' | 'fallbackHandoff'): string {
  const { workspace, now } = ctx.input;
  const custom = key === 'handoff' ? workspace.handoff.message?.[ctx.language] : undefined;
  const parts = [custom ?? ctx.say(key)];
  const state = openState(ctx);
  if (!state.open) {
    parts.push(workspace.businessHours.closedMessage?.[ctx.language] ?? ctx.say('handoffClosed'));
    if (state.nextChange)
      parts.push(ctx.say('opensAt', { next: formatOpeningTime(state.nextChange, now, workspace.timezone, ctx.language) }));
  }
  return parts.join(' ');
}

function openState(ctx: TurnContext): OpenState {
  const { workspace, now } = ctx.input;
  return isOpenAt(workspace.businessHours, workspace.timezone, now);
}

/** "1" or "2" right after the bot offered its menu, for channels that showed it as numbered text. */
function menuChoice(messageText: string, state: BotState): FirstBotIntent | null {
  const offeredMenu = state.lastIntent === 'greeting' || state.lastIntent === 'thanks' || state.failures > 0;
  const choice = /^\s*(\d)\s*[.)]?\s*$/.exec(messageText);
  if (!offeredMenu || !choice) return null;
  return menuOrder[Number(choice[1]) - 1] ?? null;
}

function menu(ctx: TurnContext): QuickReply[] {
  return menuOrder.map((intent) => quickReply(ctx, intent));
}

function quickReply(ctx: TurnContext, intent: FirstBotIntent): QuickReply {
  const label = intent === 'handoff' ? ctx.say('menuHandoff') : ctx.say('menuBusinessHours');
  return { id: payloadForIntent(intent), label };
}

function text(body: string, quickReplies?: QuickReply[]): Content {
  return quickReplies ? { kind: 'text', text: body, quickReplies } : { kind: 'text', text: body };
}

function reply(botState: BotState, intent: FirstBotIntent | null, replies: Content[], actions: BotAction[] = []): BotTurnResult {
  return { replies, botState, actions, intent };
}

function toFirstBotLanguage(language: string): FirstBotLanguage {
  const match = matchCandidate(language, ['pt-BR', 'en', 'es']);
  return match === 'en' || match === 'es' ? match : 'pt-BR';
}
