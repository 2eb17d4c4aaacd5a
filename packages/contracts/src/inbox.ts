import { z } from 'zod';
import { channelTypeSchema } from './channel-types.ts';
import { deliveryStatusSchema } from './inbound.ts';
import { conversationStatusSchema, messageAuthorSchema, messageViewSchema } from './views.ts';

/**
 * The agents' inbox: what the server shows people who sign in (REST under /api/v1 and the live
 * frames of /ws/inbox). The inbox app, the server and the tests share these shapes.
 */

export const roleSchema = z.enum(['admin', 'supervisor', 'agent', 'bot_editor']);
export type Role = z.infer<typeof roleSchema>;
export const presenceSchema = z.enum(['online', 'away', 'offline']);
export type Presence = z.infer<typeof presenceSchema>;
export const prioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export type Priority = z.infer<typeof prioritySchema>;
export const slaStateSchema = z.enum(['none', 'ok', 'warning', 'breached']);
export type SlaState = z.infer<typeof slaStateSchema>;
export const slaKindSchema = z.enum(['first_response', 'next_response', 'resolution']);
export type SlaKind = z.infer<typeof slaKindSchema>;
export const teamRoutingSchema = z.enum(['round_robin', 'least_busy', 'manual']);
export type TeamRouting = z.infer<typeof teamRoutingSchema>;
export const userStatusSchema = z.enum(['active', 'invited', 'disabled']);

/** A skill is "<dimension>:<value>", e.g. "language:en", "product:cartao". */
export const skillSchema = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z][a-z0-9_-]*:[A-Za-z0-9_.-]+$/, 'a skill reads dimension:value, e.g. language:en');

export const userViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  status: userStatusSchema,
  locale: z.string().nullable(),
  capacity: z.number().int(),
  channelCapacity: z.record(z.string(), z.number().int()),
  skills: z.array(z.string()),
  teamIds: z.array(z.string()),
  presence: presenceSchema,
  presenceAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof userViewSchema>;

export const workspaceSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  languages: z.array(z.string()),
  defaultLanguage: z.string(),
  timezone: z.string(),
});

/** GET /api/v1/auth/me and the answer of sign-in: who is signed in, where, and the CSRF token to send back. */
export const meViewSchema = z.object({
  user: userViewSchema,
  workspace: workspaceSummarySchema,
  /** Send as X-CSRF-Token on every POST/PUT/PATCH/DELETE made with the session cookie. */
  csrfToken: z.string(),
});
export type MeView = z.infer<typeof meViewSchema>;

export const signInBodySchema = z
  .object({
    email: z.string().trim().toLowerCase().email().max(320),
    password: z.string().min(1).max(1024),
    /** Needed only when the e-mail has accounts in several workspaces (an agency). */
    workspace: z.string().min(1).max(128).optional(),
  })
  .strict();

