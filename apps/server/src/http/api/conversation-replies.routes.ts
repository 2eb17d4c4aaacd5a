import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema, contentSchema, messageViewSchema, replyViaSchema } from '@fio/contracts';
import { sendAgentReply } from '../../conversation/pipeline/send-agent-reply.ts';
import type { PipelineDeps } from '../../conversation/pipeline/pipeline-deps.ts';
import { AppError } from '../app-error.ts';
import { requireRole } from '../auth.ts';
import { requireVisibleConversation } from '../conversation-access.ts';
import { commonErrorResponses, idParamsSchema } from './api-schemas.ts';

const bodySchema = z.object({
  /**
   * Text, media (an attachment's content from POST …/attachments), a list, a location, a contact card, or
   * an approved template ({kind: 'template', name, language, parameters, fallbackText}): the one thing that
   * goes out once a channel's reply window has closed.
   */
  content: contentSchema.refine((c) => c.kind !== 'unsupported', 'unsupported content cannot be sent'),
  /** Another of the customer's channels for this reply: a connection, or a channel type; sticky keeps it until they write. */
  via: replyViaSchema.optional(),
});

const summary =
  "Send a person's reply on the conversation's reply channel, or on another of the customer's channels (`via`); refused with the reason when the channel's window is closed (send an approved template then) or the customer cannot be reached there";

/**
 * POST /api/v1/conversations/:id/replies (and its first name, …/messages): a person's reply, on the
 * channel the customer used last or the one the agent picks. Bot editors read conversations but never
 * answer in them; a conversation hidden from the caller is a 404 like a missing one.
 */
export function registerConversationReplyRoutes(app: FastifyInstance, deps: PipelineDeps): void {
  for (const path of ['/api/v1/conversations/:id/replies', '/api/v1/conversations/:id/messages']) {
    app.withTypeProvider<ZodTypeProvider>().post(
      path,
      {
        schema: {
          tags: ['conversations'],
          summary,
          params: idParamsSchema,
          body: bodySchema,
          response: {
            201: z.object({ data: z.array(messageViewSchema) }),
            403: apiErrorSchema,
            409: apiErrorSchema,
            422: apiErrorSchema,
            ...commonErrorResponses,
          },
        },
      },
      async (req, reply) => {
        const principal = requireRole(req, ['admin', 'supervisor', 'agent']);
        await requireVisibleConversation(deps.db, principal, req.params.id);
        // authorId names the person in messages.author_id (the handoff work adds it to sendAgentReply's input).
        const input = {
          workspaceId: principal.workspaceId,
          conversationId: req.params.id,
          contents: [req.body.content],
          authorTokenId: principal.tokenId,
          authorId: principal.userId,
          via: req.body.via,
        };
        const result = await sendAgentReply(deps, input);
        if (!result.ok) throw new AppError(result.reason, result.message);
        return reply.status(201).send({ data: result.messages });
      },
    );
  }
}
