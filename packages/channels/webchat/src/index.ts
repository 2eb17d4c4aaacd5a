// The website widget channel (@fio/channel-webchat): the server side of apps/widget. Messages arrive
// over Fio's WebSocket (the realtime gateway parses frames with these helpers), not over webhooks.
// Pure parsing and identity checks only; sockets, sessions and storage belong to the server.
import { defineChannel } from '@fio/channel-kit';
import { webchatDefinition, type WebchatConfig, type WebchatSecrets } from './definition.ts';
import { sendMessage } from './outbound/send-message.ts';

export const webchatChannel = defineChannel<WebchatConfig, WebchatSecrets>({
  definition: webchatDefinition,
  sendMessage,
});

export { webchatDefinition, webchatConfigSchema, webchatSecretsSchema, webchatCapabilities, maxClientFrameBytes } from './definition.ts';
export type { WebchatConfig, WebchatSecrets } from './definition.ts';
export { verifyWidgetIdentity } from './inbound/verify-identity.ts';
export type { VerifyIdentityResult } from './inbound/verify-identity.ts';
export { signWidgetIdentity } from './sign-widget-identity.ts';
export { parseClientFrame } from './inbound/parse-client-frame.ts';
export type { ParseClientFrameResult } from './inbound/parse-client-frame.ts';
export { frameToInboundEvent } from './inbound/frame-to-inbound-event.ts';
export type { WidgetSession } from './inbound/frame-to-inbound-event.ts';
