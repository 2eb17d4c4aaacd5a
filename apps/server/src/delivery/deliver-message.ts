import { ChannelError, type RealtimePush } from '@fio/channel-kit';
import { appendEvents } from '../events/event-log.ts';
import { backoffDelayMs, type Job } from '../jobs/job-queue.ts';
import { createMessageRepository, toMessageView } from '../conversation/message.repository.ts';
import type { PipelineDeps } from '../conversation/pipeline/pipeline-deps.ts';

export const maxDeliveryAttempts = 8;

export interface DeliveryDeps extends PipelineDeps {
  fetch: typeof fetch;
  realtime: RealtimePush;
}

/**
 * One delivery job: hand the stored message to its channel. Success moves the status forward and
 * finishes the job in one transaction; a retryable failure comes back later (exponential back-off with
 * jitter, at least the provider's Retry-After); a permanent one marks the message failed with the
 * provider's reason and leaves the job in the dead letters, where the API shows it.
 */
export async function deliverMessage(deps: DeliveryDeps, job: Job): Promise<void> {
  const ws = job.workspaceId;
  const messages = createMessageRepository(deps.db, ws);
  const message = await messages.get(String(job.payload['messageId']));
  if (!message || message.status !== 'pending') {
    await deps.transact((tx) => deps.jobs.complete(tx, job.id));
    return;
  }
  const connection = message.connectionId ? deps.connections.get(message.connectionId) : undefined;
  const channel = connection?.type ?? 'unknown';
  try {
    if (!connection)
      throw new ChannelError({
        code: 'rejected',
        message: `channel connection ${message.connectionId ?? '?'} is not configured`,
        retryable: false,
      });
    const result = await connection.adapter.sendMessage(
      {
        messageId: message.id,
        conversationId: message.conversationId,
        recipient: { address: String(job.payload['address']) },
        content: message.content,
        view: toMessageView(message),
      },
      { ...connection.ctx, fetch: deps.fetch, now: deps.clock, realtime: deps.realtime },
    );
    const now = deps.clock().toISOString();
    await deps.transact(async (tx) => {
      await createMessageRepository(tx, ws).advanceStatus(message.id, result.status, now, { providerMessageId: result.providerMessageId });
      await appendEvents(tx, [
        {
          workspaceId: ws,
          type: 'message.status_changed',
          conversationId: message.conversationId,
          payload: { messageId: message.id, status: result.status },
          occurredAt: now,
        },
      ]);
      await deps.jobs.complete(tx, job.id);
    });
    deps.metrics.deliveries.inc({ channel, outcome: 'sent' });
  } catch (err) {
    await handleFailure(deps, job, message.id, message.conversationId, channel, err);
  }
}

async function handleFailure(deps: DeliveryDeps, job: Job, messageId: string, conversationId: string, channel: string, err: unknown) {
  const ws = job.workspaceId;
  const channelError = err instanceof ChannelError ? err : null;
  const retryable = channelError ? channelError.retryable : true;
  const code = channelError?.code ?? 'internal_error';
  const reason = err instanceof Error ? err.message : String(err);
  const now = deps.clock();
  if (retryable && job.attempts < maxDeliveryAttempts) {
    const delay = backoffDelayMs(job.attempts, { retryAfterMs: channelError?.retryAfterMs });
    deps.log.warn({ jobId: job.id, messageId, code, attempt: job.attempts, delayMs: delay }, 'delivery failed; will retry');
    await deps.jobs.retryLater(job.id, new Date(now.getTime() + delay), `${code}: ${reason}`);
    await appendEvents(deps.db, [
      {
        workspaceId: ws,
        type: 'delivery.retried',
        conversationId,
        payload: { messageId, code, reason, attempt: job.attempts, delayMs: delay },
        occurredAt: now.toISOString(),
      },
    ]);
    deps.metrics.deliveries.inc({ channel, outcome: 'retry' });
    return;
  }
  deps.log.error({ jobId: job.id, messageId, code, reason }, 'delivery failed for good');
  const error = { code: channelError?.providerCode ? `${code}:${channelError.providerCode}` : code, message: reason.slice(0, 2000) };
  await deps.transact(async (tx) => {
    await createMessageRepository(tx, ws).advanceStatus(messageId, 'failed', now.toISOString(), { error });
    await appendEvents(tx, [
      {
        workspaceId: ws,
        type: 'message.failed',
        conversationId,
        payload: { messageId, ...error, attempts: job.attempts },
        occurredAt: now.toISOString(),
      },
    ]);
  });
  await deps.jobs.bury(job.id, `${code}: ${reason}`, now);
  deps.metrics.deliveries.inc({ channel, outcome: 'failed' });
}
