import type { Content, QuickReply } from '@fio/contracts';
import type { EffectiveTone, Language, LocalizedText } from '../../workspace/index.ts';
import type { BotState, BotTurnInput, OfferedOption, SlotValue } from '../bot/engine.ts';
import {
  applyTone,
  businessTemplateVars,
  nowTemplateVars,
  effectiveTone,
  engineString,
  renderTemplate,
  splitToMaxLength,
  type EngineStringKey,
  type TemplateVars,
} from '../tone/index.ts';
import type { BotBrain } from './build-bot-brain.ts';

/**
 * What every step of a turn shares: the message, the brain, the language and tone, and the one way
 * to put words together (templates rendered with the contact, the slots and the business).
 */
export interface TurnContext {
  input: BotTurnInput;
  brain: BotBrain | null;
  language: Language;
  tone: EffectiveTone;
  /** A built-in (or workspace-overridden) text, rendered. */
  say(key: EngineStringKey, extra?: Record<string, string>, slots?: Record<string, SlotValue>): string;
  /** A workspace text in the turn's language (falling back to the default language), rendered. */
  render(text: LocalizedText | undefined, slots?: Record<string, SlotValue>, extra?: Record<string, string>): string;
  /** A text reply with the tone applied, split at the channel's tone length; quick replies go on the last part. */
  reply(text: string, options?: readonly OfferedOption[]): Content[];
}

export function createTurnContext(input: BotTurnInput, brain: BotBrain | null, language: Language): TurnContext {
  const { workspace, now, contact } = input;
  const tone = effectiveTone(workspace.tone, input.channelType);
  const pick = (text: LocalizedText | undefined): string =>
    text?.[language] ?? text?.[workspace.defaultLanguage] ?? Object.values(text ?? {}).find((t) => t !== undefined) ?? '';
  const templates = Object.fromEntries(Object.entries(workspace.templates).map(([name, text]) => [name, pick(text)]));
  // Formatting dates builds Intl formatters (about a millisecond): once per turn, and only if a text asks.
  let business: TemplateVars['business'] | null = null;
  let localNow: TemplateVars['now'] | null = null;
  const vars = (slots: Record<string, SlotValue>): TemplateVars => ({
    contact,
    slots,
    get business() {
      return (business ??= businessTemplateVars(workspace, language, now));
    },
    templates,
    get now() {
      return (localNow ??= nowTemplateVars(workspace, language, now));
    },
  });
  return {
    input,
    brain,
    language,
    tone,
    say: (key, extra, slots = {}) => renderTemplate(engineString(key, language, tone, workspace.templates), vars(slots), extra),
    render: (text, slots = {}, extra) => renderTemplate(pick(text), vars(slots), extra),
    reply(text, options = []) {
      const toned = applyTone(text, tone);
      const parts = tone.maxLength ? splitToMaxLength(toned, tone.maxLength) : [toned];
      const quickReplies: QuickReply[] = options.map((o) => ({ id: o.payload, label: o.label }));
      return parts.map((part, i) =>
        i === parts.length - 1 && quickReplies.length > 0 ? { kind: 'text', text: part, quickReplies } : { kind: 'text', text: part },
      );
    },
  };
}

/** The state a turn starts from, upgraded from older shapes (the first bot's `activeFlow`). */
export function currentBotState(state: BotState): BotState {
  const { activeFlow: _legacy, ...rest } = state;
  return { ...rest, turns: state.turns ?? 0, failures: state.failures ?? 0 };
}
