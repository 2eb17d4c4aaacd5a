import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema, inboxConversationSchema, prioritySchema } from '@fio/contracts';
import {
  assignConversation,
  handBackConversation,
  loadAssignmentState,
  setConversationPriority,
  setConversationTags,
  snoozeConversation,
  transferConversation,
  unsnoozeConversation,
  type ActionResult,
  type Actor,
  type HandoffDeps,
} from '../../handoff/index.ts';
import { loadInboxConversation } from '../../inbox/index.ts';
import { AppError } from '../app-error.ts';
import { requireRole, type Principal } from '../auth.ts';
import { requireVisibleConversation } from '../conversation-access.ts';
import { commonErrorResponses, idParamsSchema } from './api-schemas.ts';

const noteSchema = z.string().trim().min(1).max(8000);

const assignBodySchema = z.strictObject({
  /** A user id, 'me' (the signed-in caller), or null to put it back in its team's queue. */
  userId: z.string().min(1).max(128).nullable(),
});
const transferBodySchema = z
  .strictObject({
    userId: z.string().min(1).max(128).optional(),
    teamId: z.string().min(1).max(128).optional(),
    note: noteSchema.optional(),
  })
  .refine((b) => b.userId !== undefined || b.teamId !== undefined, { message: 'name a userId or a teamId' });
const snoozeBodySchema = z
  .strictObject({ until: z.iso.datetime({ offset: true }).optional(), untilReply: z.literal(true).optional() })
  .refine((b) => b.until !== undefined || b.untilReply === true, { message: 'give until (a time) or untilReply: true' });
const handBackBodySchema = z.strictObject({ note: noteSchema.optional() });
const priorityBodySchema = z.strictObject({ priority: prioritySchema });
const tagsBodySchema = z.strictObject({ tags: z.array(z.string().trim().min(1).max(64)).max(20) });

/** Who holds the conversation after the action, plus its inbox row as the caller sees it. */
const assignmentAnswerSchema = z.object({
  id: z.string(),
  status: z.enum(['bot', 'queued', 'assigned', 'resolved']),
  assigneeId: z.string().nullable(),
  teamId: z.string().nullable(),
  priority: prioritySchema,
  tags: z.array(z.string()),
  snoozedUntil: z.string().nullable(),
  snoozedForReply: z.boolean(),
  conversation: inboxConversationSchema.nullable(),
});

const actionResponses = {
  200: assignmentAnswerSchema,
  403: apiErrorSchema,
  409: apiErrorSchema,
  422: apiErrorSchema,
  ...commonErrorResponses,
};

/**
 * The agents' actions on who holds a conversation: assign, transfer, snooze, hand back to the bot,
 * priority and tags. Every route checks the caller may see the conversation (404 otherwise); bot
 * editors only read. Each answers with the new assignment state and the inbox row.
 */
