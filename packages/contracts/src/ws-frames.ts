import { z } from 'zod';
import { contentSchema, quickReplySchema } from './content.ts';
import { messageViewSchema, conversationStatusSchema } from './views.ts';

/**
 * The widget's WebSocket protocol at /ws. Every frame is one JSON object with a `type`.
 * The client says hello first; the server answers welcome (with history) or error.
 */
export const widgetIdentitySchema = z.object({
  /** The host site's user id and/or e-mail, signed by the host with the widget secret. */
  userId: z.string().min(1).max(256).optional(),
  email: z.string().email().max(320).optional(),
  name: z.string().max(256).optional(),
  /** The user's phone as the host site knows it (E.164 preferred: +5511987654321); signed like the rest. */
  phone: z
    .string()
    .min(6)
    .max(32)
    .regex(/^\+?[0-9 ().-]+$/)
    .optional(),
  /**
   * Hex HMAC-SHA256 with the widget's identity secret over `${userId ?? ''}:${email ?? ''}`, or over
   * `${userId ?? ''}:${email ?? ''}:${phone}` when a phone is given (older signatures stay valid).
   */
  signature: z.string().regex(/^[0-9a-f]{64}$/),
});
export type WidgetIdentity = z.infer<typeof widgetIdentitySchema>;

export const clientHelloFrameSchema = z.object({
  type: z.literal('hello'),
  /** The widget channel connection id (from the embed snippet). */
  connectionId: z.string().min(1).max(128),
  visitorId: z
    .string()
    .min(8)
    .max(128)
    .regex(/^[A-Za-z0-9_-]+$/),
  locale: z.string().max(16).optional(),
  identity: widgetIdentitySchema.optional(),
  /** Highest message seq the client already has: history starts after it. */
  afterSeq: z.number().int().nonnegative().optional(),
});
export const clientMessageFrameSchema = z.object({
  type: z.literal('message'),
  /** Client-generated id: resending the same one never duplicates (dedupe key). */
  clientMessageId: z.string().min(8).max(128),
  content: z.union([z.object({ kind: z.literal('text'), text: z.string().min(1).max(4096), payload: z.string().max(256).optional() })]),
});
export const clientTypingFrameSchema = z.object({ type: z.literal('typing'), on: z.boolean() });
export const clientPingFrameSchema = z.object({ type: z.literal('ping') });

export const clientFrameSchema = z.discriminatedUnion('type', [
  clientHelloFrameSchema,
  clientMessageFrameSchema,
  clientTypingFrameSchema,
  clientPingFrameSchema,
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;
export type ClientHelloFrame = z.infer<typeof clientHelloFrameSchema>;
export type ClientMessageFrame = z.infer<typeof clientMessageFrameSchema>;

export const serverWelcomeFrameSchema = z.object({
  type: z.literal('welcome'),
  conversationId: z.string().nullable(),
  status: conversationStatusSchema.nullable(),
  history: z.array(messageViewSchema),
  settings: z.object({ title: z.string(), locale: z.string(), greeting: z.string().optional() }),
});
export const serverMessageFrameSchema = z.object({ type: z.literal('message'), message: messageViewSchema });
export const serverAckFrameSchema = z.object({
  type: z.literal('ack'),
  clientMessageId: z.string(),
  messageId: z.string(),
  seq: z.number().int(),
  duplicate: z.boolean(),
});
export const serverTypingFrameSchema = z.object({ type: z.literal('typing'), on: z.boolean(), author: z.enum(['bot', 'agent']) });
export const serverStatusFrameSchema = z.object({ type: z.literal('status'), status: conversationStatusSchema });
export const serverErrorFrameSchema = z.object({
  type: z.literal('error'),
  code: z.string(),
  message: z.string(),
  clientMessageId: z.string().optional(),
});
export const serverPongFrameSchema = z.object({ type: z.literal('pong') });

export const serverFrameSchema = z.discriminatedUnion('type', [
  serverWelcomeFrameSchema,
  serverMessageFrameSchema,
  serverAckFrameSchema,
  serverTypingFrameSchema,
  serverStatusFrameSchema,
  serverErrorFrameSchema,
  serverPongFrameSchema,
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

export { contentSchema, quickReplySchema };
