import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema, pageSchema, roleSchema, skillSchema, userViewSchema } from '@fio/contracts';
import { getUserView, inviteUser, loadUserViews, updateUser, type AgentDeps } from '../../agents/index.ts';
import { AppError } from '../app-error.ts';
import { requireRole } from '../auth.ts';
import { commonErrorResponses, idParamsSchema, listQuerySchema } from './api-schemas.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

const errors = { 403: apiErrorSchema, 409: apiErrorSchema, ...commonErrorResponses };
const channelTypeKey = z.string().regex(/^[a-z]+$/, 'a channel type, e.g. whatsapp');

const inviteBodySchema = z
  .object({
    email: z.string().trim().toLowerCase().email().max(320),
    name: z.string().trim().min(1).max(120).optional(),
    role: roleSchema,
    teamIds: z.array(z.string().min(1).max(128)).max(50).optional(),
    locale: z.enum(['pt-BR', 'en', 'es']).nullable().optional(),
  })
  .strict();

const patchBodySchema = z
  .object({
    role: roleSchema.optional(),
    name: z.string().trim().min(1).max(120).optional(),
    capacity: z.number().int().min(0).max(100).optional(),
    channelCapacity: z.record(channelTypeKey, z.number().int().min(0).max(100)).optional(),
    skills: z.array(skillSchema).max(50).optional(),
    status: z.enum(['active', 'disabled']).optional(),
  })
  .strict();

/** The people of the workspace: listed by admins and supervisors, invited and changed by admins. */
export function registerAgentRoutes(app: FastifyInstance, deps: AgentDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'List the people of the workspace (agents, supervisors, admins, bot editors), by id',
        querystring: listQuerySchema,
        response: { 200: pageSchema(userViewSchema), ...errors },
      },
    },
    async (req) => {
      const { workspaceId } = requireRole(req, ['admin', 'supervisor']);
      const after = decodeCursor(req.query.cursor);
      const rows = await deps.db
        .selectFrom('users')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .$if(after !== undefined, (qb) => qb.where('id', '>', String(after)))
        .orderBy('id')
        .limit(req.query.limit + 1)
        .execute();
      const page = await loadUserViews(deps.db, workspaceId, rows.slice(0, req.query.limit));
      const last = page.at(-1);
      return { data: page, nextCursor: rows.length > req.query.limit && last ? encodeCursor(last.id) : null };
    },
  );

  r.post(
    '/api/v1/users/invites',
    {
      schema: {
        tags: ['users'],
        summary: 'Invite a person by e-mail (the link is valid 7 days); they choose their name and password',
        body: inviteBodySchema,
        response: { 201: userViewSchema, ...errors },
      },
    },
    async (req, reply) => {
      const principal = requireRole(req, ['admin']);
      const user = await inviteUser(deps, principal.workspaceId, req.body, principal);
      return reply.status(201).send(user);
    },
  );

  r.get(
    '/api/v1/users/:id',
    {
      schema: { tags: ['users'], summary: 'Get one person', params: idParamsSchema, response: { 200: userViewSchema, ...errors } },
    },
    async (req) => {
      const principal = requireRole(req, ['admin', 'supervisor', 'agent', 'bot_editor']);
      // Anyone may read themself; others' records are for admins and supervisors.
      if (principal.userId !== req.params.id && principal.role !== 'admin' && principal.role !== 'supervisor')
        throw new AppError('forbidden', 'this needs the role admin or supervisor');
      const user = await getUserView(deps.db, principal.workspaceId, req.params.id);
      if (!user) throw new AppError('user_not_found', `no user ${req.params.id}`);
      return user;
    },
  );

  r.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: "Change a person's role, name, capacity, skills or status (the last active admin stays admin)",
        params: idParamsSchema,
        body: patchBodySchema,
        response: { 200: userViewSchema, ...errors },
      },
    },
    async (req) => {
      const principal = requireRole(req, ['admin']);
      return updateUser(deps, principal.workspaceId, req.params.id, req.body, principal.tokenId);
    },
  );

  r.delete(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Disable a person: their sessions end and they can no longer sign in (the record stays for history)',
        params: idParamsSchema,
        response: { 200: z.object({ id: z.string(), deleted: z.literal(true) }), ...errors },
      },
    },
    async (req) => {
      const principal = requireRole(req, ['admin']);
      await updateUser(deps, principal.workspaceId, req.params.id, { status: 'disabled' }, principal.tokenId);
      return { id: req.params.id, deleted: true as const };
    },
  );
}
