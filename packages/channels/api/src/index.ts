// The REST API channel (@fio/channel-api): a business's own apps send signed JSON to Fio's webhook
// and receive replies on their callback URL, signed the same way. Knows nothing of Fio's engine.
import { defineChannel } from '@fio/channel-kit';
import { apiDefinition, type ApiConfig, type ApiSecrets } from './definition.ts';
import { toInboundEvents } from './inbound/to-inbound-events.ts';
import { verifySignature } from './inbound/verify-signature.ts';
import { sendMessage } from './outbound/send-message.ts';

export const apiChannel = defineChannel<ApiConfig, ApiSecrets>({
  definition: apiDefinition,
  webhook: {
    verifyRequest: (req, ctx) =>
      verifySignature({
        headers: req.headers,
        rawBody: req.rawBody,
        signingSecret: ctx.secrets.signingSecret,
        toleranceSeconds: ctx.config.timestampToleranceSeconds,
        now: ctx.now?.() ?? new Date(),
      }),
    toInboundEvents: (req) => toInboundEvents(req.rawBody),
  },
  sendMessage,
});

export { apiDefinition, apiConfigSchema, apiSecretsSchema, apiCapabilities } from './definition.ts';
export type { ApiConfig, ApiSecrets } from './definition.ts';
export { signApiRequest, computeApiSignature, timestampHeader, signatureHeader } from './sign-request.ts';
export type { ApiSignatureHeaders } from './sign-request.ts';
export { verifySignature } from './inbound/verify-signature.ts';
export { toInboundEvents } from './inbound/to-inbound-events.ts';
export { postCallback } from './outbound/callback-api-client.ts';
