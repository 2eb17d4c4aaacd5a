import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Db, DbOrTx, Transact, WebhookDeliveriesTable } from '../../storage/index.ts';
import { backoffDelayMs, type Job, type JobQueue } from '../../jobs/job-queue.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import type { ResolveHost } from '../../security/ssrf-guard.ts';
import type { WorkspaceRegistry } from '../../workspace-registry.ts';
import { postWebhook, type WebhookAttempt } from './post-webhook.ts';

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
  const now = deps.clock();
  const attempt = await attemptDelivery(deps, delivery, now);
  const log = {
    attempts: delivery.attempts + 1,
    last_status_code: attempt.status,
    last_attempt_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  const update = (db: DbOrTx, values: Partial<WebhookDeliveriesTable>) =>
    db.updateTable('webhook_deliveries').set(values).where('workspace_id', '=', job.workspaceId).where('id', '=', delivery.id).execute();

  if (attempt.outcome === 'delivered') {
    await deps.transact(async (tx) => {
      await update(tx, { ...log, status: 'delivered', last_error: null, delivered_at: now.toISOString() });
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
    await update(deps.db, { ...log, last_error: attempt.error.slice(0, 2000) });
    await deps.jobs.retryLater(job, new Date(now.getTime() + delay), attempt.error);
    deps.log.warn(
      { deliveryId: delivery.id, status: attempt.status, attempt: job.attempts, delayMs: delay },
      'webhook not delivered; retrying',
    );
    return;
  }
  const reason = attempt.outcome === 'retry' ? `gave up after ${job.attempts} attempts: ${attempt.error}` : attempt.error;
  await deps.transact(async (tx) => {
    await update(tx, { ...log, status: 'dead', last_error: reason.slice(0, 2000) });
    await deps.jobs.complete(tx, job);
  });
  deps.log.warn({ deliveryId: delivery.id, status: attempt.status }, 'webhook dead-lettered');
}

/** One try at the subscription as it is now: a deleted or paused one, or an unreadable secret, is dead at once. */
async function attemptDelivery(deps: WebhookSenderDeps, delivery: WebhookDeliveriesTable, now: Date): Promise<WebhookAttempt> {
  const subscription = await deps.db
    .selectFrom('webhook_subscriptions')
    .selectAll()
    .where('workspace_id', '=', delivery.workspace_id)
    .where('id', '=', delivery.subscription_id)
    .executeTakeFirst();
  if (!subscription) return { outcome: 'dead', status: null, error: 'the subscription was deleted' };
  if (subscription.active !== 1) return { outcome: 'dead', status: null, error: 'the subscription is paused' };
  let secret: string;
  try {
    secret = deps.box.open(subscription.secret_enc);
  } catch (err) {
    // A key rotated away without FIO_ENCRYPTION_PREVIOUS_KEYS: no attempt can succeed until it is back.
    return {
      outcome: 'dead',
      status: null,
      error: `the signing secret cannot be read: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  return postWebhook({
    url: subscription.url,
    secret,
    body: delivery.body,
    eventId: delivery.event_id,
    eventType: delivery.event_type,
    deliveryId: delivery.id,
    now,
    policy: { allowPrivate: deps.workspaces.get(delivery.workspace_id)?.definition.http.allowPrivate ?? [] },
    timeoutMs: deps.timeoutMs,
    ...(deps.resolve ? { resolve: deps.resolve } : {}),
  });
}
