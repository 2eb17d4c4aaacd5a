import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema, pageSchema } from '@fio/contracts';
import type { Db, Transact } from '../../storage/index.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import { checkOutboundUrl, type ResolveHost } from '../../security/ssrf-guard.ts';
import type { WorkspaceRegistry } from '../../workspace-registry.ts';
import { webhookEventTypes } from '../../workspace/workspace.schema.ts';
import {
  createWebhookSubscriptionRepository,
  pingWebhookSubscription,
  replayWebhookDelivery,
  type WebhookSubscription,
} from '../../contacts/crm/index.ts';
import { AppError } from '../app-error.ts';
import { requireRole } from '../auth.ts';
import { commonErrorResponses, idParamsSchema, listQuerySchema } from './api-schemas.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

const readers = ['admin', 'supervisor'] as const;
const writers = ['admin'] as const;

const subscriptionSchema = z.object({
  id: z.string(),
  integrationId: z.string().nullable(),
  url: z.string(),
  events: z.array(z.string()),
  source: z.enum(['file', 'api']),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const deliverySchema = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The body as sent (a replay sends these bytes again). */
  body: z.unknown(),
});
const eventsSchema = z.array(z.enum(webhookEventTypes)).min(1);
const createSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048),
  /** The signing secret: write-only, never returned. */
  secret: z.string().min(16, 'a signing secret has at least 16 characters').max(256),
  events: eventsSchema.default([...webhookEventTypes]),
  /** The integration whose field mapping and echo guard apply (workspace.yaml integrations[].id). */
  integrationId: z.string().min(1).max(64).nullable().default(null),
  active: z.boolean().default(true),
});
const patchSchema = z.object({
  url: createSchema.shape.url.optional(),
  secret: createSchema.shape.secret.optional(),
  events: eventsSchema.optional(),
  integrationId: z.string().min(1).max(64).nullable().optional(),
  active: z.boolean().optional(),
});
const deliveriesQuerySchema = listQuerySchema.extend({ status: z.enum(['pending', 'delivered', 'dead']).optional() });
const queuedSchema = z.object({ deliveryId: z.string(), queued: z.boolean() });
const errors = { 403: apiErrorSchema, 409: apiErrorSchema, ...commonErrorResponses };

