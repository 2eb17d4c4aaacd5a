import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  contactViewSchema,
  identityClaimSchema,
  pageSchema,
  timelineItemViewSchema,
  timelineKindSchema,
  type TimelineKind,
} from '@fio/contracts';
import type { Db, Transact } from '../../storage/index.ts';
import type { WorkspaceRegistry } from '../../workspace-registry.ts';
import {
  buildContactView,
  createContact,
  createContactRepository,
  listContactIds,
  listTimeline,
  updateContact,
  type FieldError,
  type SegmentRefresher,
  type UpdateContactInput,
} from '../../contacts/index.ts';
import { AppError } from '../app-error.ts';
import { requirePrincipal, requireRole, type Role } from '../auth.ts';
import { commonErrorResponses, idParamsSchema, listQuerySchema } from './api-schemas.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { apiErrorSchema } from '@fio/contracts';

export interface ContactRouteDeps {
  db: Db;
  transact: Transact;
  clock: () => Date;
  segments: SegmentRefresher;
  workspaces: WorkspaceRegistry;
  log?: { error: (details: object, message: string) => void };
}

/** Roles that change contacts; a bot editor only reads them. */
export const contactWriterRoles: readonly Role[] = ['admin', 'supervisor', 'agent'];

const profileBody = {
  displayName: z.string().max(256).nullable().optional(),
  email: z.string().max(320).nullable().optional(),
  phone: z.string().max(64).nullable().optional(),
  locale: z.string().max(35).nullable().optional(),
  /** Merged key by key; `null` deletes a key. Checked against the workspace's contact fields. */
  attributes: z.record(z.string(), z.unknown()).optional(),
  /** The new e-mail / phone is proven (your systems checked it); default unverified. */
  verified: z.boolean().optional(),
};

const createBody = z.strictObject({
  ...profileBody,
  tags: z.array(z.string().max(256)).max(200).optional(),
  identities: z
    .array(identityClaimSchema.extend({ verified: z.boolean().default(false) }))
    .max(20)
    .optional(),
});

const tagsBody = z.strictObject({
  add: z.array(z.string().max(256)).max(200).optional(),
  remove: z.array(z.string().max(256)).max(200).optional(),
});

const writeErrorResponses = { ...commonErrorResponses, 403: apiErrorSchema, 409: apiErrorSchema };

