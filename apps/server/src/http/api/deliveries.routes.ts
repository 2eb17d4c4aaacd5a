import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema, pageSchema } from '@fio/contracts';
import type { Db, Transact } from '../../storage/index.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { createMessageRepository } from '../../conversation/message.repository.ts';
import { AppError } from '../app-error.ts';
import { requireRole } from '../auth.ts';
import { commonErrorResponses, listQuerySchema } from './api-schemas.ts';
import { decodeIntCursor, encodeCursor } from './cursor.ts';

const deadDeliverySchema = z.object({
  id: z.number().int(),
  conversationId: z.string(),
  messageId: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  failedAt: z.string(),
});

function readMessageId(payloadJson: string): string {
  const value = (JSON.parse(payloadJson) as { messageId?: unknown }).messageId;
  return typeof value === 'string' ? value : '';
}

/** The dead letters: deliveries that failed for good, with the provider's reason, and a way to retry them. */
export function registerDeliveryRoutes(
  app: FastifyInstance,
  deps: { db: Db; transact: Transact; jobs: JobQueue; clock: () => Date; wake: () => void },
): void {
  const { db, transact, jobs, clock, wake } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/deliveries/dead',
    {
      schema: {
        tags: ['deliveries'],
        summary: 'List deliveries that failed permanently (dead letters), newest first',
        querystring: listQuerySchema,
        response: { 200: pageSchema(deadDeliverySchema), 403: apiErrorSchema, ...commonErrorResponses },
      },
    },
    async (req) => {
      // Dead letters carry the text of any conversation (restricted teams' too): for those who see them all.
      const { workspaceId } = requireRole(req, ['admin', 'supervisor']);
      const after = decodeIntCursor(req.query.cursor);
      const rows = await db
        .selectFrom('jobs')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('queue', '=', 'delivery')
        .where('status', '=', 'dead')
        .$if(after !== undefined, (qb) => qb.where('id', '<', Number(after)))
        .orderBy('id', 'desc')
        .limit(req.query.limit + 1)
        .execute();
      const page = rows.slice(0, req.query.limit).map((row) => ({
        id: Number(row.id),
        conversationId: row.conversation_id,
        messageId: readMessageId(row.payload_json),
        attempts: row.attempts,
        lastError: row.last_error,
        failedAt: row.updated_at,
      }));
      const last = page.at(-1);
      return { data: page, nextCursor: rows.length > req.query.limit && last ? encodeCursor(last.id) : null };
    },
  );

  r.post(
    '/api/v1/deliveries/:id/retry',
    {
      schema: {
        tags: ['deliveries'],
        summary: 'Put a dead-lettered delivery back in line',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 202: z.object({ id: z.number().int(), status: z.literal('pending') }), ...commonErrorResponses },
      },
    },
    async (req, reply) => {
      const { workspaceId } = requireRole(req, ['admin', 'supervisor']);
      const now = clock();
      // The message goes back to pending only together with its job: both or neither.
      const revived = await transact(async (tx) => {
        const job = await tx
          .selectFrom('jobs')
          .select(['payload_json'])
          .where('id', '=', req.params.id)
          .where('workspace_id', '=', workspaceId)
          .where('queue', '=', 'delivery')
          .where('status', '=', 'dead')
          .executeTakeFirst();
        if (!job || !(await jobs.revive(tx, req.params.id, workspaceId, now))) return false;
        await createMessageRepository(tx, workspaceId).resetForRetry(readMessageId(job.payload_json), now.toISOString());
        return true;
      });
      if (!revived) throw new AppError('delivery_not_found', `no dead delivery ${req.params.id}`);
      wake();
      return reply.status(202).send({ id: req.params.id, status: 'pending' as const });
    },
  );
}
