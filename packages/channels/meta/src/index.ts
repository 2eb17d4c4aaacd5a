// Messenger and Instagram Direct through Meta's Send API (@fio/channel-meta): two adapters sharing the
// Meta code (signature, handshake, webhook parsing, Send API client, windows). Knows nothing of Fio's
// engine; vendor words (PSID, IGSID, mid, HUMAN_AGENT) stay in this package.
import type { AnyChannelAdapter } from '@fio/channel-kit';
import { instagramChannel } from './instagram/instagram-channel.ts';
import { messengerChannel } from './messenger/messenger-channel.ts';

/** The adapters this package contributes to Fio's channel catalog. */
export const channels: readonly AnyChannelAdapter[] = [messengerChannel, instagramChannel];

export { messengerChannel, instagramChannel };
export { messengerDefinition, messengerConfigSchema, messengerCapabilities } from './messenger/definition.ts';
export type { MessengerConfig, MessengerSecrets } from './messenger/definition.ts';
export { instagramDefinition, instagramConfigSchema, instagramCapabilities, instagramMaxTextBytes } from './instagram/definition.ts';
export type { InstagramConfig, InstagramSecrets } from './instagram/definition.ts';
export { metaSecretsSchema } from './shared/meta-connection.schema.ts';
export type { MetaSecrets } from './shared/meta-connection.schema.ts';
export { verifySignature } from './shared/inbound/verify-signature.ts';
export { answerHandshake } from './shared/inbound/answer-handshake.ts';
export { toInboundEvents } from './shared/inbound/to-inbound-events.ts';
export { mapGraphError } from './shared/outbound/map-graph-error.ts';
export { chooseMessagingType } from './shared/outbound/choose-messaging-type.ts';
