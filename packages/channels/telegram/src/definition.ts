import { z } from 'zod';
import { declareCapabilities } from '@fio/contracts';
import type { ChannelDefinition } from '@fio/channel-kit';

/** Telegram Bot API: one bot, reached through `{apiBaseUrl}/bot<token>/<method>`. */
export const telegramConfigSchema = z.object({
  /** Bot API root; a self-hosted Bot API server or, in tests, the local emulator. */
  apiBaseUrl: z.url({ protocol: /^https?$/, error: 'apiBaseUrl must be an http(s) URL' }).default('https://api.telegram.org'),
  /** The bot's @username, for operators and deep links (t.me/<username>); not needed to send. */
  botUsername: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, 'botUsername is the bot’s @username without the @')
    .optional(),
});
export type TelegramConfig = z.output<typeof telegramConfigSchema>;

export const telegramSecretsSchema = z.object({
  /** The token BotFather gave (`123456:ABC-DEF...`). */
  botToken: z.string().regex(/^\d{1,20}:[A-Za-z0-9_-]{20,128}$/, 'botToken looks like 123456789:AA... (from BotFather)'),
  /**
   * The `secret_token` given to setWebhook, echoed by Telegram in `X-Telegram-Bot-Api-Secret-Token`:
   * 1-256 characters of A-Z a-z 0-9 _ - (the Bot API refuses anything else).
   */
  webhookSecret: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'webhookSecret: 1-256 characters of A-Z a-z 0-9 _ -'),
});
export type TelegramSecrets = z.output<typeof telegramSecretsSchema>;

/**
 * The Bot API's documented limits: message text 1-4096 characters (captions 1024, sent apart when
 * longer); inline keyboards of callback buttons (Fio puts one per row: labels stay readable on phones);
 * photos, audio, video and documents by URL; locations, venues and contacts. No reply window: a bot may
 * write to anyone who started it, until they block it. Lists go out as one inline button per row.
 */
export const telegramCapabilities = declareCapabilities({
  maxTextLength: 4096,
  // Sent without parse_mode: what the bot writes arrives exactly as written, no escaping to get wrong.
  formatting: 'none',
  mediaTypes: ['image', 'audio', 'video', 'file'],
  quickReplies: { max: 10, maxLabelLength: 64 },
  lists: { maxRows: 20, maxRowTitleLength: 64, maxButtonLabelLength: 64 },
  // Bot API: photo, document, audio and video captions are 0-1024 characters after entities parsing.
  maxCaptionLength: 1024,
  location: true,
  contactCards: true,
  templates: false,
  // sendChatAction while the bot thinks (the adapter's sendTyping).
  typingIndicator: true,
  readReceipts: false,
  replyWindowHours: null,
});

export const telegramDefinition: ChannelDefinition<TelegramConfig, TelegramSecrets> = {
  type: 'telegram',
  displayName: 'Telegram',
  configSchema: telegramConfigSchema,
  secretsSchema: telegramSecretsSchema,
  capabilities: telegramCapabilities,
  // One Update per request: a 4096-character text with entities and a quoted reply is a few tens of KB.
  maxBodyBytes: 1024 * 1024,
  pacing: {
    // Bot FAQ: about 30 messages per second across chats, and no more than about one per second in a
    // chat (short bursts tolerated): a bot turn of two or three messages goes out at once.
    perConnectionPerSecond: 30,
    perRecipientPerSecond: 1,
    perRecipientBurst: 3,
  },
  // A person reaches the bot on their phone; Telegram users can also block it, which Fio sees as
  // recipient_unreachable. STOP/PARAR here is treated as the opt-out it is on any phone channel.
  honoursOptOutKeywords: true,
};
