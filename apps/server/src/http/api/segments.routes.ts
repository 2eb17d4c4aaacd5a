import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema, pageSchema } from '@fio/contracts';
import {
  checkSegmentDefinitions,
  segmentConditionSchema,
  segmentDefinitionSchema,
  type SegmentDefinition,
  type SegmentService,
  type StoredSegment,
} from '../../contacts/index.ts';
import type { WorkspaceRegistry } from '../../workspace-registry.ts';
import { formatFieldPath } from '../../workspace/workspace-error.ts';
import { AppError } from '../app-error.ts';
import { requirePrincipal, requireRole, type Role } from '../auth.ts';
import { commonErrorResponses, idParamsSchema, listQuerySchema } from './api-schemas.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

export interface SegmentRouteDeps {
  segments: SegmentService;
  workspaces: WorkspaceRegistry;
}

const writers: readonly Role[] = ['admin', 'supervisor', 'bot_editor'];

const segmentViewSchema = z.object({
  id: z.string(),
  /** file: segments.yaml (read-only here); api: defined through this API. */
  source: z.enum(['file', 'api']),
  name: z.record(z.string(), z.string()),
  description: z.record(z.string(), z.string()).optional(),
  /** The condition, in the segments.yaml language. */
  when: z.record(z.string(), z.unknown()),
  version: z.string(),
  /** False while the memberships of this version are still being computed for every contact. */
  computed: z.boolean(),
  memberCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const memberSchema = z.object({ contactId: z.string(), enteredAt: z.string() });
const previewSchema = z.object({
  count: z.number().int(),
  contactIds: z.array(z.string()),
  scanned: z.number().int(),
  complete: z.boolean(),
});

/**
 * The body is checked here rather than by the route schema: the condition language is recursive, and
 * its errors, like segments.yaml's, name the field (`when.all[0].within`) and say what is wrong.
 */
const definitionBodySchema = z.record(z.string(), z.unknown());
const errorResponses = { ...commonErrorResponses, 403: apiErrorSchema, 409: apiErrorSchema };

export function registerSegmentRoutes(app: FastifyInstance, deps: SegmentRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/segments',
    {
      schema: {
        tags: ['segments'],
        summary: 'List the segments (from segments.yaml and the API) with their member counts, by id',
        querystring: listQuerySchema,
        response: { 200: pageSchema(segmentViewSchema), ...errorResponses },
      },
    },
    async (req) => {
      const { workspaceId } = requirePrincipal(req);
      const after = decodeCursor(req.query.cursor);
      const all = (await deps.segments.repository.list(workspaceId))
        .filter((s) => after === undefined || s.id > String(after))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      const page = all.slice(0, req.query.limit);
      const counts = await deps.segments.repository.memberCounts(workspaceId);
      const last = page.at(-1);
      return {
        data: page.map((s) => toView(s, counts.get(s.id) ?? 0)),
        nextCursor: all.length > req.query.limit && last ? encodeCursor(last.id) : null,
      };
    },
  );

  r.get(
    '/api/v1/segments/:id',
    {
      schema: {
        tags: ['segments'],
        summary: 'Get one segment with its member count',
        params: idParamsSchema,
        response: { 200: segmentViewSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { workspaceId } = requirePrincipal(req);
      const segment = await findSegment(deps, workspaceId, req.params.id);
      return toView(segment, await deps.segments.repository.memberCount(workspaceId, segment.id));
    },
  );

  r.get(
    '/api/v1/segments/:id/contacts',
    {
      schema: {
        tags: ['segments'],
        summary: "The segment's members, in contact id order (paged)",
        params: idParamsSchema,
        querystring: listQuerySchema,
        response: { 200: pageSchema(memberSchema), ...errorResponses },
      },
    },
    async (req) => {
      const { workspaceId } = requirePrincipal(req);
      const segment = await findSegment(deps, workspaceId, req.params.id);
      const after = decodeCursor(req.query.cursor);
      const rows = await deps.segments.repository.members(
        workspaceId,
        segment.id,
        req.query.limit + 1,
        after === undefined ? null : String(after),
      );
      const page = rows.slice(0, req.query.limit);
      const last = page.at(-1);
      return { data: page, nextCursor: rows.length > req.query.limit && last ? encodeCursor(last.contactId) : null };
    },
  );

  r.post(
    '/api/v1/segments',
    {
      schema: {
        tags: ['segments'],
        summary: 'Define a segment (its memberships are computed in the background)',
        body: definitionBodySchema,
        response: { 201: segmentViewSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { workspaceId } = requireRole(req, writers);
      const definition = parseDefinition(deps, workspaceId, req.body);
      const existing = await deps.segments.repository.get(workspaceId, definition.id);
      if (existing)
        throw new AppError('segment_exists', `a segment ${definition.id} exists already: PUT /api/v1/segments/${definition.id} changes it`);
      await deps.segments.save(workspaceId, definition, 'api');
      const saved = await findSegment(deps, workspaceId, definition.id);
      return reply.status(201).send(toView(saved, 0));
    },
  );

  r.put(
    '/api/v1/segments/:id',
    {
      schema: {
        tags: ['segments'],
        summary: 'Change a segment defined through the API (a new condition is recomputed for every contact)',
        params: idParamsSchema,
        body: definitionBodySchema,
        response: { 200: segmentViewSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { workspaceId } = requireRole(req, writers);
      const current = await findSegment(deps, workspaceId, req.params.id);
      refuseFileManaged(current);
      const definition = parseDefinition(deps, workspaceId, { ...req.body, id: req.body['id'] ?? current.id });
      if (definition.id !== current.id)
        throw new AppError('validation_failed', 'the body id differs from the id in the path', [
          { field: 'id', message: `must be ${current.id}` },
        ]);
      await deps.segments.save(workspaceId, definition, 'api');
      const saved = await findSegment(deps, workspaceId, definition.id);
      return toView(saved, await deps.segments.repository.memberCount(workspaceId, saved.id));
    },
  );

  r.delete(
    '/api/v1/segments/:id',
    {
      schema: {
        tags: ['segments'],
        summary: 'Delete a segment defined through the API, with its memberships',
        params: idParamsSchema,
        response: { 200: z.object({ id: z.string(), deleted: z.literal(true) }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { workspaceId } = requireRole(req, writers);
      const current = await findSegment(deps, workspaceId, req.params.id);
      refuseFileManaged(current);
      await deps.segments.remove(workspaceId, current.id);
      return reply.status(200).send({ id: req.params.id, deleted: true as const });
    },
  );

  r.post(
    '/api/v1/segments/preview',
    {
      schema: {
        tags: ['segments'],
        summary: 'Count who a condition would select now and list the first 20 (nothing is stored)',
        body: z.object({ when: z.record(z.string(), z.unknown()) }),
        response: { 200: previewSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { workspaceId } = requirePrincipal(req);
      const when = segmentConditionSchema.safeParse(req.body.when);
      if (!when.success) throw invalid(when.error.issues.map((i) => ({ path: ['when', ...i.path], message: i.message })));
      const workspace = deps.workspaces.get(workspaceId)?.definition;
      const language = workspace?.defaultLanguage ?? 'en';
      const definition: SegmentDefinition = { id: 'preview', name: { [language]: 'preview' }, when: when.data };
      const issues = checkSegmentDefinitions([definition], {
        defaultLanguage: language,
        languages: workspace?.languages ?? [language],
        contactFields: workspace?.contactFields ?? [],
      });
      if (issues.length > 0) throw invalid(issues.map((i) => ({ path: i.path.slice(1), message: i.message })));
      return deps.segments.preview(workspaceId, definition);
    },
  );
}

async function findSegment(deps: SegmentRouteDeps, workspaceId: string, id: string): Promise<StoredSegment> {
  const segment = await deps.segments.repository.get(workspaceId, id);
  if (!segment) throw new AppError('segment_not_found', `no segment ${id}`);
  return segment;
}

function refuseFileManaged(segment: StoredSegment): void {
  if (segment.source === 'file')
    throw new AppError('segment_read_only', `segment ${segment.id} is defined in segments.yaml: change it there, not through the API`);
}

/** The shape (zod), then what needs the workspace: languages, declared attributes, `after` events. */
function parseDefinition(deps: SegmentRouteDeps, workspaceId: string, body: unknown): SegmentDefinition {
  const parsed = segmentDefinitionSchema.safeParse(body);
  if (!parsed.success)
    throw invalid(parsed.error.issues.map((i) => ({ path: i.path, message: i.message, keys: 'keys' in i ? i.keys : undefined })));
  const workspace = deps.workspaces.get(workspaceId)?.definition;
  if (!workspace) return parsed.data;
  const issues = checkSegmentDefinitions([parsed.data], workspace);
  if (issues.length > 0) throw invalid(issues.map((i) => ({ path: i.path.slice(1), message: i.message })));
  return parsed.data;
}

function invalid(issues: { path: readonly PropertyKey[]; message: string; keys?: readonly string[] | undefined }[]): AppError {
  const details = issues.flatMap((i) =>
    i.keys?.length
      ? i.keys.map((key) => ({ field: formatFieldPath([...i.path, key]), message: `unknown key "${key}"` }))
      : [{ field: formatFieldPath(i.path), message: i.message }],
  );
  return new AppError(
    'validation_failed',
    `invalid segment: ${details.map((d) => `${d.field || '(body)'} ${d.message}`).join('; ')}`,
    details,
  );
}

function toView(segment: StoredSegment, memberCount: number): z.infer<typeof segmentViewSchema> {
  return {
    id: segment.id,
    source: segment.source,
    name: texts(segment.definition.name),
    ...(segment.definition.description ? { description: texts(segment.definition.description) } : {}),
    when: { ...segment.definition.when },
    version: segment.version,
    computed: segment.computedVersion === segment.version,
    memberCount,
    createdAt: segment.createdAt,
    updatedAt: segment.updatedAt,
  };
}

function texts(text: Partial<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(text).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
