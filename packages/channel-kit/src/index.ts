// The seam between Fio and its channels: the adapter type, capabilities fitting, coded channel errors
// and the contract suite every channel must pass. Imports only @fio/contracts; knows no channel by name.
export * from './channel-adapter.ts';
export * from './channel-error.ts';
export * from './hmac.ts';
export * from './split-text.ts';
export * from './render-options-as-text.ts';
export * from './fit-to-capabilities.ts';
export * from './parse-option-reply.ts';
export * from './read-capped-body.ts';
// The contract suite (it imports node:test) is a separate entry: @fio/channel-kit/contract-suite.
