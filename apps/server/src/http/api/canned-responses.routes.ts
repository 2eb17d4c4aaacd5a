import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema, cannedResponseBodySchema, cannedResponseViewSchema, pageSchema } from '@fio/contracts';
import {
  createCannedResponseRepository,
  toCannedResponseView,
  type CannedResponseInput,
} from '../../inbox/canned/canned-response.repository.ts';
import { loadCannedVariables } from '../../inbox/canned/load-canned-variables.ts';
import { renderCannedResponse } from '../../inbox/canned/render-canned-response.ts';
import type { Db } from '../../storage/index.ts';
import { AppError } from '../app-error.ts';
import { requirePrincipal, requireRole, type Principal } from '../auth.ts';
import { requireVisibleConversation } from '../conversation-access.ts';
import { commonErrorResponses, idParamsSchema, listQuerySchema } from './api-schemas.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

const errors = { ...commonErrorResponses, 403: apiErrorSchema, 409: apiErrorSchema };
/** Who writes canned responses; everyone signed in reads those of their teams and the shared ones. */
const writerRoles = ['admin', 'supervisor'] as const;
const patchBodySchema = cannedResponseBodySchema.partial().strict();

/** /api/v1/canned-responses: the composer's "/" snippets, and their rendering for one conversation. */
export function registerCannedResponseRoutes(app: FastifyInstance, deps: { db: Db; clock: () => Date }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/canned-responses',
    {
      schema: {
        tags: ['inbox'],
        summary:
          "List the canned responses you may use (shared ones and your teams'), by shortcut; ?q= keeps those whose shortcut or title starts with it",
        querystring: listQuerySchema.extend({ q: z.string().trim().min(1).max(64).optional() }),
        response: { 200: pageSchema(cannedResponseViewSchema), ...errors },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      const after = decodeCannedCursor(req.query.cursor);
      const rows = await createCannedResponseRepository(deps.db, principal.workspaceId).list(principal, {
        q: req.query.q,
        after,
        limit: req.query.limit + 1,
      });
      const page = rows.slice(0, req.query.limit);
      const last = page.at(-1);
      return {
        data: page.map(toCannedResponseView),
        nextCursor: rows.length > req.query.limit && last ? encodeCursor(`${last.shortcut}\u0000${last.id}`) : null,
      };
    },
  );

  r.post(
    '/api/v1/canned-responses',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Create a canned response (admins and supervisors); teamId limits it to one team',
        body: cannedResponseBodySchema,
        response: { 201: cannedResponseViewSchema, ...errors },
      },
    },
    async (req, reply) => {
      const principal = requireRole(req, writerRoles);
      const input = await checkedInput(deps.db, principal, {
        shortcut: req.body.shortcut,
        title: req.body.title,
        body: req.body.body,
        language: req.body.language ?? null,
        teamId: req.body.teamId ?? null,
      });
      const created = await createCannedResponseRepository(deps.db, principal.workspaceId).create(
        input,
        principal.userId ? `user:${principal.userId}` : `token:${principal.tokenId}`,
        deps.clock().toISOString(),
      );
      return reply.status(201).send(toCannedResponseView(created));
    },
  );

  r.get(
    '/api/v1/canned-responses/:id',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Get one canned response',
        params: idParamsSchema,
        response: { 200: cannedResponseViewSchema, ...errors },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      return toCannedResponseView(await requireCanned(deps.db, principal, req.params.id));
    },
  );

  r.patch(
    '/api/v1/canned-responses/:id',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Change a canned response (admins and supervisors); those declared in workspace.yaml are read-only',
        params: idParamsSchema,
        body: patchBodySchema,
        response: { 200: cannedResponseViewSchema, ...errors },
      },
    },
    async (req) => {
      const principal = requireRole(req, writerRoles);
      const current = await requireCanned(deps.db, principal, req.params.id);
      if (current.fileManaged) throw readOnly(current.shortcut);
      const input = await checkedInput(
        deps.db,
        principal,
        {
          shortcut: req.body.shortcut ?? current.shortcut,
          title: req.body.title ?? current.title,
          body: req.body.body ?? current.body,
          language: req.body.language === undefined ? current.language : req.body.language,
          teamId: req.body.teamId === undefined ? current.teamId : req.body.teamId,
        },
        current.id,
      );
      const repository = createCannedResponseRepository(deps.db, principal.workspaceId);
      await repository.update(current.id, input, deps.clock().toISOString());
      return toCannedResponseView(await requireCanned(deps.db, principal, current.id));
    },
  );

  r.delete(
    '/api/v1/canned-responses/:id',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Delete a canned response (admins and supervisors); those declared in workspace.yaml are read-only',
        params: idParamsSchema,
        response: { 200: z.object({ id: z.string(), deleted: z.literal(true) }), ...errors },
      },
    },
    async (req) => {
      const principal = requireRole(req, writerRoles);
      const current = await requireCanned(deps.db, principal, req.params.id);
      if (current.fileManaged) throw readOnly(current.shortcut);
      await createCannedResponseRepository(deps.db, principal.workspaceId).remove(current.id);
      return { id: current.id, deleted: true as const };
    },
  );

  r.post(
    '/api/v1/conversations/:id/canned-responses/:cannedId/render',
    {
      schema: {
        tags: ['inbox'],
        summary:
          "Fill a canned response's variables for this conversation's customer and you; variables without a value stay as written and are listed in `missing`",
        params: idParamsSchema.extend({ cannedId: z.string().min(1).max(128) }),
        response: { 200: z.object({ text: z.string(), missing: z.array(z.string()) }), ...errors },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      const conversation = await requireVisibleConversation(deps.db, principal, req.params.id);
      const canned = await requireCanned(deps.db, principal, req.params.cannedId);
      const vars = await loadCannedVariables(
        deps.db,
        principal.workspaceId,
        conversation.contactId,
        principal.userId ? principal.name : null,
      );
      return renderCannedResponse(canned.body, vars);
    },
  );
}

async function requireCanned(db: Db, principal: Principal, id: string) {
  const found = await createCannedResponseRepository(db, principal.workspaceId).get(principal, id);
  if (!found) throw new AppError('canned_not_found', `no canned response ${id}`);
  return found;
}

/** The team exists in the workspace and the shortcut is free for the language. */
async function checkedInput(db: Db, principal: Principal, input: CannedResponseInput, exceptId?: string): Promise<CannedResponseInput> {
  if (input.teamId) {
    const team = await db
      .selectFrom('teams')
      .select('id')
      .where('workspace_id', '=', principal.workspaceId)
      .where('id', '=', input.teamId)
      .executeTakeFirst();
    if (!team) throw new AppError('team_not_found', `no team ${input.teamId}`);
  }
  const language = input.language === '' ? null : input.language;
  if (await createCannedResponseRepository(db, principal.workspaceId).shortcutTaken(input.shortcut, language, exceptId))
    throw new AppError(
      'canned_shortcut_taken',
      `another canned response already uses /${input.shortcut}${language ? ` in ${language}` : ''}`,
    );
  return { ...input, language };
}

function readOnly(shortcut: string): AppError {
  return new AppError('canned_read_only', `/${shortcut} is declared in workspace.yaml (cannedResponses:): change it there`);
}

function decodeCannedCursor(cursor: string | undefined): { shortcut: string; id: string } | undefined {
  const key = decodeCursor(cursor);
  if (key === undefined) return undefined;
  const [shortcut, id] = typeof key === 'string' ? key.split('\u0000') : [];
  if (shortcut === undefined || !id) throw new AppError('invalid_cursor', 'the cursor is not one this API issued');
  return { shortcut, id };
}
