import { z } from 'zod';
import { contentSchema } from './content.ts';
import { channelTypeSchema, identityKindSchema } from './channel-types.ts';
import { deliveryStatusSchema } from './inbound.ts';

/** Shapes the server shows to clients (REST API, inbox, widget). Dates are ISO 8601 strings. */
export const conversationStatusSchema = z.enum(['bot', 'queued', 'assigned', 'resolved']);
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;

export const messageDirectionSchema = z.enum(['inbound', 'outbound']);
export const messageAuthorSchema = z.enum(['contact', 'bot', 'agent', 'system']);
export type MessageAuthor = z.infer<typeof messageAuthorSchema>;

export const messageViewSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  seq: z.number().int(),
  direction: messageDirectionSchema,
  author: messageAuthorSchema,
  channelType: channelTypeSchema.nullable(),
  connectionId: z.string().nullable(),
  content: contentSchema,
  text: z.string(),
  providerMessageId: z.string().nullable(),
  status: deliveryStatusSchema,
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
});
export type MessageView = z.infer<typeof messageViewSchema>;

export const conversationViewSchema = z.object({
  id: z.string(),
  contactId: z.string(),
  status: conversationStatusSchema,
  replyChannelType: channelTypeSchema.nullable(),
  replyConnectionId: z.string().nullable(),
  lastMessageSeq: z.number().int(),
  lastMessageAt: z.string().nullable(),
  lastInboundAt: z.string().nullable(),
  botState: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type ConversationView = z.infer<typeof conversationViewSchema>;

export const identityViewSchema = z.object({
  kind: identityKindSchema,
  value: z.string(),
  verified: z.boolean(),
  /** Where it came from: channel, widget, crm, import, api, chat. */
  source: z.string().nullable().optional(),
});

export const contactViewSchema = z.object({
  id: z.string(),
  displayName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  tags: z.array(z.string()),
  identities: z.array(identityViewSchema),
  /** Segments the contact belongs to now (ids from segments.yaml or the API). */
  segments: z.array(z.string()).optional(),
  /** The latest consent per channel type and purpose. */
  consent: z
    .array(z.object({ channelType: channelTypeSchema, purpose: z.string(), status: z.enum(['granted', 'withdrawn']), at: z.string() }))
    .optional(),
  /** Set on a merged contact: the contact it now lives in (GET on a merged id answers with the survivor). */
  mergedInto: z.string().nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ContactView = z.infer<typeof contactViewSchema>;

export const pageSchema = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });

export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  correlationId: z.string().optional(),
  details: z.unknown().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
