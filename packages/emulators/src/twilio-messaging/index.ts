// Twilio Messaging emulator: the Messages API (basic auth, documented validation and error codes, status
// callbacks signed with X-Twilio-Signature, media behind auth and a redirect) and a customer who texts the
// business by SMS or WhatsApp. Written from Twilio's docs alone; it never imports the channel package.
export {
  createTwilioMessagingEmulator,
  type TwilioMessagingEmulator,
  type TwilioMessagingEmulatorOptions,
  type TwilioMessageStatus,
  type InboundMedia,
} from './twilio-messaging-emulator.ts';
export { signTwilioWebhook } from './sign-twilio-webhook.ts';
