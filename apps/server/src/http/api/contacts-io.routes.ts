import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '@fio/contracts';
import { exportContactsCsv, importContacts } from '../../contacts/index.ts';
import { AppError } from '../app-error.ts';
import { requireRole } from '../auth.ts';
import { commonErrorResponses } from './api-schemas.ts';
import { contactWriterRoles, type ContactRouteDeps } from './contacts.routes.ts';

/** A CSV of a few hundred thousand contacts fits; the other routes keep the 1 MiB limit. */
export const importBodyLimit = 20 * 1024 * 1024;

const rowErrorSchema = z.object({ row: z.number().int(), field: z.string(), code: z.string(), message: z.string() });

export function registerContactIoRoutes(app: FastifyInstance, deps: ContactRouteDeps): void {
  // The CSV body parser lives in this plugin only: no other route accepts text/csv.
  void app.register(async (io) => {
    io.addContentTypeParser(
      ['text/csv', 'application/csv', 'text/plain'],
      { parseAs: 'string', bodyLimit: importBodyLimit },
      (_req, body, done) => {
        done(null, body);
      },
    );
    const r = io.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/v1/contacts/import',
      {
        bodyLimit: importBodyLimit,
        // Before the body schema: JSON sent here is a wrong Content-Type, not a malformed CSV.
        preValidation: async (req) => {
          if (typeof req.body !== 'string') throw new AppError('unsupported_media_type', 'send the file as text/csv');
        },
        schema: {
          tags: ['contacts'],
          summary:
            'Import contacts from CSV (text/csv, up to 20 MB): upsert by id, external id, e-mail, then phone; rows with errors are skipped and listed',
          querystring: z.object({
            dryRun: z.enum(['true', 'false']).default('false'),
            integration: z.string().min(1).max(64).optional(),
          }),
          body: z.string(),
          response: {
            200: z.object({
              created: z.number().int(),
              updated: z.number().int(),
              unchanged: z.number().int(),
              skipped: z.number().int(),
              errors: z.array(rowErrorSchema),
              dryRun: z.boolean(),
            }),
            ...commonErrorResponses,
            403: apiErrorSchema,
            413: apiErrorSchema,
            415: apiErrorSchema,
          },
        },
      },
      async (req) => {
        const { workspaceId, tokenId } = requireRole(req, contactWriterRoles);
        const result = await importContacts(deps, {
          workspaceId,
          text: req.body,
          integration: req.query.integration,
          dryRun: req.query.dryRun === 'true',
          source: `import:token:${tokenId}`,
          now: deps.clock().toISOString(),
        });
        if (!result.ok) throw new AppError('invalid_csv', result.errors.map((e) => e.message).join('; '), result.errors);
        return result.summary;
      },
    );

    r.get(
      '/api/v1/contacts/export.csv',
      {
        schema: {
          tags: ['contacts'],
          summary: 'Export every contact as CSV (streamed): profile, tags, segments and one column per contact field',
          // No options yet: an unknown one is refused rather than silently ignored.
          querystring: z.strictObject({}),
          response: {
            200: z.unknown().describe('The CSV file (text/csv; charset=utf-8), streamed'),
            403: apiErrorSchema,
            ...commonErrorResponses,
          },
        },
      },
      async (req, reply) => {
        // Every contact's personal data at once: admins and supervisors only.
        const { workspaceId } = requireRole(req, ['admin', 'supervisor']);
        const fields = deps.workspaces.get(workspaceId)?.definition.contactFields ?? [];
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="contacts.csv"')
          .send(Readable.from(exportContactsCsv(deps.db, deps, workspaceId, fields)));
      },
    );
  });
}
