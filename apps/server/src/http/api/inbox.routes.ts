import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiErrorSchema,
  inboxConversationSchema,
  inboxCountsSchema,
  inboxListQuerySchema,
  pageSchema,
  supervisorOverviewSchema,
} from '@fio/contracts';
import { countInbox } from '../../inbox/list/count-inbox.ts';
import { listInboxConversations } from '../../inbox/list/list-inbox-conversations.ts';
import { loadInboxConversation } from '../../inbox/list/load-inbox-conversations.ts';
import { markRead } from '../../inbox/reads/mark-read.ts';
import { loadSupervisorOverview } from '../../inbox/supervisor/load-supervisor-overview.ts';
import type { EventBus } from '../../realtime/event-bus.ts';
import type { Db } from '../../storage/index.ts';
import { AppError } from '../app-error.ts';
import { requirePrincipal, requireRole } from '../auth.ts';
import { requireVisibleConversation } from '../conversation-access.ts';
import { commonErrorResponses, idParamsSchema } from './api-schemas.ts';

export interface InboxRouteDeps {
  db: Db;
  bus: EventBus;
  clock: () => Date;
}

const errors = { ...commonErrorResponses, 403: apiErrorSchema };
/** Routes without options refuse unknown ones rather than ignore them. */
const noQuerySchema = z.object({}).strict();
const readBodySchema = z.object({ seq: z.number().int().nonnegative() }).strict();

/**
 * The conversation list's server side: the views with filters and search, the badges' counts, read
 * marks, and the supervisor's overview. Every signed-in role and API tokens may list (a token is no
 * one, so its mine and my-teams views are empty); only people have read marks.
 */
export function registerInboxRoutes(app: FastifyInstance, deps: InboxRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/inbox/conversations',
    {
      schema: {
        tags: ['inbox'],
        summary:
          'The conversation list: a view (mine, unassigned, my_teams, all, snoozed, resolved) filtered by channel, status, team (id or key), tag, priority, SLA state, language, and searched with q (messages, contact name, e-mail, phone; accents and case ignored)',
        querystring: inboxListQuerySchema,
        response: { 200: pageSchema(inboxConversationSchema), ...errors },
      },
    },
    async (req) => listInboxConversations(deps.db, requirePrincipal(req), req.query),
  );

  r.get(
    '/api/v1/inbox/counts',
    {
      schema: {
        tags: ['inbox'],
        summary: 'How many conversations each view holds for the caller, and how many of them have messages the caller has not read',
        querystring: noQuerySchema,
        response: { 200: inboxCountsSchema, ...errors },
      },
    },
    async (req) => countInbox(deps.db, requirePrincipal(req)),
  );

  r.post(
    '/api/v1/inbox/conversations/:id/read',
    {
      schema: {
        tags: ['inbox'],
        summary:
          'Mark the conversation read up to message `seq` for the signed-in person (never moves back; capped at the last message); answers the row as the caller now sees it',
        params: idParamsSchema,
        body: readBodySchema,
        response: { 200: inboxConversationSchema, ...errors },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      if (!principal.userId) throw new AppError('forbidden', 'read marks belong to a signed-in person, not an API token');
      const conversation = await requireVisibleConversation(deps.db, principal, req.params.id);
      const result = await markRead(deps.db, principal.workspaceId, conversation.id, principal.userId, req.body.seq, deps.clock());
      if (result?.changed)
        deps.bus.emit('conversation.changed', {
          workspaceId: principal.workspaceId,
          conversationId: conversation.id,
          contactId: conversation.contactId,
        });
      const row = await loadInboxConversation(deps.db, principal.workspaceId, conversation.id, principal.userId);
      if (!row) throw new AppError('conversation_not_found', `no conversation ${req.params.id}`);
      return row;
    },
  );

  r.get(
    '/api/v1/supervisor/overview',
    {
      schema: {
        tags: ['inbox'],
        summary:
          "The supervisor's view: agents' presence and load, each team's queue (and the no-team queue) with waiting times, SLA breaches (newest first, 50 at most) and live conversations (bot or assigned, a message in the last 15 minutes)",
        querystring: noQuerySchema,
        response: { 200: supervisorOverviewSchema, ...errors },
      },
    },
    async (req) => {
      const principal = requireRole(req, ['admin', 'supervisor']);
      return loadSupervisorOverview(deps.db, { workspaceId: principal.workspaceId, viewerUserId: principal.userId, now: deps.clock() });
    },
  );
}
