import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { conversationWithSummarySchema, pageSchema, type ConversationWithSummary } from '@fio/contracts';
import { createContactRepository } from '../../contacts/index.ts';
import { createConversationRepository, toConversationView } from '../../conversation/conversation.repository.ts';
import { loadConversationSummary } from '../../conversation/load-conversation-summary.ts';
import type { PipelineDeps } from '../../conversation/pipeline/pipeline-deps.ts';
import type { DbOrTx } from '../../storage/index.ts';
import { AppError } from '../app-error.ts';
import { requirePrincipal, type Principal } from '../auth.ts';
import { canSeeConversation, loadRestrictedTeamIds } from '../conversation-access.ts';
import { commonErrorResponses, idParamsSchema, listQuerySchema } from './api-schemas.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

/** Merges nest (A into B, later B into C): this many levels are followed, far more than people chain. */
const mergeDepth = 8;

/**
 * GET /api/v1/contacts/:id/conversations — the customer's history: the open conversation first, then
 * the resolved ones newest first, each with its summary, so the previous ones are one click away.
 * Conversations still filed under contacts merged into this one are included; a merged contact's id
 * answers with its survivor's history (where its conversations went).
 */
export function registerContactConversationRoutes(app: FastifyInstance, deps: Pick<PipelineDeps, 'db' | 'workspaces'>): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/contacts/:id/conversations',
    {
      schema: {
        tags: ['contacts'],
        summary: "A contact's conversations with their summaries: the open one first, then the resolved ones newest first",
        params: idParamsSchema,
        querystring: listQuerySchema.extend({ limit: listQuerySchema.shape.limit.default(20) }),
        response: { 200: pageSchema(conversationWithSummarySchema), ...commonErrorResponses },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      const { workspaceId } = principal;
      const contact = await createContactRepository(deps.db, workspaceId).getFollowingMerges(req.params.id);
      if (!contact) throw new AppError('contact_not_found', `no contact ${req.params.id}`);
      const after = readCursor(req.query.cursor);
      const contactIds = await withMergedContacts(deps.db, workspaceId, contact.id);
      const conversations = createConversationRepository(deps.db, workspaceId);
      const { open, resolved } = await conversations.listForContacts(contactIds, {
        includeOpen: after === null,
        after: after === 'start' ? null : after,
        limit: req.query.limit + 1,
      });
      const resolvedShown = resolved.slice(0, Math.max(0, req.query.limit - open.length));
      const more = resolved.length > resolvedShown.length;
      const language = deps.workspaces.get(workspaceId)?.definition.defaultLanguage ?? 'pt-BR';
      const data: ConversationWithSummary[] = [];
      const visible = await visibleIds(
        deps.db,
        principal,
        [...open, ...resolvedShown].map((c) => c.id),
      );
      for (const conversation of [...open, ...resolvedShown].filter((c) => visible.has(c.id))) {
        data.push({
          ...toConversationView(conversation),
          summary: await loadConversationSummary(deps.db, workspaceId, conversation, language),
          previousConversationId: await conversations.findPreviousId(conversation),
        });
      }
      // The next page starts after the last resolved one shown (or at the top of the resolved ones).
      const last = resolvedShown.at(-1);
      const nextCursor = more ? encodeCursor(last ? `${last.createdAt}|${last.id}` : '') : null;
      return { data, nextCursor };
    },
  );
}

/** null for the first page; 'start' (the first resolved one) or the "createdAt|id" key of the last one shown. */
function readCursor(cursor: string | undefined): { createdAt: string; id: string } | 'start' | null {
  const key = decodeCursor(cursor);
  if (key === undefined) return null;
  if (key === '') return 'start';
  const at = typeof key === 'string' ? key.lastIndexOf('|') : -1;
  if (typeof key !== 'string' || at <= 0) throw new AppError('invalid_cursor', 'the cursor is not one this API issued');
  return { createdAt: key.slice(0, at), id: key.slice(at + 1) };
}

/** The contact and every contact merged into it, directly or through another merge. */
async function withMergedContacts(db: DbOrTx, workspaceId: string, contactId: string): Promise<string[]> {
  const all = [contactId];
  let frontier = [contactId];
  for (let depth = 0; depth < mergeDepth && frontier.length > 0; depth++) {
    const rows = await db
      .selectFrom('contacts')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('merged_into', 'in', frontier)
      .execute();
    frontier = rows.map((r) => r.id).filter((id) => !all.includes(id));
    all.push(...frontier);
  }
  return all;
}

/** The ids among these the caller may see (restricted teams' conversations are their members' only). */
async function visibleIds(db: DbOrTx, principal: Principal, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('conversations')
    .select(['id', 'team_id', 'assignee_id'])
    .where('workspace_id', '=', principal.workspaceId)
    .where('id', 'in', ids)
    .execute();
  const restricted = await loadRestrictedTeamIds(db, principal.workspaceId);
  return new Set(
    rows
      .filter((r) => canSeeConversation(principal, { teamId: r.team_id ?? null, assigneeId: r.assignee_id ?? null }, restricted))
      .map((r) => r.id),
  );
}
