import { type z } from 'zod';
import { declareCapabilities } from '@fio/contracts';
import type { ChannelDefinition } from '@fio/channel-kit';
import { graphApiSettingsSchema, graphIdSchema, metaSecretsSchema, type MetaSecrets } from '../shared/meta-connection.schema.ts';

/** Messenger: one Facebook Page, reached through Meta's Send API. */
export const messengerConfigSchema = graphApiSettingsSchema.extend({
  /** The Facebook Page's id: webhooks name it as entry id and recipient. */
  pageId: graphIdSchema,
});
export type MessengerConfig = z.output<typeof messengerConfigSchema>;
export type MessengerSecrets = MetaSecrets;

/**
 * Meta's documented limits: text up to 2,000 characters; up to 13 quick replies with 20-character
 * titles; image, audio, video and file attachments by URL. Button and generic templates hold at most 3
 * buttons or 10 cards, no fit for a menu of rows, so lists go out as numbered text. Free-form messages
 * only within 24 hours of the customer's last message; the HUMAN_AGENT tag lets a person answer for 7 days.
 */
export const messengerCapabilities = declareCapabilities({
  maxTextLength: 2000,
  formatting: 'none',
  mediaTypes: ['image', 'audio', 'video', 'file'],
  quickReplies: { max: 13, maxLabelLength: 20 },
  lists: null,
  location: false,
  contactCards: false,
  templates: false,
  typingIndicator: false,
  // Messenger reports reads only as a watermark time, which names no message Fio could mark read.
  readReceipts: false,
  replyWindowHours: 24,
  humanAgentReplyWindowHours: 168,
});

export const messengerDefinition: ChannelDefinition<MessengerConfig, MessengerSecrets> = {
  type: 'messenger',
  displayName: 'Facebook Messenger',
  configSchema: messengerConfigSchema,
  secretsSchema: metaSecretsSchema,
  capabilities: messengerCapabilities,
  // Meta batches several entries per webhook; each item is small (attachments are URLs).
  maxBodyBytes: 1024 * 1024,
  pacing: {
    // Send API: 300 calls/s per Page for text (10/s for audio and video, which a 429 then slows down).
    perConnectionPerSecond: 250,
    burst: 50,
    // "May be rate limited if too many messages are sent to a single thread": one a second, a turn at once.
    perRecipientPerSecond: 1,
    perRecipientBurst: 5,
  },
  honoursOptOutKeywords: true,
};
