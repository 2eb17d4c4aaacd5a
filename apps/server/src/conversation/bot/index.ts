// The bot side of a conversation turn: the ConversationEngine seam and its first implementation.
// It gets the workspace, state and capabilities as input and returns replies and actions; it must
// not import channel packages, storage or HTTP, and never asks which channel it is serving.
export { initialBotState } from './engine.ts';
export type { BotAction, BotState, BotTurnInput, BotTurnResult, ConversationEngine } from './engine.ts';
export { createFirstBot, runFirstBotTurn } from './create-first-bot.ts';
export { detectLanguage } from './detect-language.ts';
export { recognizeIntent, intentFromPayload, firstBotIntents } from './recognize-intent.ts';
export type { FirstBotIntent } from './recognize-intent.ts';
export { normalizeText } from './normalize-text.ts';
