import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conversationStatusSchema, conversationViewSchema, messageViewSchema, pageSchema } from '@fio/contracts';
import type { Db } from '../../storage/index.ts';
import { toConversation, toConversationView, createConversationRepository } from '../../conversation/conversation.repository.ts';
import { createMessageRepository, toMessageView } from '../../conversation/message.repository.ts';
import { listConversationEvents } from '../../events/event-log.ts';
import { AppError } from '../app-error.ts';
import { requirePrincipal } from '../auth.ts';
import { loadRestrictedTeamIds, requireVisibleConversation } from '../conversation-access.ts';
import { commonErrorResponses, idParamsSchema, listQuerySchema } from './api-schemas.ts';
import { decodeCursor, decodeIntCursor, encodeCursor } from './cursor.ts';

export function registerConversationRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/conversations',
    {
      schema: {
        tags: ['conversations'],
        summary: 'List conversations, newest first',
        querystring: listQuerySchema.extend({ status: conversationStatusSchema.optional(), contactId: z.string().max(128).optional() }),
        response: { 200: pageSchema(conversationViewSchema), ...commonErrorResponses },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      const { workspaceId } = principal;
      const after = decodeCursor(req.query.cursor);
      // Restricted teams' conversations are left out for people who may not see them (same rule as canSeeConversation).
      const seesAll = principal.role === 'admin' || principal.role === 'supervisor';
      const hidden = seesAll ? [] : [...(await loadRestrictedTeamIds(db, workspaceId))].filter((t) => !principal.teamIds.includes(t));
      const rows = await db
        .selectFrom('conversations')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .$if(hidden.length > 0, (qb) =>
          qb.where((eb) =>
            eb.or([
              eb('team_id', 'is', null),
              eb('team_id', 'not in', hidden),
              ...(principal.userId ? [eb('assignee_id', '=', principal.userId)] : []),
            ]),
          ),
        )
        .$if(req.query.status !== undefined, (qb) => qb.where('status', '=', req.query.status ?? ''))
        .$if(req.query.contactId !== undefined, (qb) => qb.where('contact_id', '=', req.query.contactId ?? ''))
        .$if(after !== undefined, (qb) => qb.where('id', '<', String(after)))
        .orderBy('id', 'desc')
        .limit(req.query.limit + 1)
        .execute();
      const page = rows.slice(0, req.query.limit).map((row) => toConversationView(toConversation(row)));
      const last = page.at(-1);
      return { data: page, nextCursor: rows.length > req.query.limit && last ? encodeCursor(last.id) : null };
    },
  );

  r.get(
    '/api/v1/conversations/:id',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Get one conversation',
        params: idParamsSchema,
        response: { 200: conversationViewSchema, ...commonErrorResponses },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      const { workspaceId } = principal;
      await requireVisibleConversation(db, principal, req.params.id);
      const conversation = await createConversationRepository(db, workspaceId).get(req.params.id);
      if (!conversation) throw new AppError('conversation_not_found', `no conversation ${req.params.id}`);
      return toConversationView(conversation);
    },
  );

  r.get(
    '/api/v1/conversations/:id/messages',
    {
      schema: {
        tags: ['conversations'],
        summary: 'List the messages of a conversation in order (by sequence number)',
        params: idParamsSchema,
        querystring: listQuerySchema,
        response: { 200: pageSchema(messageViewSchema), ...commonErrorResponses },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      const { workspaceId } = principal;
      await requireVisibleConversation(db, principal, req.params.id);
      const conversation = await createConversationRepository(db, workspaceId).get(req.params.id);
      if (!conversation) throw new AppError('conversation_not_found', `no conversation ${req.params.id}`);
      const after = decodeIntCursor(req.query.cursor) ?? 0;
      const rows = await createMessageRepository(db, workspaceId).listAfter(conversation.id, after, req.query.limit + 1);
      const page = rows.slice(0, req.query.limit);
      const last = page.at(-1);
      return { data: page.map(toMessageView), nextCursor: rows.length > req.query.limit && last ? encodeCursor(last.seq) : null };
    },
  );

  r.get(
    '/api/v1/conversations/:id/events',
    {
      schema: {
        tags: ['conversations'],
        summary: 'The domain events of a conversation (audit trail), oldest first',
        params: idParamsSchema,
        response: {
          200: z.object({
            data: z.array(
              z.object({ id: z.number(), type: z.string(), payload: z.record(z.string(), z.unknown()), occurredAt: z.string() }),
            ),
          }),
          ...commonErrorResponses,
        },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      const { workspaceId } = principal;
      await requireVisibleConversation(db, principal, req.params.id);
      const conversation = await createConversationRepository(db, workspaceId).get(req.params.id);
      if (!conversation) throw new AppError('conversation_not_found', `no conversation ${req.params.id}`);
      const events = await listConversationEvents(db, workspaceId, conversation.id);
      return { data: events.map((e) => ({ id: e.id, type: e.type, payload: e.payload, occurredAt: e.occurredAt })) };
    },
  );
}
