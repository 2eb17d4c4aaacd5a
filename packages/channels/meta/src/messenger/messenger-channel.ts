import { defineChannel } from '@fio/channel-kit';
import { answerHandshake } from '../shared/inbound/answer-handshake.ts';
import { toInboundEvents } from '../shared/inbound/to-inbound-events.ts';
import { verifySignature } from '../shared/inbound/verify-signature.ts';
import { fetchMedia } from '../shared/outbound/fetch-media.ts';
import { sendMetaMessage } from '../shared/outbound/send-message.ts';
import { messengerDefinition, type MessengerConfig, type MessengerSecrets } from './definition.ts';

/** Messenger: webhooks with `object: "page"`, senders known by their page-scoped id (PSID). */
export const messengerChannel = defineChannel<MessengerConfig, MessengerSecrets>({
  definition: messengerDefinition,
  webhook: {
    handshake: (req, ctx) => (req.method === 'GET' ? answerHandshake(req.query, ctx.secrets.verifyToken) : { handled: false }),
    verifyRequest: (req, ctx) => verifySignature({ headers: req.headers, rawBody: req.rawBody, appSecret: ctx.secrets.appSecret }),
    toInboundEvents: (req, ctx) =>
      toInboundEvents(req.rawBody, {
        account: { webhookObject: 'page', accountId: ctx.config.pageId },
        identityKind: 'messenger_psid',
      }),
  },
  sendMessage: (message, ctx) =>
    sendMetaMessage(message, {
      product: 'Messenger',
      apiBaseUrl: ctx.config.apiBaseUrl,
      apiVersion: ctx.config.apiVersion,
      accessToken: ctx.secrets.pageAccessToken,
      capabilities: messengerDefinition.capabilities,
      fetch: ctx.fetch,
      now: ctx.now(),
    }),
  fetchMedia: (req, ctx) => fetchMedia(req, ctx.fetch, ctx.now()),
});
