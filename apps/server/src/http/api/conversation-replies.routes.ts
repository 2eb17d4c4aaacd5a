import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentSchema, messageViewSchema, replyViaSchema } from '@fio/contracts';
import { sendAgentReply } from '../../conversation/pipeline/send-agent-reply.ts';
import type { PipelineDeps } from '../../conversation/pipeline/pipeline-deps.ts';
import { AppError } from '../app-error.ts';
import { requireRole } from '../auth.ts';
import { commonErrorResponses, idParamsSchema } from './api-schemas.ts';

const bodySchema = z.object({
  content: contentSchema.refine((c) => c.kind !== 'unsupported', 'unsupported content cannot be sent'),
  /** Another of the customer's channels for this reply: a connection, or a channel type; sticky keeps it until they write. */
  via: replyViaSchema.optional(),
});

/** POST /api/v1/conversations/:id/messages — a person's reply, on the channel the customer used last or the one the agent picks. */
export function registerConversationReplyRoutes(app: FastifyInstance, deps: PipelineDeps): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/conversations/:id/messages',
    {
      schema: {
        tags: ['conversations'],
        summary:
          "Send a person's reply on the conversation's reply channel, or on another of the customer's channels (`via`); refused with the reason when the channel's window is closed or the customer cannot be reached there",
        params: idParamsSchema,
        body: bodySchema,
        response: { 201: z.object({ data: z.array(messageViewSchema) }), ...commonErrorResponses },
      },
    },
    async (req, reply) => {
      const principal = requireRole(req, ['admin', 'supervisor', 'agent']);
      const result = await sendAgentReply(deps, {
        workspaceId: principal.workspaceId,
        conversationId: req.params.id,
        contents: [req.body.content],
        authorTokenId: principal.tokenId,
        via: req.body.via,
      });
      if (!result.ok) throw new AppError(result.reason, result.message);
      return reply.status(201).send({ data: result.messages });
    },
  );
}