export const teamViewSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  routing: teamRoutingSchema,
  restricted: z.boolean(),
  requiredSkills: z.array(z.string()),
  memberIds: z.array(z.string()),
  source: z.enum(['file', 'api']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TeamView = z.infer<typeof teamViewSchema>;

export const slaSummarySchema = z.object({
  state: slaStateSchema,
  /** The timer that is nearest to (or past) its due time. */
  kind: slaKindSchema.nullable(),
  dueAt: z.string().nullable(),
  policyId: z.string().nullable(),
});
export type SlaSummary = z.infer<typeof slaSummarySchema>;

/** One line of the conversation list. */
export const inboxConversationSchema = z.object({
  id: z.string(),
  contactId: z.string(),
  contactName: z.string().nullable(),
  status: conversationStatusSchema,
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  priority: prioritySchema,
  tags: z.array(z.string()),
  /** The channel the customer used last (the reply channel). */
  channelType: channelTypeSchema.nullable(),
  language: z.string().nullable(),
  lastMessage: z.object({ text: z.string(), author: messageAuthorSchema, at: z.string() }).nullable(),
  lastMessageAt: z.string().nullable(),
  lastMessageSeq: z.number().int(),
  /** The customer's oldest unanswered message (null when nobody is waiting on the business). */
  waitingSince: z.string().nullable(),
  queuedAt: z.string().nullable(),
  assignedAt: z.string().nullable(),
  /** Messages after the caller's last read mark. */
  unread: z.number().int(),
  snoozedUntil: z.string().nullable(),
  snoozedForReply: z.boolean(),
  sla: slaSummarySchema,
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type InboxConversation = z.infer<typeof inboxConversationSchema>;

export const inboxViewSchema = z.enum(['mine', 'unassigned', 'my_teams', 'all', 'snoozed', 'resolved']);
export type InboxView = z.infer<typeof inboxViewSchema>;

/** GET /api/v1/inbox/conversations query (every filter optional; AND-ed). */
export const inboxListQuerySchema = z.object({
  view: inboxViewSchema.default('all'),
  channel: channelTypeSchema.optional(),
  status: conversationStatusSchema.optional(),
  team: z.string().max(128).optional(),
  tag: z.string().max(64).optional(),
  priority: prioritySchema.optional(),
  sla: slaStateSchema.optional(),
  language: z.string().max(16).optional(),
  /** Words found in the messages or in the contact's name, e-mail or phone. */
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(512).optional(),
});
export type InboxListQuery = z.infer<typeof inboxListQuerySchema>;

export const inboxCountsSchema = z.object({
  mine: z.number().int(),
  unassigned: z.number().int(),
  myTeams: z.number().int(),
  all: z.number().int(),
  snoozed: z.number().int(),
  /** Open conversations with unread messages, per view. */
  unread: z.object({ mine: z.number().int(), unassigned: z.number().int(), myTeams: z.number().int(), all: z.number().int() }),
});
export type InboxCounts = z.infer<typeof inboxCountsSchema>;

/** The context card: why the bot handed off and what it already knows (from the handoff.requested event). */
export const handoffContextViewSchema = z.object({
  reason: z.string(),
  requestedAt: z.string(),
  team: z.string().nullable(),
  priority: prioritySchema,
  note: z.string().nullable(),
  /** Short lines in the conversation's language, for the card's top. */
  summary: z.array(z.string()),
  intentsTried: z.array(z.string()),
  /** What the bot collected: slot → how it reads. */
  collected: z.array(z.object({ name: z.string(), display: z.string() })),
  flow: z.object({ id: z.string(), step: z.string() }).nullable(),
  sentiment: z.object({
    last: z.number(),
    trend: z.enum(['improving', 'stable', 'worsening']),
    frustration: z.number(),
    /** The per-turn scores, oldest first (the sparkline). */
    series: z.array(z.number()),
  }),
  segments: z.array(z.string()),
  /** When the customer was told a person would answer (outside business hours). */
  expectedAnswerAt: z.string().nullable(),
});
export type HandoffContextView = z.infer<typeof handoffContextViewSchema>;

export const noteViewSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  text: z.string(),
  mentions: z.array(z.string()),
  createdAt: z.string(),
});
export type NoteView = z.infer<typeof noteViewSchema>;

export const noteBodySchema = z.object({ text: z.string().trim().min(1).max(8000) }).strict();

/** A message as the inbox shows it: who wrote it when it was a person. */
export const inboxMessageSchema = messageViewSchema.extend({
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
});
export type InboxMessage = z.infer<typeof inboxMessageSchema>;

export const replyWindowViewSchema = z.object({
  open: z.boolean(),
  /** When the free-form window closes (null: the channel has no window, or it is closed). */
  closesAt: z.string().nullable(),
  /** Why it is closed, in words. */
  reason: z.string().nullable(),
  /** The channel accepts approved templates outside the window. */
  templates: z.boolean(),
});

/** GET /api/v1/inbox/conversations/:id: everything the conversation screen shows at once. */
export const inboxConversationDetailSchema = z.object({
  conversation: inboxConversationSchema.extend({
    replyConnectionId: z.string().nullable(),
    previousConversationId: z.string().nullable(),
  }),
  messages: z.array(inboxMessageSchema),
  /** True when older messages exist than the first one given (page back with ?beforeSeq=). */
  hasEarlier: z.boolean(),
  notes: z.array(noteViewSchema),
  handoff: handoffContextViewSchema.nullable(),
  replyWindow: replyWindowViewSchema,
});
export type InboxConversationDetail = z.infer<typeof inboxConversationDetailSchema>;

export const cannedResponseViewSchema = z.object({
  id: z.string(),
  shortcut: z.string(),
  title: z.string(),
  body: z.string(),
  /** null: for every language. */
  language: z.string().nullable(),
  teamId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CannedResponseView = z.infer<typeof cannedResponseViewSchema>;

export const cannedResponseBodySchema = z
  .object({
    shortcut: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, - and _'),
    title: z.string().trim().min(1).max(120),
    body: z.string().trim().min(1).max(4000),
    language: z.string().max(16).nullable().optional(),
    teamId: z.string().max(128).nullable().optional(),
  })
  .strict();

/** An approved message template of a channel connection (WhatsApp), offered when the window is closed. */
export const messageTemplateViewSchema = z.object({
  name: z.string(),
  language: z.string(),
  category: z.string().nullable(),
  /** The body with {{1}}, {{2}} ... placeholders. */
  body: z.string(),
  parameterCount: z.number().int(),
});
export type MessageTemplateView = z.infer<typeof messageTemplateViewSchema>;

export const supervisorOverviewSchema = z.object({
  agents: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      role: roleSchema,
      presence: presenceSchema,
      presenceAt: z.string().nullable(),
      open: z.number().int(),
      capacity: z.number().int(),
      teamIds: z.array(z.string()),
    }),
  ),
  queues: z.array(
    z.object({
      teamId: z.string().nullable(),
      teamName: z.string().nullable(),
      waiting: z.number().int(),
      oldestQueuedAt: z.string().nullable(),
      longestWaitSeconds: z.number().int(),
      averageWaitSeconds: z.number().int(),
    }),
  ),
  breaches: z.array(inboxConversationSchema),
  live: z.array(inboxConversationSchema),
});
export type SupervisorOverview = z.infer<typeof supervisorOverviewSchema>;

