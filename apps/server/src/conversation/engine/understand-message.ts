import type { Language } from '../../workspace/index.ts';
import type { BotState, BotTurnInput } from '../bot/engine.ts';
import { detectLanguage } from '../bot/detect-language.ts';
import { extractEntities, type Entity, type EntityContext } from '../nlu/entities/index.ts';
import type { IntentClassification } from '../nlu/intent-classifier.ts';
import { normalizeChatText } from '../nlu/normalize-chat-text.ts';
import { detectSensitiveData, scoreSentiment, type SentimentScore } from '../nlu/sentiment/index.ts';
import type { BotBrain } from './build-bot-brain.ts';

/** Longest text the NLU reads: past this a message is a letter, and its start says what it is about. */
export const maxUnderstoodChars = 4_000;

/** Everything the engine learns from one customer message before deciding what to do. */
export interface Understanding {
  /** The message as written (trimmed, capped). */
  text: string;
  /** Lower-case, accent-free, chat abbreviations expanded: for keywords and commands. */
  normalized: string;
  /** A picked quick reply's payload (`faq:ID`, `intent:NAME`, `flow:ID`, `choice:VALUE`). */
  payload: string | null;
  language: Language;
  entities: Entity[];
  entityContext: EntityContext;
  sentiment: SentimentScore;
  classification: IntentClassification | null;
  /** Card numbers, passwords and the like the customer sent or asked about. */
  sensitive: boolean;
  /** No letters or digits at all (empty, emoji-only, symbols). */
  contentless: boolean;
}

export async function understandMessage(input: BotTurnInput, state: BotState, brain: BotBrain | null): Promise<Understanding> {
  const { workspace, message, contact, now } = input;
  const payload = message.content.kind === 'text' && message.content.payload ? message.content.payload : null;
  const text = message.text.trim().slice(0, maxUnderstoodChars);
  const language = toLanguage(
    detectLanguage({
      // A picked option's label is our own words: it says nothing new about the customer's language.
      text: payload ? '' : text,
      candidates: workspace.languages,
      current: state.language,
      locale: contact.locale,
      fallback: workspace.defaultLanguage,
    }),
    workspace.languages,
    workspace.defaultLanguage,
  );
  const entityContext: EntityContext = {
    language,
    timezone: workspace.timezone,
    now,
    orderNumberPattern: workspace.nlu.orderNumberPattern,
  };
  const contentless = !/[\p{L}\p{N}]/u.test(text);
  const previousTexts = (input.recent ?? []).filter((m) => m.direction === 'inbound').map((m) => m.text);
  return {
    text,
    normalized: normalizeChatText(text).join(' '),
    payload,
    language,
    entities: contentless ? [] : extractEntities(text, entityContext),
    entityContext,
    sentiment: scoreSentiment(text, language, { botFailures: state.failures, previousTexts }),
    classification: brain?.model && !contentless && !payload ? await brain.model.classify(text) : null,
    sensitive: workspace.escalation.sensitiveData && detectSensitiveData(text, language).length > 0,
    contentless,
  };
}

function toLanguage(detected: string, languages: readonly Language[], fallback: Language): Language {
  const exact = languages.find((l) => l === detected);
  if (exact) return exact;
  const primary = detected.split('-')[0]?.toLowerCase();
  return languages.find((l) => l.split('-')[0]?.toLowerCase() === primary) ?? fallback;
}
