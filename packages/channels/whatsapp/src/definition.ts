import { z } from 'zod';
import { declareCapabilities } from '@fio/contracts';
import type { ChannelDefinition } from '@fio/channel-kit';

/** WhatsApp Business Cloud API: one business phone number, reached through Meta's Graph API. */
export const whatsappConfigSchema = z.object({
  /** The business phone number's Graph id (not the phone number itself). */
  phoneNumberId: z.string().regex(/^\d{1,32}$/, 'phoneNumberId is the numeric id Meta shows for the number'),
  /** Graph API root; tests point it at the local emulator. */
  apiBaseUrl: z.url({ protocol: /^https?$/, error: 'apiBaseUrl must be an http(s) URL' }).default('https://graph.facebook.com'),
  apiVersion: z
    .string()
    .regex(/^v\d{1,3}\.\d{1,2}$/, 'apiVersion looks like v21.0')
    .default('v21.0'),
  /** The WhatsApp Business Account that owns the number (for operators; not needed to send). */
  businessAccountId: z
    .string()
    .regex(/^\d{1,32}$/)
    .optional(),
});
export type WhatsAppConfig = z.output<typeof whatsappConfigSchema>;

export const whatsappSecretsSchema = z.object({
  /** System-user or business token with whatsapp_business_messaging permission. */
  accessToken: z.string().min(1),
  /** The Meta app's secret: signs every webhook (X-Hub-Signature-256). */
  appSecret: z.string().min(1),
  /** The token typed in the app's webhook settings, echoed in the GET handshake. */
  verifyToken: z.string().min(1),
});
export type WhatsAppSecrets = z.output<typeof whatsappSecretsSchema>;

/**
 * Meta's documented limits: text body 4,096 characters; interactive reply buttons at most 3 with
 * 20-character titles; list messages at most 10 rows, row titles of 24 and a button label of 20;
 * free-form messages only within 24 hours of the customer's last message (templates outside it).
 */
export const whatsappCapabilities = declareCapabilities({
  maxTextLength: 4096,
  // WhatsApp's own markup (*bold*, _italic_) is not Markdown: Fio's text goes as written.
  formatting: 'none',
  mediaTypes: ['image', 'audio', 'video', 'file'],
  quickReplies: { max: 3, maxLabelLength: 20, maxTextLength: 1024 },
  lists: { maxRows: 10, maxRowTitleLength: 24, maxButtonLabelLength: 20, maxTextLength: 1024 },
  maxCaptionLength: 1024,
  location: true,
  contactCards: true,
  templates: true,
  typingIndicator: false,
  readReceipts: true,
  replyWindowHours: 24,
});

export const whatsappDefinition: ChannelDefinition<WhatsAppConfig, WhatsAppSecrets> = {
  type: 'whatsapp',
  displayName: 'WhatsApp Business (Cloud API)',
  configSchema: whatsappConfigSchema,
  secretsSchema: whatsappSecretsSchema,
  capabilities: whatsappCapabilities,
  // Meta batches up to 1,000 updates per webhook; 3 MB holds that with room to spare.
  maxBodyBytes: 3 * 1024 * 1024,
  // The thread tells a late reply which customer message to quote (context.message_id).
  wantsThread: true,
  pacing: {
    // Cloud API throughput: 80 messages/second per business number by default (inbound included).
    perConnectionPerSecond: 80,
    // Pair rate limit: one message every 6 seconds to one user (error 131056), with short bursts allowed
    // (Meta tolerates up to 45 in 6 s by borrowing from later); a bot turn of a few messages goes at once.
    perRecipientPerSecond: 1 / 6,
    perRecipientBurst: 5,
  },
  honoursOptOutKeywords: true,
};
