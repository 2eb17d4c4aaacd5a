import { z } from 'zod';

/**
 * The Messenger Platform webhook envelope as Messenger and Instagram post it:
 * `{object, entry: [{id, time, messaging: [item], changes?: [{field, value: item}]}]}`. Loose: Meta adds
 * fields without notice, and an unknown field must never turn a customer's message into a 400.
 */
const graphId = z.union([z.string().min(1).max(128), z.number().int().nonnegative()]).transform(String);
/** Milliseconds (most events) or seconds (some referrals and postbacks), as a number or digit string. */
export const metaTimestampSchema = z.union([z.number().nonnegative(), z.string().regex(/^\d{1,16}$/)]).transform(Number);

export const attachmentSchema = z
  .object({
    type: z.string().min(1).max(64),
    payload: z.record(z.string(), z.unknown()).nullable().optional(),
    title: z.string().max(2048).optional(),
  })
  .loose();
export type MetaAttachment = z.output<typeof attachmentSchema>;

const messageSchema = z
  .object({
    mid: z.string().min(1).max(256),
    text: z.string().max(65_536).optional(),
    quick_reply: z
      .object({ payload: z.string().max(1000) })
      .loose()
      .optional(),
    reply_to: z
      .object({ mid: z.string().min(1).max(256).optional() })
      .loose()
      .optional(),
    attachments: z.array(attachmentSchema).max(100).optional(),
    referral: z.record(z.string(), z.unknown()).optional(),
    is_echo: z.boolean().optional(),
    is_deleted: z.boolean().optional(),
    is_unsupported: z.boolean().optional(),
  })
  .loose();

const referralSchema = z
  .object({
    ref: z.string().max(1000).optional(),
    source: z.string().max(256).optional(),
    type: z.string().max(256).optional(),
    ad_id: z.string().max(256).optional(),
  })
  .loose();

export const messagingItemSchema = z
  .object({
    sender: z.object({ id: graphId.optional(), user_ref: z.string().max(256).optional() }).loose(),
    recipient: z.object({ id: graphId.optional() }).loose(),
    timestamp: metaTimestampSchema.optional(),
    message: messageSchema.optional(),
    postback: z
      .object({
        mid: z.string().min(1).max(256).optional(),
        title: z.string().max(1000).optional(),
        payload: z.string().max(1000).optional(),
        referral: referralSchema.optional(),
      })
      .loose()
      .optional(),
    referral: referralSchema.optional(),
    optin: z
      .object({ ref: z.string().max(1000).optional(), type: z.string().max(256).optional(), title: z.string().max(256).optional() })
      .loose()
      .optional(),
    delivery: z
      .object({ mids: z.array(z.string().min(1).max(256)).max(1000).optional(), watermark: metaTimestampSchema.optional() })
      .loose()
      .optional(),
    read: z
      .object({ watermark: metaTimestampSchema.optional(), mid: z.string().min(1).max(256).optional() })
      .loose()
      .optional(),
    reaction: z
      .object({
        mid: z.string().min(1).max(256).optional(),
        action: z.string().max(32).optional(),
        reaction: z.string().max(64).optional(),
        emoji: z.string().max(64).optional(),
      })
      .loose()
      .optional(),
  })
  .loose();
export type MessagingItem = z.output<typeof messagingItemSchema>;

export const webhookPayloadSchema = z
  .object({
    object: z.string().max(64),
    entry: z
      .array(
        z
          .object({
            id: graphId,
            time: metaTimestampSchema.optional(),
            messaging: z.array(z.unknown()).max(1000).optional(),
            changes: z
              .array(z.object({ field: z.string().max(128), value: z.unknown() }).loose())
              .max(1000)
              .optional(),
          })
          .loose(),
      )
      .max(1000),
  })
  .loose();
