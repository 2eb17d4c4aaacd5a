import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '@fio/contracts';
import { businessEventResultSchema, maxEventsPerRequest, recordBusinessEvents } from '../../contacts/index.ts';
import { AppError } from '../app-error.ts';
import { requireRole } from '../auth.ts';
import { commonErrorResponses } from './api-schemas.ts';
import { contactWriterRoles, type ContactRouteDeps } from './contacts.routes.ts';

/**
 * One event or `{ events: [...] }`. Items are checked one by one (a bad item is an error in its own
 * result, never a refusal of the others), so the body schema only checks the envelope.
 */
const bodySchema = z.union([
  z.strictObject({ events: z.array(z.unknown()).min(1).max(maxEventsPerRequest) }),
  z.record(z.string(), z.unknown()).refine((b) => !('events' in b), {
    message: `events must be a list of 1 to ${maxEventsPerRequest} events`,
  }),
]);

export function registerEventRoutes(app: FastifyInstance, deps: ContactRouteDeps): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/events',
    {
      schema: {
        tags: ['events'],
        summary:
          "Record business events (order_placed, cart.abandoned...) on contacts' timelines; `id` makes a retry safe; answers per item",
        body: bodySchema,
        response: {
          202: z.object({ results: z.array(businessEventResultSchema) }),
          ...commonErrorResponses,
          403: apiErrorSchema,
        },
      },
    },
    async (req, reply) => {
      const { workspaceId } = requireRole(req, contactWriterRoles);
      const body = req.body;
      const items = Array.isArray(body['events']) ? body['events'] : [body];
      if (items.length === 0) throw new AppError('validation_failed', 'no events');
      const results = await recordBusinessEvents(deps, { workspaceId, items, now: deps.clock().toISOString() });
      return reply.status(202).send({ results });
    },
  );
}
