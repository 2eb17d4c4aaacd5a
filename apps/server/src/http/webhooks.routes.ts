import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RawWebhookRequest, SendContext } from '@fio/channel-kit';
import { channelTypeSchema, type InboundEvent } from '@fio/contracts';
import { z } from 'zod';
import type { ConnectionRuntime } from '../channels/connection-registry.ts';
import { findUnusableSender, handleInboundEvent, type IngestOutcome } from '../conversation/index.ts';
import { applyStatusEvent } from '../delivery/index.ts';
import type { PipelineDeps } from '../conversation/pipeline/pipeline-deps.ts';
import { AppError } from './app-error.ts';

const paramsSchema = z.object({ channelType: channelTypeSchema, connectionId: z.string().min(1).max(128) });

/**
 * POST /webhooks/:channelType/:connectionId (and GET for providers' handshakes). The body stays raw
 * bytes: signatures are checked on exactly what the provider sent. 2xx only after the ingest commits.
 */
export function registerWebhookRoutes(
  app: FastifyInstance,
  deps: PipelineDeps & {
    publicUrl: string | undefined;
    maxBodyBytes: number;
    /** The transport a channel uses to answer the provider after a webhook (afterIngest). */
    sendContextFor: (connection: ConnectionRuntime) => SendContext<unknown, unknown>;
  },
): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.maxBodyBytes }, (_req, body, done) => done(null, body));

    const lookup = (req: FastifyRequest): ConnectionRuntime => {
      const params = paramsSchema.safeParse(req.params);
      if (!params.success) throw new AppError('unknown_connection', 'unknown channel type or connection id');
      const connection = deps.connections.get(params.data.connectionId);
      if (!connection || connection.type !== params.data.channelType) {
        throw new AppError('unknown_connection', `no ${params.data.channelType} connection "${params.data.connectionId}"`);
      }
      if (!connection.adapter.webhook) throw new AppError('no_webhook', `${connection.type} connections do not receive webhooks`);
      return connection;
    };

    scope.get('/webhooks/:channelType/:connectionId', { schema: { hide: true } }, async (req, reply) => {
      const connection = lookup(req);
      const handshake = connection.adapter.webhook?.handshake?.(toRaw(req, Buffer.alloc(0), deps.publicUrl), connection.ctx);
      if (!handshake?.handled) throw new AppError('no_handshake', 'this channel has no GET handshake');
      return reply
        .status(handshake.status)
        .type(handshake.contentType ?? 'text/plain')
        .send(handshake.body);
    });

    scope.post('/webhooks/:channelType/:connectionId', { schema: { hide: true } }, async (req, reply) => {
      const connection = lookup(req);
      const webhook = connection.adapter.webhook;
      if (!webhook) throw new AppError('no_webhook', `${connection.type} connections do not receive webhooks`);
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (body.length > connection.adapter.definition.maxBodyBytes)
        throw new AppError('body_too_large', `body exceeds ${connection.adapter.definition.maxBodyBytes} bytes`);
      const raw = toRaw(req, body, deps.publicUrl);

      const verified = webhook.verifyRequest(raw, connection.ctx);
      if (!verified.ok) {
        if (verified.reason === 'missing_secret') {
          req.log.error({ connectionId: connection.id }, 'webhook secret is not configured: refusing the webhook');
          throw new AppError('channel_misconfigured', `connection "${connection.id}" has no webhook secret configured`);
        }
        throw new AppError(verified.reason, signatureMessage(verified.reason));
      }

      const parsed = webhook.toInboundEvents(raw, connection.ctx);
      if (!parsed.ok) throw new AppError('invalid_payload', parsed.reason);
      const unusable = findUnusableSender(parsed.events);
      if (unusable) throw new AppError('invalid_payload', unusable);

      const results: IngestOutcome[] = [];
      const fresh: InboundEvent[] = [];
      for (const event of parsed.events) {
        if (event.type === 'message') {
          const outcome = await handleInboundEvent(deps, connection, event, { correlationId: req.id });
          results.push(outcome);
          if (!outcome.duplicate) fresh.push(event);
        } else {
          await applyStatusEvent(deps.transact, connection, event, deps.clock().toISOString());
        }
      }
      const afterIngest = webhook.afterIngest;
      if (afterIngest && fresh.length > 0) {
        // After the 2xx: a provider waiting on our answer must not wait on a second call of ours.
        setImmediate(() => {
          afterIngest(fresh, deps.sendContextFor(connection)).catch((err: unknown) =>
            req.log.warn({ err, connectionId: connection.id }, 'answering the provider after a webhook failed'),
          );
        });
      }
      if (webhook.acknowledge) {
        const ack = webhook.acknowledge(parsed.events, raw, connection.ctx);
        return reply.status(ack.status).type(ack.contentType).send(ack.body);
      }
      return reply.status(200).send({ ok: true, messages: results });
    });
  });
}

function signatureMessage(reason: 'missing_signature' | 'bad_signature' | 'stale_timestamp'): string {
  switch (reason) {
    case 'missing_signature':
      return 'the signature header is missing';
    case 'bad_signature':
      return 'the signature does not match';
    case 'stale_timestamp':
      return 'the signed timestamp is too old or in the future';
  }
}

function toRaw(req: FastifyRequest, body: Buffer, publicUrl: string | undefined): RawWebhookRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  const query: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries((req.query ?? {}) as Record<string, unknown>))
    query[k] = typeof v === 'string' ? v : Array.isArray(v) ? String(v[0]) : undefined;
  const base = publicUrl ? publicUrl.replace(/\/$/, '') : `${req.protocol}://${req.host}`;
  return { method: req.method, url: `${base}${req.url}`, headers, query, rawBody: body };
}
