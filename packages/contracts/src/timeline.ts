import { z } from 'zod';

/** What a contact's timeline shows: business events, intents, conversations, segments, merges, identities. */
export const timelineKindSchema = z.enum(['event', 'intent', 'conversation', 'segment', 'merge', 'identity']);
export type TimelineKind = z.infer<typeof timelineKindSchema>;

/** One item of GET /api/v1/contacts/:id/timeline, newest first. */
export const timelineItemViewSchema = z.object({
  /** Stable and unique within the timeline. */
  id: z.string(),
  kind: timelineKindSchema,
  /** `order_placed`, an intent id, `conversation.opened` / `conversation.resolved`, `segment.entered`, `contact.merged`... */
  name: z.string(),
  at: z.string(),
  /** Who recorded it: 'api', 'bot', 'integration:<id>'; null for what Fio itself observed. */
  source: z.string().nullable(),
  conversationId: z.string().nullable(),
  /** Properties of a business event; channel types and message count of a conversation; an event's payload. */
  data: z.record(z.string(), z.unknown()),
});
export type TimelineItemView = z.infer<typeof timelineItemViewSchema>;
