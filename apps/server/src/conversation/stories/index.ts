// Conversation stories: `stories/*.yaml` read and validated, then played against a fresh, real Fio
// (real channel inbound paths, real job queues, a story clock), checking what the bot says and does.
// A test harness for workspaces and the CLI; the running server never imports it.
export { readStoryFile, readStoriesFolder, parseStoryText, type ReadStoriesResult } from './read-story-file.ts';
export { runStory, describeStoryFailure, type StoryResult, type StoryFailure, type RunStoryOptions } from './run-story.ts';
export { matchBotStep, foldText, type BotReply, type TurnObservation, type HandoffSeen } from './match-bot-step.ts';
export { checkExpectation, type ConversationSnapshot } from './check-expectation.ts';
export { parseIsoDuration } from './parse-iso-duration.ts';
export type { Story, StoryStep, StoryChannel, StoryCustomer, BotExpectation, StateExpectation } from './story.schema.ts';
