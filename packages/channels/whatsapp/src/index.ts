// WhatsApp Business Cloud API (@fio/channel-whatsapp): Meta's signed webhooks in, Graph API sends and
// media downloads out. Vendor words (wa_id, wamid, Graph error codes) stay inside this package.
import { defineChannel, type AnyChannelAdapter } from '@fio/channel-kit';
import { whatsappDefinition, type WhatsAppConfig, type WhatsAppSecrets } from './definition.ts';
import { answerHandshake } from './inbound/answer-handshake.ts';
import { toInboundEvents } from './inbound/to-inbound-events.ts';
import { signatureHeader, verifySignature } from './inbound/verify-signature.ts';
import { fetchMedia } from './outbound/fetch-media.ts';
import { listMessageTemplates } from './outbound/list-message-templates.ts';
import { sendMessage } from './outbound/send-message.ts';

export const whatsappChannel = defineChannel<WhatsAppConfig, WhatsAppSecrets>({
  definition: whatsappDefinition,
  webhook: {
    handshake: (req, ctx) => answerHandshake(req, ctx.secrets.verifyToken),
    verifyRequest: (req, ctx) =>
      verifySignature({ signature: req.headers[signatureHeader], rawBody: req.rawBody, appSecret: ctx.secrets.appSecret }),
    toInboundEvents: (req, ctx) => toInboundEvents(req.rawBody, { phoneNumberId: ctx.config.phoneNumberId }),
  },
  sendMessage,
  fetchMedia,
  listMessageTemplates,
});

/** The adapters this package contributes to Fio's channel catalog. */
export const channels: readonly AnyChannelAdapter[] = [whatsappChannel];

export { whatsappDefinition, whatsappConfigSchema, whatsappSecretsSchema, whatsappCapabilities } from './definition.ts';
export type { WhatsAppConfig, WhatsAppSecrets } from './definition.ts';
export { verifySignature, signatureHeader } from './inbound/verify-signature.ts';
export { answerHandshake } from './inbound/answer-handshake.ts';
export { toInboundEvents } from './inbound/to-inbound-events.ts';
export { renderMessage, whatsappLimits } from './outbound/render-message.ts';
export { graphError } from './outbound/graph-error.ts';
export { listMessageTemplates, countParameters } from './outbound/list-message-templates.ts';
