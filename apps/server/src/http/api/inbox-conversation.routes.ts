import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChannelError } from '@fio/channel-kit';
import {
  apiErrorSchema,
  inboxConversationDetailSchema,
  inboxMessageSchema,
  mediaContentSchema,
  messageTemplateViewSchema,
  noteBodySchema,
  noteViewSchema,
  pageSchema,
} from '@fio/contracts';
import type { ConnectionRuntime } from '../../channels/connection-registry.ts';
import type { MediaPolicy } from '../../media/media-policy.ts';
import type { MediaStore } from '../../media/media-store.ts';
import type { EventBus } from '../../realtime/event-bus.ts';
import type { Db } from '../../storage/index.ts';
import type { Transact } from '../../storage/group-commit.ts';
import { listThreadMessages } from '../../inbox/conversation/list-thread-messages.ts';
import { loadConversationDetail } from '../../inbox/conversation/load-conversation-detail.ts';
import { storeAttachment } from '../../inbox/conversation/store-attachment.ts';
import type { TypingRelay } from '../../inbox/conversation/create-typing-relay.ts';
import { addNote } from '../../inbox/notes/add-note.ts';
import { listNotes } from '../../inbox/notes/list-notes.ts';
import { listNotifications, markNotificationRead } from '../../inbox/notes/list-notifications.ts';
import type { TemplateCatalog } from '../../inbox/templates/create-template-catalog.ts';
import { AppError } from '../app-error.ts';
import { requirePrincipal, requireRole } from '../auth.ts';
import { requireVisibleConversation } from '../conversation-access.ts';
import { commonErrorResponses, idParamsSchema, listQuerySchema } from './api-schemas.ts';
import { decodeCursor, decodeIntCursor, encodeCursor } from './cursor.ts';

export interface InboxConversationRouteDeps {
  db: Db;
  transact: Transact;
  bus: EventBus;
  connections: { get(id: string): ConnectionRuntime | undefined };
  clock: () => Date;
  templates: TemplateCatalog;
  typing: TypingRelay;
  media: { store: MediaStore; policy: MediaPolicy };
}

const errors = { ...commonErrorResponses, 403: apiErrorSchema };
const notificationViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  conversationId: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
/** People who act on conversations: bot editors only read them. */
const actingRoles = ['admin', 'supervisor', 'agent'] as const;

/**
 * The conversation screen's server side: the detail at once, older messages, private notes with
 * mentions and the notifications they raise, the reply channel's approved templates, attachments, and
 * the agent's typing. Every route that names a conversation checks it is visible to the caller.
 */
