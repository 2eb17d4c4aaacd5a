import { defineChannel } from '@fio/channel-kit';
import { answerHandshake } from '../shared/inbound/answer-handshake.ts';
import { toInboundEvents } from '../shared/inbound/to-inbound-events.ts';
import { verifySignature } from '../shared/inbound/verify-signature.ts';
import { fetchMedia } from '../shared/outbound/fetch-media.ts';
import { sendMetaMessage } from '../shared/outbound/send-message.ts';
import { instagramDefinition, instagramMaxTextBytes, type InstagramConfig, type InstagramSecrets } from './definition.ts';

/** Instagram Direct: webhooks with `object: "instagram"`, senders known by their Instagram-scoped id (IGSID). */
export const instagramChannel = defineChannel<InstagramConfig, InstagramSecrets>({
  definition: instagramDefinition,
  webhook: {
    handshake: (req, ctx) => (req.method === 'GET' ? answerHandshake(req.query, ctx.secrets.verifyToken) : { handled: false }),
    verifyRequest: (req, ctx) => verifySignature({ headers: req.headers, rawBody: req.rawBody, appSecret: ctx.secrets.appSecret }),
    toInboundEvents: (req, ctx) =>
      toInboundEvents(req.rawBody, {
        account: { webhookObject: 'instagram', accountId: ctx.config.instagramAccountId },
        identityKind: 'instagram_igsid',
      }),
  },
  // `me/messages` works with a Page token (Facebook Login, graph.facebook.com) and with an Instagram
  // user token (Instagram Login, graph.instagram.com): the token names the account either way.
  sendMessage: (message, ctx) =>
    sendMetaMessage(message, {
      product: 'Instagram',
      apiBaseUrl: ctx.config.apiBaseUrl,
      apiVersion: ctx.config.apiVersion,
      accessToken: ctx.secrets.pageAccessToken,
      capabilities: instagramDefinition.capabilities,
      maxTextBytes: instagramMaxTextBytes,
      fetch: ctx.fetch,
      now: ctx.now(),
    }),
  fetchMedia: (req, ctx) => fetchMedia(req, ctx.fetch, ctx.now()),
});
