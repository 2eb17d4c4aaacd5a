// The conversation engine (DESIGN.md §5): understands a message, answers from the workspace's
// intents, FAQ and flows, escalates to a person with a context package. It must not know channels
// (it reads capabilities and the channel type's tone only) nor touch storage beyond flow versions.
export { createConversationEngine, type ConversationEngineDeps } from './create-conversation-engine.ts';
export { createBotBrains, type BotBrains, type BotBrainsDeps } from './create-bot-brains.ts';
export { createFlowVersionStore, type FlowVersionStore } from './flow-version-store.ts';
export { loadBotContent, type BotContent, type LoadBotContentResult } from './load-bot-content.ts';
export { buildBotBrain, type BotBrain } from './build-bot-brain.ts';
