import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema, contactViewSchema } from '@fio/contracts';
import type { Db, Transact } from '../../storage/index.ts';
import type { WorkspaceRegistry } from '../../workspace-registry.ts';
import type { Integration } from '../../workspace/workspace.schema.ts';
import { createContactRepository, toContactView } from '../../contacts/index.ts';
import type { SegmentRefresher } from '../../contacts/segments/segment-refresher.ts';
import { upsertContactFromCrm } from '../../contacts/crm/index.ts';
import { AppError } from '../app-error.ts';
import { requireRole } from '../auth.ts';
import { commonErrorResponses } from './api-schemas.ts';

const paramsSchema = z.object({ externalId: z.string().min(1).max(256) });
const querySchema = z.object({ integration: z.string().min(1).max(64).optional() });
const upsertBodySchema = z.object({
  /** The CRM record's fields under the CRM's names; the integration's mapping says where each goes. */
  fields: z.record(z.string().min(1).max(128), z.unknown()),
  /** When the CRM changed the record (default now): newest-wins fields compare it with Fio's changes. */
  updatedAt: z.iso.datetime({ offset: true }).optional(),
});
const upsertResponseSchema = contactViewSchema.extend({
  applied: z.array(z.object({ crm: z.string(), fio: z.string(), rule: z.string() })),
  skipped: z.array(z.object({ crm: z.string(), fio: z.string().optional(), reason: z.string() })),
});

/** Inbound CRM sync: a CRM upserts and reads contacts by its own record id. */
export function registerCrmRoutes(
  app: FastifyInstance,
  deps: { db: Db; transact: Transact; workspaces: WorkspaceRegistry; segments: SegmentRefresher; clock: () => Date },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const integrationFor = (workspaceId: string, wanted: string | undefined): Integration => {
    const integrations = deps.workspaces.get(workspaceId)?.definition.integrations ?? [];
    if (wanted !== undefined) {
      const found = integrations.find((i) => i.id === wanted);
      if (!found) throw new AppError('integration_not_found', `no integration ${wanted} in workspace.yaml`);
      return found;
    }
    const [only, ...others] = integrations;
    if (!only) throw new AppError('integration_not_found', 'this workspace declares no integrations in workspace.yaml');
    if (others.length > 0)
      throw new AppError('integration_required', `name the integration: ?integration=${integrations.map((i) => i.id).join('|')}`);
    return only;
  };

  r.put(
    '/api/v1/contacts/by-external-id/:externalId',
    {
      schema: {
        tags: ['contacts', 'crm'],
        summary: "Upsert a contact from a CRM record (by the CRM's id), field by field with each field's conflict rule",
        params: paramsSchema,
        querystring: querySchema,
        body: upsertBodySchema,
        response: { 200: upsertResponseSchema, 201: upsertResponseSchema, 403: apiErrorSchema, ...commonErrorResponses },
      },
    },
    async (req, reply) => {
      const { workspaceId } = requireRole(req, ['admin', 'supervisor']);
      const integration = integrationFor(workspaceId, req.query.integration);
      const contactFields = deps.workspaces.get(workspaceId)?.definition.contactFields ?? [];
      const now = deps.clock().toISOString();
      const input = {
        workspaceId,
        integration,
        contactFields,
        crmId: req.params.externalId,
        fields: req.body.fields,
        updatedAt: req.body.updatedAt ? new Date(req.body.updatedAt).toISOString() : now,
        now,
      };
      const run = () =>
        deps.transact(async (tx) => {
          const result = await upsertContactFromCrm(tx, deps.segments, input);
          if (!result.ok) return result;
          const repo = createContactRepository(tx, workspaceId);
          return { ...result, view: await toContactView(repo, result.contact) };
        });
      // Two upserts of one new record may race to create it: the loser finds the winner's contact. (A
      // deadlock between two updates of one contact on PostgreSQL is retried the same way.)
      const result = await retryOnConflict(run, 3);
      if (!result.ok)
        throw new AppError(
          'validation_failed',
          `invalid fields: ${result.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
          result.errors.map((e) => ({ field: `fields.${e.field}`, fio: e.fio, message: e.message })),
        );
      return reply.status(result.created ? 201 : 200).send({ ...result.view, applied: result.applied, skipped: result.skipped });
    },
  );

  r.get(
    '/api/v1/contacts/by-external-id/:externalId',
    {
      schema: {
        tags: ['contacts', 'crm'],
        summary: "Get the contact linked to a CRM record (by the CRM's id)",
        params: paramsSchema,
        querystring: querySchema,
        response: { 200: contactViewSchema, 403: apiErrorSchema, ...commonErrorResponses },
      },
    },
    async (req) => {
      const { workspaceId } = requireRole(req, ['admin', 'supervisor', 'agent']);
      const integration = integrationFor(workspaceId, req.query.integration);
      const repo = createContactRepository(deps.db, workspaceId);
      const [identity] = await repo.findIdentities([
        { kind: 'external', value: `${integration.id}:${req.params.externalId}`, verified: true },
      ]);
      const contact = identity ? await repo.getFollowingMerges(identity.contactId) : null;
      if (!contact) throw new AppError('contact_not_found', `no contact linked to ${integration.id} record ${req.params.externalId}`);
      return toContactView(repo, contact);
    },
  );
}

async function retryOnConflict<T>(run: () => Promise<T>, tries: number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= tries || !isConflict(err)) throw err;
    }
  }
}

function isConflict(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return (
    code === '23505' ||
    code === '40P01' ||
    code === '40001' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(err.message)
  );
}
