import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../storage/index.ts';
import { findMediaById } from '../media/media.repository.ts';
import type { MediaStore } from '../media/media-store.ts';
import { verifyMediaSignature } from '../media/media-url.ts';
import { AppError } from './app-error.ts';
import type { Principal } from './auth.ts';
import { requireVisibleConversation } from './conversation-access.ts';

const paramsSchema = z.object({ mediaId: z.string().regex(/^med_[0-9a-z]{22}$/) });
const querySchema = z.object({ exp: z.string().optional(), sig: z.string().optional() });

/**
 * GET /media/:mediaId — a stored media file. Allowed with a signed, unexpired link (what providers and
 * the widget get) or with an API token or inbox session of the file's workspace that may see its conversation. Served as an attachment with
 * its stored type and `nosniff`, never rendered as a page of ours.
 */
export function registerMediaRoutes(
  app: FastifyInstance,
  deps: { db: Db; store: MediaStore; signingKey: Buffer; clock: () => Date; authenticate: (req: FastifyRequest) => Promise<void> },
): void {
  app.get('/media/:mediaId', { schema: { hide: true } }, async (req, reply) => {
    const params = paramsSchema.safeParse(req.params);
    if (!params.success) throw new AppError('media_not_found', 'no such media');
    const query = querySchema.parse(req.query ?? {});
    const media = await findMediaById(deps.db, params.data.mediaId);
    const signed = verifyMediaSignature(deps.signingKey, params.data.mediaId, query.exp, query.sig, deps.clock());
    if (!signed) {
      await deps.authenticate(req);
      if (!media || req.principal?.workspaceId !== media.workspaceId) throw new AppError('media_not_found', 'no such media');
      // A file of a message is as visible as its conversation (restricted teams' files stay theirs).
      if (media.messageId) {
        const message = await deps.db
          .selectFrom('messages')
          .select('conversation_id')
          .where('workspace_id', '=', media.workspaceId)
          .where('id', '=', media.messageId)
          .executeTakeFirst();
        if (message && !(await isVisible(deps.db, req.principal, message.conversation_id)))
          throw new AppError('media_not_found', 'no such media');
      }
    }
    if (!media) throw new AppError('media_not_found', 'no such media');
    if (media.status === 'pending') throw new AppError('media_pending', 'the file is still being fetched from the provider');
    if (media.status === 'failed' || !media.storageKey)
      throw new AppError('media_unavailable', `the file was not kept: ${media.error ?? 'unknown reason'}`);
    const file = await deps.store.open(media.storageKey);
    if (!file) throw new AppError('media_unavailable', 'the file is missing from the media store');
    const filename = (media.filename ?? media.id).replace(/["\\\r\n]/g, '_');
    return reply
      .header('content-type', media.mimeType ?? 'application/octet-stream')
      .header('content-length', String(file.sizeBytes))
      .header(
        'content-disposition',
        `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(media.filename ?? media.id)}`,
      )
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=300')
      .send(file.stream);
  });
}

async function isVisible(db: Db, principal: Principal, conversationId: string): Promise<boolean> {
  try {
    await requireVisibleConversation(db, principal, conversationId);
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === 'conversation_not_found') return false;
    throw err;
  }
}
