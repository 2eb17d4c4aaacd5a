import { type z } from 'zod';
import { declareCapabilities } from '@fio/contracts';
import type { ChannelDefinition } from '@fio/channel-kit';
import { graphApiSettingsSchema, graphIdSchema, metaSecretsSchema, type MetaSecrets } from '../shared/meta-connection.schema.ts';

/**
 * Instagram Direct: one Instagram professional account, reached through Meta's Send API. With Facebook
 * Login the token is the linked Page's and apiBaseUrl stays graph.facebook.com; with Instagram Login it
 * is the Instagram user token and apiBaseUrl is https://graph.instagram.com.
 */
export const instagramConfigSchema = graphApiSettingsSchema.extend({
  /** The Instagram professional account's id: webhooks name it as entry id and recipient. */
  instagramAccountId: graphIdSchema,
  /** The Facebook Page linked to the account (Facebook Login); absent with Instagram Login. */
  pageId: graphIdSchema.optional(),
});
export type InstagramConfig = z.output<typeof instagramConfigSchema>;
export type InstagramSecrets = MetaSecrets;

/** Instagram counts its text limit in UTF-8 bytes, not characters. */
export const instagramMaxTextBytes = 1000;

/**
 * Meta's documented limits: text up to 1,000 UTF-8 bytes (500 UTF-16 units stay under it for Latin
 * scripts, accents and emoji included); up to 13 quick replies, titles truncated past 20 characters;
 * image (png, jpeg, gif), audio, video and PDF attachments. Free-form replies within 24 hours of the
 * customer's last message, and for 7 days with the HUMAN_AGENT tag when a person writes.
 */
export const instagramCapabilities = declareCapabilities({
  maxTextLength: 500,
  formatting: 'none',
  mediaTypes: ['image', 'audio', 'video', 'file'],
  quickReplies: { max: 13, maxLabelLength: 20 },
  lists: null,
  location: false,
  contactCards: false,
  templates: false,
  typingIndicator: false,
  // Instagram's read event names the message read (read.mid).
  readReceipts: true,
  replyWindowHours: 24,
  humanAgentReplyWindowHours: 168,
});

export const instagramDefinition: ChannelDefinition<InstagramConfig, InstagramSecrets> = {
  type: 'instagram',
  displayName: 'Instagram Direct',
  configSchema: instagramConfigSchema,
  secretsSchema: metaSecretsSchema,
  capabilities: instagramCapabilities,
  maxBodyBytes: 1024 * 1024,
  pacing: {
    // Send API: 300 calls/s per Instagram professional account for text (10/s for audio and video).
    perConnectionPerSecond: 250,
    burst: 50,
    perRecipientPerSecond: 1,
    perRecipientBurst: 5,
  },
  honoursOptOutKeywords: true,
};