export function registerInboxConversationRoutes(app: FastifyInstance, deps: InboxConversationRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/inbox/conversations/:id',
    {
      schema: {
        tags: ['inbox'],
        summary:
          'Everything the conversation screen shows: the row, the latest 50 messages across channels (with authors), notes, the handoff context card and the reply window',
        params: idParamsSchema,
        response: { 200: inboxConversationDetailSchema, ...errors },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      await requireVisibleConversation(deps.db, principal, req.params.id);
      const detail = await loadConversationDetail(deps, principal.workspaceId, req.params.id, principal.userId);
      if (!detail) throw new AppError('conversation_not_found', `no conversation ${req.params.id}`);
      return detail;
    },
  );

  r.get(
    '/api/v1/inbox/conversations/:id/messages',
    {
      schema: {
        tags: ['inbox'],
        summary:
          'Older messages of a conversation, paging back: the newest `limit` before `beforeSeq` (or the cursor), oldest first in the page; nextCursor pages further back',
        params: idParamsSchema,
        querystring: listQuerySchema.extend({ beforeSeq: z.coerce.number().int().min(1).optional() }),
        response: { 200: pageSchema(inboxMessageSchema), ...errors },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      await requireVisibleConversation(deps.db, principal, req.params.id);
      const beforeSeq = decodeIntCursor(req.query.cursor) ?? req.query.beforeSeq;
      const page = await listThreadMessages(deps.db, principal.workspaceId, req.params.id, { beforeSeq, limit: req.query.limit });
      const first = page.messages[0];
      return { data: page.messages, nextCursor: page.hasEarlier && first ? encodeCursor(first.seq) : null };
    },
  );

  r.post(
    '/api/v1/conversations/:id/notes',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Add a private note (agents only see it); "@Name" or "@email-local-part" mentions notify those users',
        params: idParamsSchema,
        body: noteBodySchema,
        response: { 201: noteViewSchema, ...errors },
      },
    },
    async (req, reply) => {
      const principal = requireRole(req, actingRoles);
      const conversation = await requireVisibleConversation(deps.db, principal, req.params.id);
      const note = await addNote(deps, {
        workspaceId: principal.workspaceId,
        conversationId: conversation.id,
        contactId: conversation.contactId,
        text: req.body.text,
        author: { userId: principal.userId, tokenId: principal.tokenId, name: principal.name },
      });
      return reply.status(201).send(note);
    },
  );

  r.get(
    '/api/v1/conversations/:id/notes',
    {
      schema: {
        tags: ['inbox'],
        summary: 'The private notes of a conversation, oldest first',
        params: idParamsSchema,
        querystring: listQuerySchema,
        response: { 200: pageSchema(noteViewSchema), ...errors },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      await requireVisibleConversation(deps.db, principal, req.params.id);
      const after = decodeCursor(req.query.cursor);
      const page = await listNotes(deps.db, principal.workspaceId, req.params.id, {
        afterId: after === undefined ? undefined : String(after),
        limit: req.query.limit,
      });
      const last = page.notes.at(-1);
      return { data: page.notes, nextCursor: page.more && last ? encodeCursor(last.id) : null };
    },
  );

  r.get(
    '/api/v1/notifications',
    {
      schema: {
        tags: ['inbox'],
        summary: "The signed-in person's notifications (mentions, ...): unread first, newest first (an API token has none)",
        querystring: listQuerySchema,
        response: { 200: pageSchema(notificationViewSchema), ...errors },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      const after = decodeNotificationCursor(req.query.cursor);
      if (!principal.userId) return { data: [], nextCursor: null };
      const page = await listNotifications(deps.db, principal.workspaceId, principal.userId, { after, limit: req.query.limit });
      return { data: page.data, nextCursor: page.next ? encodeCursor(`${page.next.unread ? 'u' : 'r'}:${page.next.id}`) : null };
    },
  );

  r.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Mark one of your notifications read',
        params: idParamsSchema,
        response: { 200: z.object({ id: z.string(), read: z.literal(true) }), ...errors },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      const found =
        principal.userId !== null &&
        (await markNotificationRead(deps.db, principal.workspaceId, principal.userId, req.params.id, deps.clock().toISOString()));
      if (!found) throw new AppError('notification_not_found', `no notification ${req.params.id} of yours`);
      return { id: req.params.id, read: true as const };
    },
  );

  r.get(
    '/api/v1/conversations/:id/templates',
    {
      schema: {
        tags: ['inbox'],
        summary:
          "The approved message templates of the conversation's reply channel (WhatsApp), what an agent may send once the reply window closed; [] for channels without templates",
        params: idParamsSchema,
        response: { 200: z.object({ data: z.array(messageTemplateViewSchema) }), 503: apiErrorSchema, ...errors },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      await requireVisibleConversation(deps.db, principal, req.params.id);
      const route = await deps.db
        .selectFrom('conversations')
        .select('reply_connection_id')
        .where('workspace_id', '=', principal.workspaceId)
        .where('id', '=', req.params.id)
        .executeTakeFirst();
      const connection = route?.reply_connection_id ? deps.connections.get(route.reply_connection_id) : undefined;
      if (!connection || connection.workspaceId !== principal.workspaceId) return { data: [] };
      try {
        return { data: await deps.templates.list(connection) };
      } catch (err) {
        if (err instanceof ChannelError)
          throw new AppError('templates_unavailable', `${connection.name} did not list its templates: ${err.message}`);
        throw err;
      }
    },
  );

  r.post(
    '/api/v1/conversations/:id/typing',
    {
      schema: {
        tags: ['inbox'],
        summary:
          'The agent is typing (or stopped): shown to the other agents, and to the customer where the reply channel shows typing (at most one provider call per 5 s)',
        params: idParamsSchema,
        body: z.object({ on: z.boolean() }).strict(),
        response: { 200: z.object({ forwarded: z.boolean() }), ...errors },
      },
    },
    async (req) => {
      const principal = requireRole(req, actingRoles);
      await requireVisibleConversation(deps.db, principal, req.params.id);
      const route = await deps.db
        .selectFrom('conversations')
        .select(['reply_connection_id', 'reply_channel_type', 'reply_address'])
        .where('workspace_id', '=', principal.workspaceId)
        .where('id', '=', req.params.id)
        .executeTakeFirst();
      return deps.typing.agentTyping({
        workspaceId: principal.workspaceId,
        conversationId: req.params.id,
        userId: principal.userId,
        on: req.body.on,
        route: {
          connectionId: route?.reply_connection_id ?? null,
          channelType: route?.reply_channel_type ?? null,
          address: route?.reply_address ?? null,
        },
      });
    },
  );

  // The file is the body (its own Content-Type); this plugin alone takes any type, up to the media limit.
  void app.register(async (upload) => {
    upload.removeAllContentTypeParsers();
    upload.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.media.policy.maxBytes }, (_req, body, done) => {
      done(null, body);
    });
    upload.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/conversations/:id/attachments',
      {
        bodyLimit: deps.media.policy.maxBytes,
        schema: {
          tags: ['inbox'],
          summary:
            'Upload a file to send in a reply: the raw bytes as the body with their Content-Type, the name in ?filename= (or X-Filename); answers the media content to put in POST …/replies',
          params: idParamsSchema,
          querystring: z.object({ filename: z.string().min(1).max(255).optional(), caption: z.string().max(1024).optional() }),
          response: {
            201: z.object({ content: mediaContentSchema }),
            ...errors,
            413: apiErrorSchema,
            415: apiErrorSchema,
          },
        },
      },
      async (req, reply) => {
        const principal = requireRole(req, actingRoles);
        await requireVisibleConversation(deps.db, principal, req.params.id);
        const body: unknown = req.body;
        const type = req.headers['content-type'];
        if (!(body instanceof Buffer) || body.byteLength === 0 || !type)
          throw new AppError('unsupported_media_type', 'send the file itself as the body, with its Content-Type');
        const header = req.headers['x-filename'];
        const filename = req.query.filename ?? (typeof header === 'string' ? safeDecode(header) : null);
        const stored = await storeAttachment(
          { db: deps.db, store: deps.media.store, policy: deps.media.policy, clock: deps.clock },
          {
            workspaceId: principal.workspaceId,
            body,
            mimeType: type,
            filename: filename?.slice(0, 255) ?? null,
            caption: req.query.caption,
          },
        );
        if (!stored.ok) throw new AppError(stored.reason, stored.message);
        return reply.status(201).send({ content: stored.content });
      },
    );
  });
}

function decodeNotificationCursor(cursor: string | undefined): { unread: boolean; id: string } | undefined {
  const key = decodeCursor(cursor);
  if (key === undefined) return undefined;
  const match = typeof key === 'string' ? /^([ur]):(.+)$/.exec(key) : null;
  if (!match?.[2]) throw new AppError('invalid_cursor', 'the cursor is not one this API issued');
  return { unread: match[1] === 'u', id: match[2] };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
