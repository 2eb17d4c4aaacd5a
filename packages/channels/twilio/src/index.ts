// Twilio (@fio/channel-twilio): SMS and Twilio's WhatsApp sender through the Messaging API (`sms`), and
// voice IVR through TwiML webhooks (`voice`). They share Twilio's request signature and REST client.
import type { AnyChannelAdapter } from '@fio/channel-kit';
import { smsChannels } from './sms/index.ts';
import { voiceChannels } from './voice/index.ts';

/** The adapters this package contributes to Fio's channel catalog. */
export const channels: readonly AnyChannelAdapter[] = [...smsChannels, ...voiceChannels];

export { verifyTwilioSignature } from './shared/verify-twilio-signature.ts';
