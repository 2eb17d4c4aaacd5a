// The bot side of a conversation turn: the ConversationEngine seam (the engine in ../engine
// implements it) and the language detection it shares. It must not import channel packages,
// storage or HTTP, and never asks which channel it is serving.
export { initialBotState } from './engine.ts';
export type { BotAction, BotState, BotTurnInput, BotTurnResult, ConversationEngine } from './engine.ts';
export { detectLanguage } from './detect-language.ts';
export { normalizeText } from './normalize-text.ts';
