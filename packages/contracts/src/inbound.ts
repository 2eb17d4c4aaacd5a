import { z } from 'zod';
import { contentSchema } from './content.ts';
import { identityClaimSchema } from './channel-types.ts';

/** What a channel adapter produces from a provider payload: pure data, no ids of ours yet. */
export const inboundSenderSchema = z.object({
  /** The address replies go to on this channel (phone, chat id, visitor id, e-mail...). */
  address: z.string().min(1).max(512),
  displayName: z.string().max(256).optional(),
  locale: z.string().max(16).optional(),
  /** Every identity this message proves or claims, the channel-scoped one first. */
  identities: z.array(identityClaimSchema).min(1).max(10),
});
export type InboundSender = z.infer<typeof inboundSenderSchema>;

export const inboundMessageEventSchema = z.object({
  type: z.literal('message'),
  /** Provider's id for the message: the dedupe key (unique per connection). */
  providerMessageId: z.string().min(1).max(256),
  sender: inboundSenderSchema,
  content: contentSchema,
  /** Provider's timestamp (ISO 8601) when it has one. */
  sentAt: z.string().optional(),
  /** Provider id of the message this one replies to, when the channel tells. */
  replyToProviderMessageId: z.string().max(256).optional(),
  /**
   * Threading evidence (e-mail): provider ids this message refers to (In-Reply-To, References) and the
   * conversation token of the reply address it was sent to. Fio uses them to find the conversation when
   * the sender's address alone does not.
   */
  thread: z
    .object({
      references: z.array(z.string().max(998)).max(100).default([]),
      conversationToken: z.string().max(128).optional(),
    })
    .optional(),
  /**
   * Set when this event is a further part of one customer message (an e-mail's attachment, the second
   * photo of an MMS): the provider id of the part that carries the message. Stored like any message, but
   * the bot answers the message once, not each part.
   */
  partOf: z.string().min(1).max(256).optional(),
  /**
   * Sent by a machine, not the customer (an out-of-office reply, an auto-responder): kept for agents,
   * never answered by the bot, so two robots do not talk to each other.
   */
  automated: z.boolean().optional(),
  /**
   * The provider's own payload for this message, kept beside the canonical content (size-capped by the
   * server): unsupported kinds, and the full original of an e-mail whose shown text was trimmed.
   */
  raw: z.unknown().optional(),
});
export type InboundMessageEvent = z.infer<typeof inboundMessageEventSchema>;

export const deliveryStatusSchema = z.enum(['pending', 'sent', 'delivered', 'read', 'failed']);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

/** Delivery status order: a status only ever moves forward (failed is terminal from any state before read). */
export const deliveryStatusRank: Record<DeliveryStatus, number> = {
  pending: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  failed: 4,
};

export const inboundStatusEventSchema = z.object({
  type: z.literal('status'),
  providerMessageId: z.string().min(1).max(256),
  status: z.enum(['sent', 'delivered', 'read', 'failed']),
  error: z.object({ code: z.string().max(128), message: z.string().max(2048) }).optional(),
  at: z.string().optional(),
  /**
   * The provider says the recipient opted out with it (Twilio's 21610 after a STOP it handled itself):
   * Fio records the consent withdrawal too, so nothing more is attempted on this channel.
   */
  recipientOptedOut: z.boolean().optional(),
});
export type InboundStatusEvent = z.infer<typeof inboundStatusEventSchema>;

export const inboundEventSchema = z.discriminatedUnion('type', [inboundMessageEventSchema, inboundStatusEventSchema]);
export type InboundEvent = z.infer<typeof inboundEventSchema>;