/** Outbound webhook subscriptions (file-declared ones read-only), their delivery log, replays and pings. */
export function registerWebhookSubscriptionRoutes(
  app: FastifyInstance,
  deps: {
    db: Db;
    transact: Transact;
    box: SecretBox;
    workspaces: WorkspaceRegistry;
    clock: () => Date;
    wake: () => void;
    resolve?: ResolveHost;
  },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const repoFor = (workspaceId: string) => createWebhookSubscriptionRepository(deps.db, workspaceId, deps.box);

  const getOwn = async (workspaceId: string, id: string): Promise<WebhookSubscription> => {
    const sub = await repoFor(workspaceId).get(id);
    if (!sub) throw new AppError('webhook_not_found', `no webhook subscription ${id}`);
    return sub;
  };
  const getWritable = async (workspaceId: string, id: string): Promise<WebhookSubscription> => {
    const sub = await getOwn(workspaceId, id);
    if (sub.source === 'file')
      throw new AppError('webhook_read_only', `subscription ${id} is declared in workspace.yaml (integration ${sub.integrationId ?? ''})`);
    return sub;
  };
  /** Refuses at once what the sender would refuse at every attempt. */
  const checkUrl = async (workspaceId: string, url: string) => {
    const allowPrivate = deps.workspaces.get(workspaceId)?.definition.http.allowPrivate ?? [];
    const check = await checkOutboundUrl(url, { allowPrivate }, deps.resolve);
    if (!check.ok && check.code !== 'unresolvable')
      throw new AppError('webhook_url_blocked', check.message, [{ field: 'body.url', message: check.message }]);
  };
  const checkIntegration = (workspaceId: string, integrationId: string | null | undefined) => {
    if (integrationId === null || integrationId === undefined) return;
    const known = deps.workspaces.get(workspaceId)?.definition.integrations.some((i) => i.id === integrationId);
    if (!known) throw new AppError('integration_not_found', `no integration ${integrationId} in workspace.yaml`);
  };

  r.get(
    '/api/v1/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'List webhook subscriptions (secrets are never returned)',
        querystring: listQuerySchema,
        response: { 200: pageSchema(subscriptionSchema), ...errors },
      },
    },
    async (req) => {
      const { workspaceId } = requireRole(req, readers);
      const after = decodeCursor(req.query.cursor);
      const all = await repoFor(workspaceId).list();
      const rest = after === undefined ? all : all.filter((s) => s.id > String(after));
      const page = rest.slice(0, req.query.limit);
      const last = page.at(-1);
      return { data: page, nextCursor: rest.length > req.query.limit && last ? encodeCursor(last.id) : null };
    },
  );

  r.post(
    '/api/v1/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Subscribe a URL to webhook events',
        body: createSchema,
        response: { 201: subscriptionSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { workspaceId } = requireRole(req, writers);
      checkIntegration(workspaceId, req.body.integrationId);
      await checkUrl(workspaceId, req.body.url);
      const sub = await repoFor(workspaceId).create(req.body, deps.clock().toISOString());
      return reply.status(201).send(sub);
    },
  );

  r.get(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Get one webhook subscription',
        params: idParamsSchema,
        response: { 200: subscriptionSchema, ...errors },
      },
    },
    async (req) => {
      const { workspaceId } = requireRole(req, readers);
      return getOwn(workspaceId, req.params.id);
    },
  );

  r.patch(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Change an API-managed subscription (URL, secret, events, integration, active)',
        params: idParamsSchema,
        body: patchSchema,
        response: { 200: subscriptionSchema, ...errors },
      },
    },
    async (req) => {
      const { workspaceId } = requireRole(req, writers);
      await getWritable(workspaceId, req.params.id);
      checkIntegration(workspaceId, req.body.integrationId);
      if (req.body.url !== undefined) await checkUrl(workspaceId, req.body.url);
      const { url, secret, events, integrationId, active } = req.body;
      const change = {
        ...(url !== undefined ? { url } : {}),
        ...(secret !== undefined ? { secret } : {}),
        ...(events !== undefined ? { events } : {}),
        ...(integrationId !== undefined ? { integrationId } : {}),
        ...(active !== undefined ? { active } : {}),
      };
      const updated = await repoFor(workspaceId).update(req.params.id, change, deps.clock().toISOString());
      if (!updated) throw new AppError('webhook_not_found', `no webhook subscription ${req.params.id}`);
      return updated;
    },
  );

  r.delete(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Delete an API-managed subscription and its delivery log',
        params: idParamsSchema,
        response: { 200: z.object({ id: z.string(), deleted: z.literal(true) }), ...errors },
      },
    },
    async (req) => {
      const { workspaceId } = requireRole(req, writers);
      await getWritable(workspaceId, req.params.id);
      await deps.transact((tx) => createWebhookSubscriptionRepository(tx, workspaceId, deps.box).remove(req.params.id));
      return { id: req.params.id, deleted: true as const };
    },
  );

  r.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags: ['webhooks'],
        summary: "The subscription's delivery log, newest first; filter by status",
        params: idParamsSchema,
        querystring: deliveriesQuerySchema,
        response: { 200: pageSchema(deliverySchema), ...errors },
      },
    },
    async (req) => {
      const { workspaceId } = requireRole(req, readers);
      await getOwn(workspaceId, req.params.id);
      const after = decodeCursor(req.query.cursor);
      const rows = await deps.db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('subscription_id', '=', req.params.id)
        .$if(req.query.status !== undefined, (qb) => qb.where('status', '=', req.query.status ?? ''))
        .$if(after !== undefined, (qb) => qb.where('id', '<', String(after)))
        .orderBy('id', 'desc')
        .limit(req.query.limit + 1)
        .execute();
      const page = rows.slice(0, req.query.limit);
      const last = page.at(-1);
      return {
        data: page.map((row) => ({
          id: row.id,
          subscriptionId: row.subscription_id,
          eventId: row.event_id,
          eventType: row.event_type,
          status: toDeliveryStatus(row.status),
          attempts: row.attempts,
          lastStatusCode: row.last_status_code,
          lastError: row.last_error,
          lastAttemptAt: row.last_attempt_at,
          deliveredAt: row.delivered_at,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
          body: JSON.parse(row.body) as unknown,
        })),
        nextCursor: rows.length > req.query.limit && last ? encodeCursor(last.id) : null,
      };
    },
  );

  r.post(
    '/api/v1/webhook-deliveries/:id/replay',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Send a delivered or dead delivery again: the same body, a fresh signature',
        params: idParamsSchema,
        response: { 202: queuedSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { workspaceId } = requireRole(req, writers);
      const result = await deps.transact((tx) => replayWebhookDelivery(tx, workspaceId, req.params.id, deps.clock().toISOString()));
      if (!result.ok) throw new AppError('webhook_delivery_not_found', `no webhook delivery ${req.params.id}`);
      deps.wake();
      return reply.status(202).send({ deliveryId: req.params.id, queued: result.queued });
    },
  );

  r.post(
    '/api/v1/webhooks/:id/ping',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Send a webhook.ping event to the subscription (see the answer in its delivery log)',
        params: idParamsSchema,
        response: { 202: queuedSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { workspaceId } = requireRole(req, writers);
      const sub = await getOwn(workspaceId, req.params.id);
      const workspace = { id: workspaceId, slug: deps.workspaces.get(workspaceId)?.slug ?? workspaceId };
      const deliveryId = await deps.transact((tx) => pingWebhookSubscription(tx, workspace, sub.id, deps.clock().toISOString()));
      deps.wake();
      return reply.status(202).send({ deliveryId, queued: true });
    },
  );
}

function toDeliveryStatus(status: string): 'pending' | 'delivered' | 'dead' {
  return status === 'delivered' || status === 'dead' ? status : 'pending';
}
