import { z } from 'zod';
import { mediaTypeSchema } from './content.ts';

/**
 * What a channel can carry. The engine asks for these, never for a channel's name.
 * Defaults declare the least: a channel opts in to every richer feature.
 */
export const channelCapabilitiesSchema = z.object({
  /** Longest text one message may carry; longer text is split. */
  maxTextLength: z.number().int().positive().default(1000),
  formatting: z.enum(['none', 'markdown', 'html']).default('none'),
  mediaTypes: z.array(mediaTypeSchema).default([]),
  /** Buttons / quick replies; null = none (rendered as numbered options). */
  quickReplies: z
    .object({
      max: z.number().int().positive(),
      maxLabelLength: z.number().int().positive(),
      /** Longest text that can carry buttons (WhatsApp's interactive body: 1,024); longer text goes before it. */
      maxTextLength: z.number().int().positive().optional(),
    })
    .nullable()
    .default(null),
  /** Menus with rows; null = none (rendered as numbered options). */
  lists: z
    .object({
      maxRows: z.number().int().positive(),
      maxRowTitleLength: z.number().int().positive(),
      maxButtonLabelLength: z.number().int().positive(),
      /** Longest text a list message can carry; longer text goes before it. */
      maxTextLength: z.number().int().positive().optional(),
    })
    .nullable()
    .default(null),
  /** Longest caption a media message can carry (null = maxTextLength); a longer one follows as text. */
  maxCaptionLength: z.number().int().positive().nullable().default(null),
  location: z.boolean().default(false),
  contactCards: z.boolean().default(false),
  templates: z.boolean().default(false),
  typingIndicator: z.boolean().default(false),
  readReceipts: z.boolean().default(false),
  /**
   * One message per turn: a channel that speaks its reply (voice) or whose next message replaces the
   * current one gets the turn's text parts joined into one.
   */
  joinReplies: z.boolean().default(false),
  /** How numbered options are phrased when buttons are not available. */
  optionsStyle: z.enum(['numbered_text', 'spoken']).default('numbered_text'),
  /** Free-form replies allowed only this long after the customer's last message; null = always. */
  replyWindowHours: z.number().positive().nullable().default(null),
  /**
   * Replies written by a person (not the bot) stay allowed this long after the customer's last message
   * (Messenger's human-agent tag: 7 days); null = the reply window applies to people too.
   */
  humanAgentReplyWindowHours: z.number().positive().nullable().default(null),
});
export type ChannelCapabilities = z.infer<typeof channelCapabilitiesSchema>;
export type ChannelCapabilitiesInput = z.input<typeof channelCapabilitiesSchema>;

export function declareCapabilities(input: ChannelCapabilitiesInput): ChannelCapabilities {
  return channelCapabilitiesSchema.parse(input);
}
