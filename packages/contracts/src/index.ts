// Shared shapes of Fio: canonical content, capabilities, inbound events, views and WebSocket frames.
// Pure types and zod schemas only: no I/O, no imports from apps or channels.
export * from './ids.ts';
export * from './content.ts';
export * from './capabilities.ts';
export * from './channel-types.ts';
export * from './inbound.ts';
export * from './views.ts';
export * from './timeline.ts';
export * from './ws-frames.ts';
export * from './continuity.ts';
export * from './inbox.ts';
