// The conversation engine's pipeline: ingest inbound messages, run bot turns, and the repositories of
// conversations and messages. Never imports a channel package or http/: it asks for capabilities.
export * from './pipeline/handle-inbound-event.ts';
export * from './pipeline/run-turn.ts';
export * from './pipeline/pipeline-deps.ts';
export * from './conversation.repository.ts';
export * from './message.repository.ts';
export * from './pipeline/find-unusable-sender.ts';
export * from './pipeline/find-inbound-receipt.ts';
