// SMS through Twilio's Messaging API, and Twilio's WhatsApp sender (`sms`): form webhooks with
// X-Twilio-Signature, status callbacks, Messages API sends split by SMS segments, media by URL.
// Vendor words stay here and in ../shared; nothing in this folder knows Fio's engine.
import { defineChannel, type AnyChannelAdapter } from '@fio/channel-kit';
import { smsDefinition, type SmsConfig, type SmsSecrets } from './definition.ts';
import { acknowledgeWithTwiml } from './inbound/acknowledge-with-twiml.ts';
import { toInboundEvents } from './inbound/to-inbound-events.ts';
import { verifySmsRequest } from './inbound/verify-sms-request.ts';
import { fetchMedia } from './outbound/fetch-media.ts';
import { sendMessage } from './outbound/send-message.ts';

export const smsChannel = defineChannel<SmsConfig, SmsSecrets>({
  definition: smsDefinition,
  webhook: {
    verifyRequest: (req, ctx) => verifySmsRequest(req, ctx.secrets.authToken),
    toInboundEvents: (req, ctx) => toInboundEvents(req, ctx),
    acknowledge: () => acknowledgeWithTwiml(),
  },
  sendMessage,
  fetchMedia,
});

/** The sms adapter, for the package's channel list. */
export const smsChannels: readonly AnyChannelAdapter[] = [smsChannel];

export { smsDefinition, smsConfigSchema, smsSecretsSchema, smsCapabilities } from './definition.ts';
export type { SmsConfig, SmsSecrets } from './definition.ts';
export { countSmsSegments } from './outbound/count-sms-segments.ts';
export { splitBySegments } from './outbound/split-by-segments.ts';
