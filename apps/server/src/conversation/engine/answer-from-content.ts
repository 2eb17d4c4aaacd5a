import type { BotState, BotTurnResult, OfferedOption } from '../bot/engine.ts';
import { pickFaqAnswer, type FaqEntry, type FaqMatch } from '../knowledge/index.ts';
import type { IntentDefinition } from '../nlu/read-workspace-intents.ts';
import { faqLabelPrefix } from './build-bot-brain.ts';
import type { TurnContext } from './turn-context.ts';

/** Longest label of an option offered in "did you mean ...?" (channels cut longer ones anyway). */
const maxOptionLabel = 60;

export type Answered = Omit<BotTurnResult, 'botState'> & { state: BotState };

/** The answer an intent carries: its own text, its FAQ entry, or the built-in greeting. Null when it has none. */
export function answerIntent(ctx: TurnContext, state: BotState, intent: IntentDefinition): Answered | null {
  if (intent.faq) {
    const entry = ctx.brain?.faq.get(intent.faq);
    if (entry) return answerFaq(ctx, state, entry, intent.intent);
  }
  const options = followUpOptions(ctx, intent.followUps);
  let text: string | null = null;
  if (intent.answer) text = ctx.render(intent.answer);
  else if (intent.intent === 'greeting') text = greetingText(ctx);
  if (!text) return null;
  return understood(ctx, state, intent.intent, ctx.reply(text, options), options, 'intent');
}

export function answerFaq(ctx: TurnContext, state: BotState, entry: FaqEntry, intent: string = `${faqLabelPrefix}${entry.id}`): Answered {
  const { workspace, channelType } = ctx.input;
  // pickFaqAnswer already puts the entry's link on its own line.
  const text = ctx.render({ [ctx.language]: pickFaqAnswer(entry, ctx.language, channelType, workspace.defaultLanguage) });
  const options = followUpOptions(ctx, entry.followUps);
  return understood(ctx, state, intent, ctx.reply(text, options), options, 'faq');
}

/** "Você quis dizer A ou B?" with the candidates as quick replies. */
export function clarify(ctx: TurnContext, state: BotState, options: OfferedOption[]): Answered {
  const [a, b] = options;
  const text = ctx.say('clarify', {
    a: a ? inSentence(a.label) : '',
    b: b ? inSentence(b.label) : '',
    options: options.map((o, i) => `${i + 1}. ${o.label}`).join('\n'),
  });
  return {
    replies: ctx.reply(text, options),
    actions: [],
    intent: null,
    state: { ...state, clarifying: true, offered: options },
    understanding: undefined,
  };
}

export function faqOption(ctx: TurnContext, match: FaqMatch): OfferedOption {
  return { payload: `faq:${match.entry.id}`, label: shorten(ctx.render(match.entry.question)) };
}

export function intentOption(ctx: TurnContext, intent: IntentDefinition): OfferedOption {
  const label = intent.label
    ? ctx.render(intent.label)
    : (intent.examples[ctx.language]?.[0] ?? Object.values(intent.examples)[0]?.[0] ?? intent.intent);
  return { payload: `intent:${intent.intent}`, label: shorten(label) };
}

/** What the bot offers when it is lost or done: the greeting intent's follow-ups, else a person. */
export function mainMenu(ctx: TurnContext): OfferedOption[] {
  const greeting = ctx.brain?.intents.get('greeting');
  const options = greeting ? followUpOptions(ctx, greeting.followUps) : [];
  if (options.length > 0) return options;
  const human = [...(ctx.brain?.intents.values() ?? [])].find((i) => i.action === 'handoff');
  return human ? [{ payload: `intent:${human.intent}`, label: ctx.say('menuHuman') }] : [];
}

export function greetingText(ctx: TurnContext): string {
  const greeting = ctx.tone.greeting;
  return greeting ? ctx.render(greeting) : ctx.say('greeting');
}

function followUpOptions(
  ctx: TurnContext,
  followUps: readonly { label: Partial<Record<string, string>>; payload: string }[],
): OfferedOption[] {
  return followUps.map((f) => ({ payload: f.payload, label: shorten(ctx.render(f.label)) }));
}

function understood(
  ctx: TurnContext,
  state: BotState,
  intent: string,
  replies: Answered['replies'],
  offered: OfferedOption[],
  answeredBy: 'intent' | 'faq',
): Answered {
  return {
    replies,
    actions: [],
    intent,
    state: { ...state, failures: 0, lastIntent: intent, clarifying: false, offered },
    understanding: { language: ctx.language, confidence: 1, entities: [], sentiment: 0, frustration: 0, answeredBy },
  };
}

function shorten(label: string): string {
  return label.length <= maxOptionLabel ? label : `${label.slice(0, maxOptionLabel - 1).trimEnd()}…`;
}

/**
 * A label as part of the bot's question: "Qual o prazo de entrega?" → "qual o prazo de entrega", so
 * "Você quis dizer {{a}} ou {{b}}?" reads as one sentence. Acronyms and names keep their capitals.
 */
function inSentence(label: string): string {
  const bare = label
    .trim()
    .replace(/[\s?!.¿¡]+$/u, '')
    .replace(/^[¿¡]+/u, '');
  const [first = '', second = ''] = [...bare];
  return first && second && second === second.toLowerCase() ? first.toLowerCase() + bare.slice(first.length) : bare;
}