export function registerAssignmentRoutes(app: FastifyInstance, deps: HandoffDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** The caller, allowed to act, on a conversation they may see. */
  async function actingOn(req: FastifyRequest<{ Params: { id: string } }>): Promise<{ principal: Principal; actor: Actor }> {
    const principal = requireRole(req, ['admin', 'supervisor', 'agent']);
    await requireVisibleConversation(deps.db, principal, req.params.id);
    return { principal, actor: { userId: principal.userId, role: principal.role, tokenId: principal.tokenId, name: principal.name } };
  }

  async function answer(principal: Principal, conversationId: string, result: ActionResult) {
    if (!result.ok) throw new AppError(result.reason, result.message);
    const state = await loadAssignmentState(deps.db, principal.workspaceId, conversationId);
    if (!state) throw new AppError('conversation_not_found', `no conversation ${conversationId}`);
    return { ...state, conversation: await loadInboxConversation(deps.db, principal.workspaceId, conversationId, principal.userId) };
  }

  r.post(
    '/api/v1/conversations/:id/assign',
    {
      schema: {
        tags: ['inbox'],
        summary:
          "Assign to a person ('me' = the caller) or back to the team's queue (null). Agents take only for themselves; 409 already_assigned when someone else holds it",
        params: idParamsSchema,
        body: assignBodySchema,
        response: actionResponses,
      },
    },
    async (req) => {
      const { principal, actor } = await actingOn(req);
      let userId = req.body.userId;
      if (userId === 'me') {
        if (!principal.userId) throw new AppError('validation_failed', "an API token is no one: name the userId instead of 'me'");
        userId = principal.userId;
      }
      const result = await assignConversation(deps, { workspaceId: principal.workspaceId, conversationId: req.params.id, userId, actor });
      return answer(principal, req.params.id, result);
    },
  );

  r.post(
    '/api/v1/conversations/:id/transfer',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Transfer to a person (assigned at once) or a team (queued there), with an optional private note',
        params: idParamsSchema,
        body: transferBodySchema,
        response: actionResponses,
      },
    },
    async (req) => {
      const { principal, actor } = await actingOn(req);
      const result = await transferConversation(deps, {
        workspaceId: principal.workspaceId,
        conversationId: req.params.id,
        ...(req.body.userId ? { userId: req.body.userId } : {}),
        ...(req.body.teamId ? { teamId: req.body.teamId } : {}),
        ...(req.body.note ? { note: req.body.note } : {}),
        actor,
      });
      return answer(principal, req.params.id, result);
    },
  );

  r.post(
    '/api/v1/conversations/:id/snooze',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Snooze until a time, until the customer replies, or whichever comes first: out of the working views, SLA paused',
        params: idParamsSchema,
        body: snoozeBodySchema,
        response: actionResponses,
      },
    },
    async (req) => {
      const { principal, actor } = await actingOn(req);
      const until = req.body.until ? new Date(req.body.until) : null;
      if (until && until.getTime() <= deps.clock().getTime()) throw new AppError('validation_failed', 'until must be in the future');
      const result = await snoozeConversation(deps, {
        workspaceId: principal.workspaceId,
        conversationId: req.params.id,
        until,
        untilReply: req.body.untilReply === true,
        actor,
      });
      return answer(principal, req.params.id, result);
    },
  );

  r.post(
    '/api/v1/conversations/:id/unsnooze',
    {
      schema: { tags: ['inbox'], summary: 'End a snooze now', params: idParamsSchema, response: actionResponses },
    },
    async (req) => {
      const { principal } = await actingOn(req);
      const result = await unsnoozeConversation(deps, {
        workspaceId: principal.workspaceId,
        conversationId: req.params.id,
        by: principal.tokenId,
      });
      return answer(principal, req.params.id, result);
    },
  );

  r.post(
    '/api/v1/conversations/:id/hand-back',
    {
      schema: {
        tags: ['inbox'],
        summary: "Hand the conversation back to the bot (no assignee or team; the bot answers the customer's next message)",
        params: idParamsSchema,
        body: handBackBodySchema.nullish(),
        response: actionResponses,
      },
    },
    async (req) => {
      const { principal, actor } = await actingOn(req);
      const note = req.body?.note;
      const result = await handBackConversation(deps, {
        workspaceId: principal.workspaceId,
        conversationId: req.params.id,
        ...(note ? { note } : {}),
        actor,
      });
      return answer(principal, req.params.id, result);
    },
  );

  r.put(
    '/api/v1/conversations/:id/priority',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Set the priority (routing order; the SLA policy is picked again)',
        params: idParamsSchema,
        body: priorityBodySchema,
        response: actionResponses,
      },
    },
    async (req) => {
      const { principal } = await actingOn(req);
      const result = await setConversationPriority(deps, {
        workspaceId: principal.workspaceId,
        conversationId: req.params.id,
        priority: req.body.priority,
        by: principal.tokenId,
      });
      return answer(principal, req.params.id, result);
    },
  );

  r.put(
    '/api/v1/conversations/:id/tags',
    {
      schema: {
        tags: ['inbox'],
        summary: "Replace the conversation's tags (at most 20, each up to 64 characters)",
        params: idParamsSchema,
        body: tagsBodySchema,
        response: actionResponses,
      },
    },
    async (req) => {
      const { principal } = await actingOn(req);
      const result = await setConversationTags(deps, {
        workspaceId: principal.workspaceId,
        conversationId: req.params.id,
        tags: req.body.tags,
        by: principal.tokenId,
      });
      return answer(principal, req.params.id, result);
    },
  );
}
