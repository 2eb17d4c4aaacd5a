import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema, pageSchema, skillSchema, teamRoutingSchema, teamViewSchema } from '@fio/contracts';
import { createTeam, deleteTeam, listTeams, requireTeam, setTeamMembers, updateTeam, type AgentDeps } from '../../agents/index.ts';
import { appendEvents } from '../../events/event-log.ts';
import { AppError } from '../app-error.ts';
import { requireRole } from '../auth.ts';
import { commonErrorResponses, idParamsSchema, listQuerySchema } from './api-schemas.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

const errors = { 403: apiErrorSchema, 409: apiErrorSchema, ...commonErrorResponses };
const teamBodySchema = z
  .object({
    key: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, - and _'),
    name: z.string().trim().min(1).max(128),
    routing: teamRoutingSchema.default('round_robin'),
    restricted: z.boolean().default(false),
    requiredSkills: z.array(skillSchema).max(20).default([]),
  })
  .strict();
const teamPatchSchema = z
  .object({
    key: teamBodySchema.shape.key.optional(),
    name: teamBodySchema.shape.name.optional(),
    routing: teamRoutingSchema.optional(),
    restricted: z.boolean().optional(),
    requiredSkills: z.array(skillSchema).max(20).optional(),
  })
  .strict();

/** Teams: everyone reads them; admins shape them (file-managed ones only in workspace.yaml); admins and supervisors staff them. */
export function registerTeamRoutes(app: FastifyInstance, deps: AgentDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/teams',
    {
      schema: {
        tags: ['teams'],
        summary: 'List the teams with their members, by id',
        querystring: listQuerySchema,
        response: { 200: pageSchema(teamViewSchema), ...errors },
      },
    },
    async (req) => {
      const { workspaceId } = requireRole(req, ['admin', 'supervisor', 'agent', 'bot_editor']);
      const after = decodeCursor(req.query.cursor);
      const teams = await listTeams(deps.db, workspaceId, {
        ...(after !== undefined ? { afterId: String(after) } : {}),
        limit: req.query.limit + 1,
      });
      const page = teams.slice(0, req.query.limit);
      const last = page.at(-1);
      return { data: page, nextCursor: teams.length > req.query.limit && last ? encodeCursor(last.id) : null };
    },
  );

  r.post(
    '/api/v1/teams',
    {
      schema: { tags: ['teams'], summary: 'Create a team', body: teamBodySchema, response: { 201: teamViewSchema, ...errors } },
    },
    async (req, reply) => {
      const { workspaceId, tokenId } = requireRole(req, ['admin']);
      const now = deps.clock();
      const id = await deps.transact(async (tx) => {
        const created = await createTeam(tx, workspaceId, req.body, 'api', now);
        await appendEvents(tx, [
          {
            workspaceId,
            type: 'team.created',
            payload: { teamId: created, key: req.body.key, by: tokenId },
            occurredAt: now.toISOString(),
          },
        ]);
        return created;
      });
      return reply.status(201).send(await requireTeam(deps.db, workspaceId, id));
    },
  );

  r.get(
    '/api/v1/teams/:id',
    {
      schema: {
        tags: ['teams'],
        summary: 'Get one team with its members',
        params: idParamsSchema,
        response: { 200: teamViewSchema, ...errors },
      },
    },
    async (req) => {
      const { workspaceId } = requireRole(req, ['admin', 'supervisor', 'agent', 'bot_editor']);
      return requireTeam(deps.db, workspaceId, req.params.id);
    },
  );

  r.patch(
    '/api/v1/teams/:id',
    {
      schema: {
        tags: ['teams'],
        summary: "Change a team's key, name, routing, restriction or required skills (not for teams of workspace.yaml)",
        params: idParamsSchema,
        body: teamPatchSchema,
        response: { 200: teamViewSchema, ...errors },
      },
    },
    async (req) => {
      const { workspaceId, tokenId } = requireRole(req, ['admin']);
      const now = deps.clock();
      const afterCommit = await deps.transact(async (tx) => {
        const team = await requireTeam(tx, workspaceId, req.params.id);
        if (team.source === 'file') throw new AppError('team_read_only', `team ${team.key} is declared in workspace.yaml: change it there`);
        await updateTeam(tx, workspaceId, team.id, req.body, now);
        await appendEvents(tx, [
          {
            workspaceId,
            type: 'team.updated',
            payload: { teamId: team.id, changes: Object.keys(req.body), by: tokenId },
            occurredAt: now.toISOString(),
          },
        ]);
        return deps.staffChanged(tx, { workspaceId, now });
      });
      afterCommit();
      return requireTeam(deps.db, workspaceId, req.params.id);
    },
  );

  r.delete(
    '/api/v1/teams/:id',
    {
      schema: {
        tags: ['teams'],
        summary: 'Delete a team (not one of workspace.yaml); its members stay, without it',
        params: idParamsSchema,
        response: { 200: z.object({ id: z.string(), deleted: z.literal(true) }), ...errors },
      },
    },
    async (req) => {
      const { workspaceId, tokenId } = requireRole(req, ['admin']);
      const now = deps.clock();
      const afterCommit = await deps.transact(async (tx) => {
        const team = await requireTeam(tx, workspaceId, req.params.id);
        if (team.source === 'file') throw new AppError('team_read_only', `team ${team.key} is declared in workspace.yaml: remove it there`);
        await deleteTeam(tx, workspaceId, team.id);
        await appendEvents(tx, [
          { workspaceId, type: 'team.deleted', payload: { teamId: team.id, key: team.key, by: tokenId }, occurredAt: now.toISOString() },
        ]);
        return deps.staffChanged(tx, { workspaceId, now });
      });
      afterCommit();
      // Cached principals carry team ids.
      deps.sessions.clear();
      return { id: req.params.id, deleted: true as const };
    },
  );

  r.put(
    '/api/v1/teams/:id/members',
    {
      schema: {
        tags: ['teams'],
        summary: "Set a team's members (the whole list); also for teams of workspace.yaml",
        params: idParamsSchema,
        body: z.object({ userIds: z.array(z.string().min(1).max(128)).max(500) }).strict(),
        response: { 200: teamViewSchema, ...errors },
      },
    },
    async (req) => {
      const { workspaceId, tokenId } = requireRole(req, ['admin', 'supervisor']);
      const now = deps.clock();
      const afterCommit = await deps.transact(async (tx) => {
        const team = await requireTeam(tx, workspaceId, req.params.id);
        await setTeamMembers(tx, workspaceId, team.id, req.body.userIds, now);
        await appendEvents(tx, [
          {
            workspaceId,
            type: 'team.updated',
            payload: { teamId: team.id, changes: ['members'], memberIds: req.body.userIds, by: tokenId },
            occurredAt: now.toISOString(),
          },
        ]);
        return deps.staffChanged(tx, { workspaceId, now });
      });
      afterCommit();
      deps.sessions.clear();
      return requireTeam(deps.db, workspaceId, req.params.id);
    },
  );
}
