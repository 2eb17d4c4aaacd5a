import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiErrorSchema,
  conversationStatusChangeSchema,
  conversationWithSummarySchema,
  replyOptionSchema,
  type ReplyOption,
} from '@fio/contracts';
import { createConsentRepository } from '../../compliance/index.ts';
import { createConversationRepository, toConversationView } from '../../conversation/conversation.repository.ts';
import { listReplyRoutes } from '../../conversation/continuity/list-reply-routes.ts';
import { reopenConversation } from '../../conversation/continuity/reopen-conversation.ts';
import { resolveConversation } from '../../conversation/continuity/resolve-conversation.ts';
import { loadConversationSummary } from '../../conversation/load-conversation-summary.ts';
import type { PipelineDeps } from '../../conversation/pipeline/pipeline-deps.ts';
import { replyWindow } from '../../conversation/reply-window.ts';
import { AppError } from '../app-error.ts';
import { requirePrincipal, requireRole } from '../auth.ts';
import { requireVisibleConversation } from '../conversation-access.ts';
import { commonErrorResponses, idParamsSchema } from './api-schemas.ts';

const resolveBodySchema = z
  .object({
    note: z.string().trim().min(1).max(2000).optional(),
    /** Ask the customer for a 1–5 score on the reply channel; their answer within 24 h is recorded on this conversation. */
    askCsat: z.boolean().optional(),
  })
  .strict();

/**
 * What an agent does to one conversation beyond replying: resolve, reopen, read its summary and the
 * channels the customer can be answered on (assignment, transfer, snooze, hand-back: assignment.routes.ts).
 */
export function registerConversationActionRoutes(app: FastifyInstance, deps: PipelineDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const defaultLanguage = (workspaceId: string) => deps.workspaces.get(workspaceId)?.definition.defaultLanguage ?? 'pt-BR';

  r.post(
    '/api/v1/conversations/:id/resolve',
    {
      schema: {
        tags: ['conversations'],
        summary:
          "Resolve a conversation (optional note; askCsat asks the customer for a 1–5 score); answers with its summary. The customer's next message opens a new one",
        params: idParamsSchema,
        // An empty POST (no body) is the common case: treated as no note.
        body: resolveBodySchema.nullish(),
        response: { 200: conversationStatusChangeSchema, 409: apiErrorSchema, ...commonErrorResponses },
      },
    },
    async (req) => {
      const principal = requireRole(req, ['admin', 'supervisor', 'agent']);
      await requireVisibleConversation(deps.db, principal, req.params.id);
      const result = await resolveConversation(deps, {
        workspaceId: principal.workspaceId,
        conversationId: req.params.id,
        note: req.body?.note ?? null,
        actorTokenId: principal.tokenId,
        askCsat: req.body?.askCsat === true,
      });
      if (!result.ok) throw new AppError(result.reason, result.message);
      return {
        conversation: toConversationView(result.conversation),
        from: result.from,
        summary: result.summary,
        previousConversationId: result.previousConversationId,
      };
    },
  );

  r.post(
    '/api/v1/conversations/:id/reopen',
    {
      schema: {
        tags: ['conversations'],
        summary:
          'Reopen a resolved conversation: back to the bot, or to the queue when a person had it (409 while the customer has another open one)',
        params: idParamsSchema,
        response: { 200: conversationStatusChangeSchema, 409: apiErrorSchema, ...commonErrorResponses },
      },
    },
    async (req) => {
      const principal = requireRole(req, ['admin', 'supervisor', 'agent']);
      await requireVisibleConversation(deps.db, principal, req.params.id);
      const result = await reopenConversation(deps, {
        workspaceId: principal.workspaceId,
        conversationId: req.params.id,
        actorTokenId: principal.tokenId,
      });
      if (!result.ok) throw new AppError(result.reason, result.message, result.details);
      const conversations = createConversationRepository(deps.db, principal.workspaceId);
      return {
        conversation: toConversationView(result.conversation),
        from: 'resolved' as const,
        summary: null,
        previousConversationId: await conversations.findPreviousId(result.conversation),
      };
    },
  );

  r.get(
    '/api/v1/conversations/:id/summary',
    {
      schema: {
        tags: ['conversations'],
        summary:
          'A conversation with its summary (what was asked, done, on which channels) and the previous conversation of the same customer',
        params: idParamsSchema,
        response: { 200: conversationWithSummarySchema, ...commonErrorResponses },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      const { workspaceId } = principal;
      await requireVisibleConversation(deps.db, principal, req.params.id);
      const conversations = createConversationRepository(deps.db, workspaceId);
      const conversation = await conversations.get(req.params.id);
      if (!conversation) throw new AppError('conversation_not_found', `no conversation ${req.params.id}`);
      return {
        ...toConversationView(conversation),
        summary: await loadConversationSummary(deps.db, workspaceId, conversation, defaultLanguage(workspaceId)),
        previousConversationId: await conversations.findPreviousId(conversation),
      };
    },
  );

  r.get(
    '/api/v1/conversations/:id/reply-options',
    {
      schema: {
        tags: ['conversations'],
        summary: "The channels an agent can answer this customer on, each with its reply window and the customer's consent",
        params: idParamsSchema,
        response: { 200: z.object({ data: z.array(replyOptionSchema) }), ...commonErrorResponses },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      const { workspaceId } = principal;
      await requireVisibleConversation(deps.db, principal, req.params.id);
      const conversation = await createConversationRepository(deps.db, workspaceId).get(req.params.id);
      if (!conversation) throw new AppError('conversation_not_found', `no conversation ${req.params.id}`);
      const routes = await listReplyRoutes(deps.db, deps.connections, conversation);
      const consents = createConsentRepository(deps.db, workspaceId);
      const now = deps.clock();
      const data: ReplyOption[] = [];
      for (const route of routes) {
        const { connection } = route;
        const consent = await consents.current(conversation.contactId, connection.type);
        const window = replyWindow(connection.capabilities, route.lastInboundAt, 'agent', now, connection.adapter.definition.displayName);
        data.push({
          connectionId: connection.id,
          channelType: connection.type,
          connectionName: connection.name,
          address: route.address,
          identityKind: route.identityKind,
          current: route.current,
          replyWindow: window,
          consent: consent ? { status: consent.status, at: consent.createdAt } : null,
        });
      }
      return { data };
    },
  );
}