/** Field errors become one 400 listing them all, or a 409 when an e-mail / phone is someone else's. */
function refuse(errors: FieldError[]): never {
  const taken = errors.find((e) => e.code === 'identity_taken');
  if (taken) throw new AppError('identity_taken', `${taken.message}; merge the contacts instead`, { contactId: taken.contactId, errors });
  const missing = errors.find((e) => e.code === 'contact_not_found');
  if (missing) throw new AppError('contact_not_found', missing.message);
  throw new AppError('validation_failed', `invalid contact: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, errors);
}

function decodeTimelineCursor(cursor: string | undefined): { at: string; id: string } | undefined {
  const key = decodeCursor(cursor);
  if (key === undefined) return undefined;
  const [at, id] = String(key).split('\n');
  if (!at || !id) throw new AppError('invalid_cursor', 'the cursor is not one this API issued');
  return { at, id };
}

function parseKinds(kinds: string | undefined): TimelineKind[] {
  if (!kinds) return [...timelineKindSchema.options];
  const parsed = z.array(timelineKindSchema).safeParse(kinds.split(',').map((k) => k.trim()));
  if (!parsed.success)
    throw new AppError('validation_failed', `kinds: use a comma-separated list of ${timelineKindSchema.options.join(', ')}`, [
      { field: 'querystring.kinds', message: 'unknown kind' },
    ]);
  return parsed.data;
}

export function registerContactRoutes(app: FastifyInstance, deps: ContactRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  /** The contact an id names, following merges to the survivor; 404 when none (or another workspace's). */
  const load = async (workspaceId: string, id: string) => {
    const repo = createContactRepository(db, workspaceId);
    const contact = await repo.getFollowingMerges(id);
    if (!contact) throw new AppError('contact_not_found', `no contact ${id}`);
    return { repo, contact };
  };
  const view = async (workspaceId: string, id: string) => {
    const { repo, contact } = await load(workspaceId, id);
    return buildContactView(db, deps, repo, contact);
  };
  const update = async (
    req: Parameters<typeof requirePrincipal>[0],
    id: string,
    change: Pick<UpdateContactInput, 'profile' | 'tags' | 'verified'>,
  ) => {
    const { workspaceId, tokenId } = requireRole(req, contactWriterRoles);
    const { contact } = await load(workspaceId, id);
    const now = deps.clock().toISOString();
    const result = await deps.transact((tx) =>
      updateContact(tx, deps, {
        workspaceId,
        contactId: contact.id,
        ...change,
        source: `token:${tokenId}`,
        identitySource: 'api',
        whenIdentityTaken: 'suggest',
        now,
      }),
    );
    if (!result.ok) refuse(result.errors);
    return view(workspaceId, contact.id);
  };

  r.get(
    '/api/v1/contacts',
    {
      schema: {
        tags: ['contacts'],
        summary: 'List contacts, newest first; filter by e-mail, phone, tag, segment or a name/e-mail/phone prefix (q)',
        querystring: listQuerySchema.extend({
          email: z.string().max(320).optional(),
          phone: z.string().max(64).optional(),
          tag: z.string().max(256).optional(),
          segment: z.string().max(128).optional(),
          q: z.string().max(256).optional(),
        }),
        response: { 200: pageSchema(contactViewSchema), ...commonErrorResponses },
      },
    },
    async (req) => {
      const { workspaceId } = requirePrincipal(req);
      const after = decodeCursor(req.query.cursor);
      const ids = await listContactIds(db, workspaceId, req.query, {
        after: after === undefined ? undefined : String(after),
        limit: req.query.limit + 1,
      });
      const page = ids.slice(0, req.query.limit);
      const repo = createContactRepository(db, workspaceId);
      const views = [];
      for (const id of page) {
        const contact = await repo.get(id);
        if (contact) views.push(await buildContactView(db, deps, repo, contact));
      }
      const last = page.at(-1);
      return { data: views, nextCursor: ids.length > req.query.limit && last ? encodeCursor(last) : null };
    },
  );

  r.get(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Get one contact: profile, attributes, tags, identities, segments, consent (a merged id answers with its survivor)',
        params: idParamsSchema,
        response: { 200: contactViewSchema, ...commonErrorResponses },
      },
    },
    async (req) => view(requirePrincipal(req).workspaceId, req.params.id),
  );

  r.post(
    '/api/v1/contacts',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Create a contact; an e-mail or phone another contact holds answers 409 identity_taken naming it',
        body: createBody,
        response: { 201: contactViewSchema, ...writeErrorResponses },
      },
    },
    async (req, reply) => {
      const { workspaceId, tokenId } = requireRole(req, contactWriterRoles);
      const { tags, identities, verified, ...profile } = req.body;
      const now = deps.clock().toISOString();
      const result = await deps.transact((tx) =>
        createContact(tx, deps, {
          workspaceId,
          profile,
          tags,
          identities,
          verified,
          source: `token:${tokenId}`,
          identitySource: 'api',
          now,
        }),
      );
      if (!result.ok) refuse(result.errors);
      return reply.status(201).send(await view(workspaceId, result.contact.id));
    },
  );

  r.patch(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Change profile fields and attributes (merged key by key; null deletes); every bad field is listed',
        params: idParamsSchema,
        body: z.strictObject(profileBody),
        response: { 200: contactViewSchema, ...writeErrorResponses },
      },
    },
    async (req) => {
      const { verified, ...profile } = req.body;
      return update(req, req.params.id, { profile, ...(verified === undefined ? {} : { verified }) });
    },
  );

  r.post(
    '/api/v1/contacts/:id/tags',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Add and remove tags (trimmed, at most 64 characters each and 100 per contact)',
        params: idParamsSchema,
        body: tagsBody,
        response: { 200: contactViewSchema, ...writeErrorResponses },
      },
    },
    async (req) => update(req, req.params.id, { tags: { add: req.body.add, remove: req.body.remove } }),
  );

  r.get(
    '/api/v1/contacts/:id/timeline',
    {
      schema: {
        tags: ['contacts'],
        summary: 'The contact timeline, newest first: business events, intents, conversations, segments, merges, identities',
        params: idParamsSchema,
        querystring: listQuerySchema.extend({ kinds: z.string().max(200).optional() }),
        response: { 200: pageSchema(timelineItemViewSchema), ...commonErrorResponses },
      },
    },
    async (req) => {
      const { workspaceId } = requirePrincipal(req);
      const kinds = parseKinds(req.query.kinds);
      const after = decodeTimelineCursor(req.query.cursor);
      const { contact } = await load(workspaceId, req.params.id);
      const { items, next } = await listTimeline(db, { workspaceId, contactId: contact.id, kinds, after, limit: req.query.limit });
      return { data: items, nextCursor: next ? encodeCursor(`${next.at}\n${next.id}`) : null };
    },
  );
}
