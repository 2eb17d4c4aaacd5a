import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema, pageSchema } from '@fio/contracts';
import type { Db, DbOrTx, Transact } from '../../storage/index.ts';
import { appendEvents, type DomainEventInput } from '../../events/event-log.ts';
import {
  acceptMergeSuggestion,
  listContactMerges,
  listMergeSuggestions,
  mergeContacts,
  MergeError,
  rejectMergeSuggestion,
  unmergeContacts,
  type MergeDeps,
} from '../../contacts/index.ts';
import { AppError } from '../app-error.ts';
import { requireRole } from '../auth.ts';
import { commonErrorResponses, idParamsSchema, listQuerySchema } from './api-schemas.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

/** Who may see and decide merges: people who work the inbox, never a bot editor's token. */
const deciders = ['admin', 'supervisor', 'agent'] as const;

const reasonSchema = z.object({ kind: z.string(), detail: z.string() });
const suggestionSchema = z.object({
  id: z.string(),
  contactId: z.string(),
  candidateId: z.string(),
  score: z.number(),
  reasons: z.array(reasonSchema),
  status: z.enum(['open', 'accepted', 'rejected', 'superseded']),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  mergeId: z.string().nullable(),
});
const mergeSchema = z.object({
  id: z.string(),
  survivorId: z.string(),
  mergedId: z.string(),
  actor: z.string().describe("Who or what merged: 'rule:verified_phone', 'token:<id>'"),
  reason: z.string(),
  evidence: z.unknown(),
  createdAt: z.string(),
  unmergedAt: z.string().nullable(),
  unmergedBy: z.string().nullable(),
});
const mergeResultSchema = z.object({ mergeId: z.string(), survivorId: z.string(), mergedId: z.string() });
const errorResponses = { ...commonErrorResponses, 403: apiErrorSchema, 409: apiErrorSchema };

/** Merge suggestions to decide, manual merges, the merge audit and unmerge (issue 5 §1). */
export function registerMergeRoutes(app: FastifyInstance, deps: MergeDeps & { db: Db; transact: Transact; clock: () => Date }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  /** One transaction: the change and its events commit together; a refusal becomes its coded error. */
  const run = async <T extends { events: DomainEventInput[] }>(work: (tx: DbOrTx, now: string) => Promise<T>): Promise<T> => {
    try {
      return await deps.transact(async (tx) => {
        const out = await work(tx, deps.clock().toISOString());
        await appendEvents(tx, out.events);
        return out;
      });
    } catch (err) {
      if (err instanceof MergeError) throw new AppError(err.code, err.message);
      throw err;
    }
  };

  r.get(
    '/api/v1/merge-suggestions',
    {
      schema: {
        tags: ['contacts'],
        summary: 'List merge suggestions (weak evidence two contacts are one person), newest first',
        querystring: listQuerySchema.extend({
          status: z.enum(['open', 'accepted', 'rejected', 'superseded']).optional(),
          contactId: z.string().max(128).optional(),
        }),
        response: { 200: pageSchema(suggestionSchema), ...errorResponses },
      },
    },
    async (req) => {
      const { workspaceId } = requireRole(req, deciders);
      const after = decodeCursor(req.query.cursor);
      const rows = await listMergeSuggestions(deps.db, workspaceId, {
        status: req.query.status,
        contactId: req.query.contactId,
        after: after === undefined ? undefined : String(after),
        limit: req.query.limit + 1,
      });
      const page = rows.slice(0, req.query.limit);
      const last = page.at(-1);
      return { data: page, nextCursor: rows.length > req.query.limit && last ? encodeCursor(last.id) : null };
    },
  );

  r.post(
    '/api/v1/merge-suggestions/:id/accept',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Accept a suggestion: merge the two contacts (the older survives unless survivorId names the other)',
        params: idParamsSchema,
        body: z.object({ survivorId: z.string().min(1).max(128).optional() }).optional(),
        response: { 200: mergeResultSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { workspaceId, tokenId } = requireRole(req, deciders);
      const out = await run((tx, now) =>
        acceptMergeSuggestion(tx, deps, {
          workspaceId,
          suggestionId: req.params.id,
          survivorId: req.body?.survivorId,
          actor: `token:${tokenId}`,
          now,
        }),
      );
      return { mergeId: out.mergeId, survivorId: out.survivorId, mergedId: out.mergedId };
    },
  );

  r.post(
    '/api/v1/merge-suggestions/:id/reject',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Reject a suggestion: the pair is never suggested again',
        params: idParamsSchema,
        response: { 200: z.object({ id: z.string(), status: z.literal('rejected') }), ...errorResponses },
      },
    },
    async (req) => {
      const { workspaceId, tokenId } = requireRole(req, deciders);
      await run((tx, now) => rejectMergeSuggestion(tx, deps, { workspaceId, suggestionId: req.params.id, actor: `token:${tokenId}`, now }));
      return { id: req.params.id, status: 'rejected' as const };
    },
  );

  r.post(
    '/api/v1/contacts/:id/merge',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Merge another contact into this one (this one survives); reversible with unmerge',
        params: idParamsSchema,
        body: z.object({ otherId: z.string().min(1).max(128), reason: z.string().trim().min(1).max(1000) }),
        response: { 200: mergeResultSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { workspaceId, tokenId } = requireRole(req, deciders);
      const out = await run((tx, now) =>
        mergeContacts(tx, deps, {
          workspaceId,
          survivorId: req.params.id,
          mergedId: req.body.otherId,
          actor: `token:${tokenId}`,
          reason: req.body.reason,
          evidence: { manual: true },
          now,
        }),
      );
      return { mergeId: out.mergeId, survivorId: req.params.id, mergedId: req.body.otherId };
    },
  );

  r.get(
    '/api/v1/contacts/:id/merges',
    {
      schema: {
        tags: ['contacts'],
        summary: 'The merges this contact took part in: who or what rule, when, why, and whether undone',
        params: idParamsSchema,
        querystring: listQuerySchema,
        response: { 200: pageSchema(mergeSchema), ...errorResponses },
      },
    },
    async (req) => {
      const { workspaceId } = requireRole(req, deciders);
      const contact = await deps.db
        .selectFrom('contacts')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', req.params.id)
        .executeTakeFirst();
      if (!contact) throw new AppError('contact_not_found', `no contact ${req.params.id}`);
      const after = decodeCursor(req.query.cursor);
      const rows = await listContactMerges(deps.db, workspaceId, contact.id, {
        after: after === undefined ? undefined : String(after),
        limit: req.query.limit + 1,
      });
      const page = rows.slice(0, req.query.limit);
      const last = page.at(-1);
      return { data: page, nextCursor: rows.length > req.query.limit && last ? encodeCursor(last.id) : null };
    },
  );

  r.post(
    '/api/v1/merges/:id/unmerge',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Undo a merge: the merged contact comes back with its identities, conversations, consent and timeline',
        params: idParamsSchema,
        response: { 200: z.object({ mergeId: z.string(), survivorId: z.string(), mergedId: z.string() }), ...errorResponses },
      },
    },
    async (req) => {
      const { workspaceId, tokenId } = requireRole(req, deciders);
      const out = await run((tx, now) =>
        unmergeContacts(tx, deps, { workspaceId, mergeId: req.params.id, actor: `token:${tokenId}`, now }),
      );
      return { mergeId: req.params.id, survivorId: out.survivorId, mergedId: out.mergedId };
    },
  );
}
