import { z } from 'zod';
import { declareCapabilities } from '@fio/contracts';
import type { ChannelDefinition } from '@fio/channel-kit';

/** The REST API channel: a business's own apps and back ends talk to Fio over signed JSON. */
export const apiConfigSchema = z.object({
  /** Where Fio POSTs outbound messages (signed like inbound requests). */
  callbackUrl: z.url({ protocol: /^https?$/, error: 'callbackUrl must be an http(s) URL' }),
  /** How far the x-fio-timestamp of an inbound request may be from our clock. */
  timestampToleranceSeconds: z.number().int().positive().max(86_400).default(300),
});
export type ApiConfig = z.output<typeof apiConfigSchema>;

export const apiSecretsSchema = z.object({
  /** Shared HMAC key for both directions. */
  signingSecret: z.string().min(16),
});
export type ApiSecrets = z.output<typeof apiSecretsSchema>;

export const apiCapabilities = declareCapabilities({
  maxTextLength: 10_000,
  formatting: 'none',
  mediaTypes: ['image', 'audio', 'video', 'file'],
  quickReplies: { max: 10, maxLabelLength: 100 },
  lists: { maxRows: 100, maxRowTitleLength: 256, maxButtonLabelLength: 64 },
  location: true,
  contactCards: true,
  templates: false,
  typingIndicator: false,
  readReceipts: false,
  replyWindowHours: null,
});

export const apiDefinition: ChannelDefinition<ApiConfig, ApiSecrets> = {
  type: 'api',
  displayName: 'REST API',
  configSchema: apiConfigSchema,
  secretsSchema: apiSecretsSchema,
  capabilities: apiCapabilities,
  maxBodyBytes: 256 * 1024,
};
