import { z } from 'zod';
import { declareCapabilities } from '@fio/contracts';
import type { ChannelDefinition } from '@fio/channel-kit';

/**
 * SMS through Twilio's Messaging API, and Twilio's WhatsApp sender (`from: whatsapp:+...`), which takes
 * the same Messages API and webhooks. Either a sender number or a Messaging Service picks the sender.
 */
export const smsConfigSchema = z
  .object({
    accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'accountSid is "AC" followed by 32 hex digits'),
    /** The sender: an E.164 number (+5511...), or `whatsapp:+...` for a WhatsApp sender. */
    from: z
      .string()
      .regex(/^(whatsapp:)?\+[1-9]\d{6,14}$/, 'from is an E.164 number (+5511987654321) or whatsapp:+<E.164>')
      .optional(),
    /** A Messaging Service (MG...): Twilio picks the sender from its pool; wins over `from` when both are set. */
    messagingServiceSid: z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/, 'messagingServiceSid is "MG" followed by 32 hex digits')
      .optional(),
    apiBaseUrl: z.url({ protocol: /^https?$/, error: 'apiBaseUrl must be an http(s) URL' }).default('https://api.twilio.com'),
    /** Where Twilio posts delivery statuses; defaults to this connection's own webhook URL. */
    statusCallback: z.url({ protocol: /^https?$/ }).optional(),
    /**
     * Longest SMS body sent as one message, in segments. Twilio concatenates up to 1600 characters, but
     * recommends ≤ 320 characters for deliverability (long UCS-2 bodies are rejected by some carriers,
     * error 30019); 3 segments holds 459 GSM-7 or 201 UCS-2 (pt-BR accented) characters.
     */
    maxSegmentsPerMessage: z.number().int().min(1).max(10).default(3),
    /**
     * How media goes out: `mms` attaches it (MediaUrl: US/Canada MMS, WhatsApp, or a Messaging Service
     * with MMS Converter); `link` sends its URL in the text, for countries without MMS (Brazil).
     */
    sendMediaAs: z.enum(['mms', 'link']).default('mms'),
  })
  .refine((config) => config.from !== undefined || config.messagingServiceSid !== undefined, {
    message: 'give a sender: from (E.164 or whatsapp:+E.164) or messagingServiceSid',
    path: ['from'],
  });
export type SmsConfig = z.output<typeof smsConfigSchema>;

export const smsSecretsSchema = z.object({
  /** The account's Auth Token: API basic auth and the key of X-Twilio-Signature. */
  authToken: z.string().min(16),
});
export type SmsSecrets = z.output<typeof smsSecretsSchema>;

/** The Messages API takes bodies up to 1600 characters (error 21617 beyond); parts are split by segments. */
export const smsMaxBodyLength = 1600;

export const smsCapabilities = declareCapabilities({
  maxTextLength: smsMaxBodyLength,
  formatting: 'none',
  // Twilio attaches any of these by URL (MMS up to 5 MB; WhatsApp images, audio, video and PDFs), or
  // the connection sends them as links where MMS does not exist.
  mediaTypes: ['image', 'video', 'audio', 'file'],
  quickReplies: null,
  lists: null,
  location: false,
  contactCards: false,
  templates: false,
  typingIndicator: false,
  readReceipts: false,
  optionsStyle: 'numbered_text',
  replyWindowHours: null,
});

export const smsDefinition: ChannelDefinition<SmsConfig, SmsSecrets> = {
  type: 'sms',
  displayName: 'SMS (Twilio)',
  configSchema: smsConfigSchema,
  secretsSchema: smsSecretsSchema,
  capabilities: smsCapabilities,
  // A message webhook is a few kilobytes of form parameters (ten media URLs at most).
  maxBodyBytes: 64 * 1024,
  // A US/Canada long code releases 1 segment per second (toll-free 3, numbers outside +1 10, short codes
  // 30+); Twilio queues the excess per sender, in order. One message a second with bursts of 10 never
  // overruns the slowest sender yet lets a bot turn of several parts out at once; one recipient gets
  // parts back to back (3) then one a second, so a split reply arrives in order.
  pacing: { perConnectionPerSecond: 1, burst: 10, perRecipientPerSecond: 1, perRecipientBurst: 3 },
  honoursOptOutKeywords: true,
};
