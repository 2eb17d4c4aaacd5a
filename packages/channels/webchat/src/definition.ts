import { z } from 'zod';
import { declareCapabilities } from '@fio/contracts';
import type { ChannelDefinition } from '@fio/channel-kit';

/** The website widget: arrives over Fio's own WebSocket (/ws), so it has no provider webhook. */
export const webchatConfigSchema = z.object({
  title: z.string().min(1).max(80).default('Chat'),
  /** Origins allowed to open the widget socket ("https://loja.example.com"); '*' allows any. */
  allowedOrigins: z.array(z.string().min(1).max(256)).min(1).max(50).default(['*']),
  greeting: z.string().max(1024).optional(),
});
export type WebchatConfig = z.output<typeof webchatConfigSchema>;

export const webchatSecretsSchema = z.object({
  /** Signs the host site's user identity; without it the widget accepts no identity. */
  identitySecret: z.string().min(16).optional(),
});
export type WebchatSecrets = z.output<typeof webchatSecretsSchema>;

export const webchatCapabilities = declareCapabilities({
  maxTextLength: 4096,
  formatting: 'none',
  mediaTypes: ['image', 'file', 'video', 'audio'],
  quickReplies: { max: 10, maxLabelLength: 40 },
  lists: { maxRows: 10, maxRowTitleLength: 72, maxButtonLabelLength: 40 },
  location: true,
  contactCards: false,
  templates: false,
  typingIndicator: true,
  readReceipts: true,
  replyWindowHours: null,
});

/** Largest client frame accepted on the widget socket. */
export const maxClientFrameBytes = 64 * 1024;

export const webchatDefinition: ChannelDefinition<WebchatConfig, WebchatSecrets> = {
  type: 'webchat',
  displayName: 'Website chat',
  configSchema: webchatConfigSchema,
  secretsSchema: webchatSecretsSchema,
  capabilities: webchatCapabilities,
  maxBodyBytes: maxClientFrameBytes,
};
