import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Db, Transact } from '../../storage/index.ts';
import { backoffDelayMs, type Job, type JobQueue } from '../../jobs/job-queue.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import type { ResolveHost } from '../../security/ssrf-guard.ts';
import type { WorkspaceRegistry } from '../../workspace-registry.ts';
import { postWebhook } from './post-webhook.ts';

export interface WebhookRetryPolicy {
  /** The first wait; it doubles per attempt (with jitter) up to `capMs`. */
  baseMs: number;
  capMs: number;
  /** Attempts of one send (the first plus retries) before the delivery is dead. */
  maxAttempts: number;
}

export const defaultWebhookRetryPolicy: WebhookRetryPolicy = { baseMs: 10_000, capMs: 3_600_000, maxAttempts: 8 };

export interface WebhookSenderDeps {
  db: Db;
  transact: Transact;
  jobs: JobQueue;
  box: SecretBox;
  workspaces: WorkspaceRegistry;
  clock: () => Date;
  log: Logger;
  retry: WebhookRetryPolicy;
  timeoutMs: number;
  resolve?: ResolveHost;
}

/**
 * The `webhook` job: sends one delivery's stored body with a fresh signature and records the attempt on
 * the delivery log. 2xx: delivered. 408/425/429/5xx, network errors and timeouts: tried again later with
 * exponential back-off (Retry-After wins when longer) until `maxAttempts`, then dead. Any other answer,
 * or a URL the SSRF guard refuses: dead at once, with the reason. A dead delivery is kept for replay.
 */
export async function sendWebhookDelivery(deps: WebhookSenderDeps, job: Job): Promise<void> {
  const deliveryId = typeof job.payload['deliveryId'] === 'string' ? job.payload['deliveryId'] : '';
  const delivery = await deps.db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('workspace_id', '=', job.workspaceId)
    .where('id', '=', deliveryId)
    .executeTakeFirst();
  // Gone (its subscription was deleted) or already settled: nothing left to send.
  if (!delivery || delivery.status !== 'pending') return deps.transact((tx) => deps.jobs.complete(tx, job));
  const subscription = await deps.db
    .selectFrom('webhook_subscriptions')
    .selectAll()
    .where('workspace_id', '=', job.workspaceId)
    .where('id', '=', delivery.subscription_id)
    .executeTakeFirst();

  const now = deps.clock();
  const nowIso = now.toISOString();
  const attempt = !subscription
    ? ({ outcome: 'dead', status: null, error: 'the subscription was deleted' } as const)
    : subscription.active !== 1
      ? ({ outcome: 'dead', status: null, error: 'the subscription is paused' } as const)
      : await postWebhook({
          url: subscription.url,
          secret: deps.box.open(subscription.secret_enc),
          body: delivery.body,
          eventId: delivery.event_id,
          eventType: delivery.event_type,
          deliveryId: delivery.id,
          now,
          policy: { allowPrivate: deps.workspaces.get(job.workspaceId)?.definition.http.allowPrivate ?? [] },
          timeoutMs: deps.timeoutMs,
          ...(deps.resolve ? { resolve: deps.resolve } : {}),
        });

  const log = {
    attempts: delivery.attempts + 1,
    last_status_code: attempt.status,
    last_attempt_at: nowIso,
    updated_at: nowIso,
  };
  const where = { id: delivery.id, workspaceId: job.workspaceId };

  if (attempt.outcome === 'delivered') {
    await deps.transact(async (tx) => {
      await tx
        .updateTable('webhook_deliveries')
        .set({ ...log, status: 'delivered', last_error: null, delivered_at: nowIso })
        .where('id', '=', where.id)
        .where('workspace_id', '=', where.workspaceId)
        .execute();
      await deps.jobs.complete(tx, job);
    });
    return;
  }
  // job.attempts counts the tries of this send (a replay starts a new job, so a new series).
  if (attempt.outcome === 'retry' && job.attempts < deps.retry.maxAttempts) {
    const delay = backoffDelayMs(job.attempts, {
      baseMs: deps.retry.baseMs,
      capMs: deps.retry.capMs,
      retryAfterMs: attempt.retryAfterMs ?? undefined,
    });
    await deps.db
      .updateTable('webhook_deliveries')
      .set({ ...log, last_error: attempt.error.slice(0, 2000) })
      .where('id', '=', where.id)
      .where('workspace_id', '=', where.workspaceId)
      .execute();
    await deps.jobs.retryLater(job, new Date(now.getTime() + delay), attempt.error);
    deps.log.warn(
      { deliveryId: delivery.id, status: attempt.status, attempt: job.attempts, delayMs: delay },
      'webhook not delivered; retrying',
    );
    return;
  }
  const reason = attempt.outcome === 'retry' ? `gave up after ${job.attempts} attempts: ${attempt.error}` : attempt.error;
  await deps.transact(async (tx) => {
    await tx
      .updateTable('webhook_deliveries')
      .set({ ...log, status: 'dead', last_error: reason.slice(0, 2000) })
      .where('id', '=', where.id)
      .where('workspace_id', '=', where.workspaceId)
      .execute();
    await deps.jobs.complete(tx, job);
  });
  deps.log.warn({ deliveryId: delivery.id, status: attempt.status }, 'webhook dead-lettered');
}
