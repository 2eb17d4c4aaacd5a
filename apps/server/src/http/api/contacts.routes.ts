import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contactViewSchema, pageSchema } from '@fio/contracts';
import type { Db } from '../../storage/index.ts';
import { createContactRepository, normalizeEmail, normalizePhone, toContactView } from '../../contacts/index.ts';
import { AppError } from '../app-error.ts';
import { requirePrincipal } from '../auth.ts';
import { commonErrorResponses, idParamsSchema, listQuerySchema } from './api-schemas.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

export function registerContactRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/contacts',
    {
      schema: {
        tags: ['contacts'],
        summary: 'List contacts, newest first; filter by e-mail or phone',
        querystring: listQuerySchema.extend({ email: z.string().max(320).optional(), phone: z.string().max(64).optional() }),
        response: { 200: pageSchema(contactViewSchema), ...commonErrorResponses },
      },
    },
    async (req) => {
      const { workspaceId } = requirePrincipal(req);
      const repo = createContactRepository(db, workspaceId);
      const after = decodeCursor(req.query.cursor);
      // Filters by identity: an invalid e-mail or phone matches nobody.
      const identityFilters: Array<{ kind: 'email' | 'phone'; value: string }> = [];
      if (req.query.email) identityFilters.push({ kind: 'email', value: normalizeEmail(req.query.email) ?? '' });
      if (req.query.phone) identityFilters.push({ kind: 'phone', value: normalizePhone(req.query.phone) ?? '' });
      const rows = await identityFilters
        .reduce(
          (qb, f) =>
            qb.where('id', 'in', (eb) =>
              eb
                .selectFrom('identities')
                .select('contact_id')
                .where('workspace_id', '=', workspaceId)
                .where('kind', '=', f.kind)
                .where('value', '=', f.value),
            ),
          db.selectFrom('contacts').select('id').where('workspace_id', '=', workspaceId),
        )
        .$if(after !== undefined, (qb) => qb.where('id', '<', String(after)))
        .orderBy('id', 'desc')
        .limit(req.query.limit + 1)
        .execute();
      const page = rows.slice(0, req.query.limit);
      const views = [];
      for (const { id } of page) {
        const contact = await repo.get(id);
        if (contact) views.push(await toContactView(repo, contact));
      }
      const last = page.at(-1);
      return { data: views, nextCursor: rows.length > req.query.limit && last ? encodeCursor(last.id) : null };
    },
  );

  r.get(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Get one contact with its identities',
        params: idParamsSchema,
        response: { 200: contactViewSchema, ...commonErrorResponses },
      },
    },
    async (req) => {
      const { workspaceId } = requirePrincipal(req);
      const repo = createContactRepository(db, workspaceId);
      const contact = await repo.get(req.params.id);
      if (!contact) throw new AppError('contact_not_found', `no contact ${req.params.id}`);
      return toContactView(repo, contact);
    },
  );
}
