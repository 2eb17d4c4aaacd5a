import { z } from 'zod';
import { channelTypeSchema, identityKindSchema } from './channel-types.ts';
import { conversationStatusSchema, conversationViewSchema } from './views.ts';

/**
 * What a conversation was about, for the agent who meets the customer again: structured facts plus
 * one to three plain lines in the conversation's language. Computed from messages and events.
 */
export const conversationSummarySchema = z.object({
  language: z.string(),
  /** The customer's first message (capped) and the intents the bot recognised, in order, once each. */
  request: z.object({ firstMessage: z.string().nullable(), intents: z.array(z.string()) }),
  flowsCompleted: z.array(z.object({ flowId: z.string(), slots: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) })),
  handoff: z.object({ reason: z.string().nullable(), team: z.string().nullable() }).nullable(),
  csat: z.object({ score: z.number() }).nullable(),
  /** Channels the customer and Fio used, in the order first used. */
  channels: z.array(channelTypeSchema),
  counts: z.object({ total: z.number().int(), fromCustomer: z.number().int(), fromBot: z.number().int(), fromAgents: z.number().int() }),
  firstMessageAt: z.string().nullable(),
  lastMessageAt: z.string().nullable(),
  /** From the first to the last message. */
  durationSeconds: z.number().int().nullable(),
  resolution: z.object({ resolvedAt: z.string(), note: z.string().nullable(), secondsToResolve: z.number().int() }).nullable(),
  lines: z.array(z.string()),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

/** A conversation with its summary and the conversation of the same customer before it (computed on read). */
export const conversationWithSummarySchema = conversationViewSchema.extend({
  summary: conversationSummarySchema,
  previousConversationId: z.string().nullable(),
});
export type ConversationWithSummary = z.infer<typeof conversationWithSummarySchema>;

/** One channel an agent can answer on: a workspace connection that reaches one of the contact's identities. */
export const replyOptionSchema = z.object({
  connectionId: z.string(),
  channelType: channelTypeSchema,
  connectionName: z.string(),
  address: z.string(),
  /** The identity the address comes from (null for the conversation's current route, e.g. a live call). */
  identityKind: identityKindSchema.nullable(),
  /** The route replies take now (the customer's last channel, or the agent's sticky pick). */
  current: z.boolean(),
  replyWindow: z.object({ open: z.boolean(), closesAt: z.string().nullable(), reason: z.string().nullable() }),
  consent: z.object({ status: z.enum(['granted', 'withdrawn']), at: z.string() }).nullable(),
});
export type ReplyOption = z.infer<typeof replyOptionSchema>;

/** Where an agent's reply goes instead of the reply channel; `sticky` keeps it until the customer writes again. */
export const replyViaSchema = z.union([
  z.object({ connectionId: z.string().min(1).max(128), sticky: z.boolean().optional() }).strict(),
  z.object({ channelType: channelTypeSchema, sticky: z.boolean().optional() }).strict(),
]);
export type ReplyVia = z.infer<typeof replyViaSchema>;

export const conversationStatusChangeSchema = z.object({
  conversation: conversationViewSchema,
  from: conversationStatusSchema,
  summary: conversationSummarySchema.nullable(),
  previousConversationId: z.string().nullable(),
});