// ---- /ws/inbox live frames -------------------------------------------------------------------------

/** Each live frame has a cursor: "<node epoch>.<sequence>". Give the last one back to catch up. */
export const inboxEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), conversationId: z.string(), message: inboxMessageSchema }),
  z.object({
    kind: z.literal('message_status'),
    conversationId: z.string(),
    messageId: z.string(),
    status: deliveryStatusSchema,
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  }),
  /** Anything about the conversation changed (status, assignee, team, priority, tags, SLA, snooze). */
  z.object({ kind: z.literal('conversation'), conversation: inboxConversationSchema }),
  /** The conversation left the caller's sight (moved to a restricted team they are not in). */
  z.object({ kind: z.literal('conversation_removed'), conversationId: z.string() }),
  z.object({ kind: z.literal('note'), note: noteViewSchema }),
  z.object({
    kind: z.literal('typing'),
    conversationId: z.string(),
    who: z.enum(['contact', 'agent']),
    userId: z.string().nullable(),
    on: z.boolean(),
  }),
  z.object({ kind: z.literal('presence'), userId: z.string(), presence: presenceSchema }),
  z.object({ kind: z.literal('mention'), note: noteViewSchema }),
  z.object({
    kind: z.literal('sla'),
    conversationId: z.string(),
    timer: slaKindSchema,
    state: z.enum(['warning', 'breached']),
    dueAt: z.string(),
  }),
]);
export type InboxEvent = z.infer<typeof inboxEventSchema>;

export const inboxClientFrameSchema = z.discriminatedUnion('type', [
  /** First frame: the cursor of the last frame seen, if any, to catch up from. */
  z.object({ type: z.literal('hello'), since: z.string().max(64).optional() }),
  z.object({ type: z.literal('typing'), conversationId: z.string().min(1).max(128), on: z.boolean() }),
  z.object({ type: z.literal('presence'), presence: z.enum(['online', 'away']) }),
  z.object({ type: z.literal('read'), conversationId: z.string().min(1).max(128), seq: z.number().int().nonnegative() }),
  z.object({ type: z.literal('ping') }),
]);
export type InboxClientFrame = z.infer<typeof inboxClientFrameSchema>;

export const inboxServerFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    cursor: z.string(),
    /** True when the missed frames could not be replayed: refetch the lists, then carry on live. */
    resync: z.boolean(),
    presence: z.array(z.object({ userId: z.string(), presence: presenceSchema })),
  }),
  z.object({ type: z.literal('event'), cursor: z.string(), event: inboxEventSchema }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
  z.object({ type: z.literal('pong') }),
]);
export type InboxServerFrame = z.infer<typeof inboxServerFrameSchema>;
