import { ChannelError, type RealtimePush, type SendResult } from '@fio/channel-kit';
import { appendEvents } from '../events/event-log.ts';
import { backoffDelayMs, LeaseLostError, type Job } from '../jobs/job-queue.ts';
import { createConversationRepository } from '../conversation/conversation.repository.ts';
import { createMessageRepository, type Message } from '../conversation/message.repository.ts';
import type { PipelineDeps } from '../conversation/pipeline/pipeline-deps.ts';
import { createConsentRepository } from '../compliance/index.ts';
import { buildOutboundMessage } from './build-outbound-message.ts';
import { applyEarlyReceipts } from './apply-status-event.ts';
import { findMediaById } from '../media/media.repository.ts';
import { mediaIdFromPath } from '../media/media-url.ts';
import type { Pacer } from './pacer.ts';

export const maxDeliveryAttempts = 8;
const recordAttempts = 5;

export interface DeliveryDeps extends PipelineDeps {
  fetch: typeof fetch;
  realtime: RealtimePush;
  pacer: Pacer;
  /** A signed, expiring absolute URL of a stored media file, for providers that fetch media by link. */
  signMediaUrl: (mediaId: string) => string;
}

/** A pacing wait up to this long is slept through; a longer one puts the job back for later. */
const maxPacingSleepMs = 1_000;
/** How long a delivery waits for a media file still being fetched before it looks again. */
const mediaPendingDelayMs = 1_000;

/**
 * One delivery job: hand the stored message to its channel. Success moves the status forward and
 * finishes the job in one transaction; a retryable failure comes back later (exponential back-off with
 * jitter, at least the provider's Retry-After); a permanent one marks the message failed with the
 * provider's reason and leaves the job in the dead letters, where the API shows it. Once the provider
 * has accepted the message, only the recording is retried, never the send.
 */
export async function deliverMessage(deps: DeliveryDeps, job: Job): Promise<void> {
  try {
    await deliver(deps, job);
  } catch (err) {
    if (!(err instanceof LeaseLostError)) throw err;
    // Another claim holds the job now (this one outlived its lease): it is that claim's to finish.
    deps.log.warn({ jobId: job.id }, 'delivery job lease lost; leaving it to its current holder');
  }
}

async function deliver(deps: DeliveryDeps, job: Job): Promise<void> {
  const ws = job.workspaceId;
  const message = await createMessageRepository(deps.db, ws).get(String(job.payload['messageId']));
  if (!message || message.status !== 'pending') {
    await deps.transact((tx) => deps.jobs.complete(tx, job));
    return;
  }
  const connection = message.connectionId ? deps.connections.get(message.connectionId) : undefined;
  const channel = connection?.type ?? 'unknown';
  const address = String(job.payload['address']);

  let result: SendResult;
  try {
    if (!connection) {
      throw new ChannelError({
        code: 'rejected',
        message: `channel connection ${message.connectionId ?? '?'} is not configured`,
        retryable: false,
      });
    }
    const conversation = await createConversationRepository(deps.db, ws).get(message.conversationId);
    const definition = connection.adapter.definition;
    if (definition.honoursOptOutKeywords && message.author !== 'system' && conversation) {
      const consent = await createConsentRepository(deps.db, ws).current(conversation.contactId, connection.type);
      if (consent?.status === 'withdrawn') {
        throw new ChannelError({
          code: 'recipient_unreachable',
          message: `the customer opted out of ${definition.displayName} messages (${consent.source}, ${consent.createdAt}); nothing is sent until they opt in again`,
          retryable: false,
          providerCode: 'opted_out',
        });
      }
    }
    // A file Fio is still fetching from the customer's provider cannot be handed on yet: the link
    // would answer 409. Wait for it (without spending an attempt); a file that could not be fetched
    // never will be.
    const media = await ownMediaStatus(deps, ws, message);
    if (media === 'pending') {
      await deps.jobs.postpone(job, new Date(deps.clock().getTime() + mediaPendingDelayMs));
      return;
    }
    if (media === 'failed') {
      throw new ChannelError({
        code: 'unsupported_content',
        message: 'the file could not be fetched from the provider, so it cannot be sent on',
        retryable: false,
      });
    }
    const wait = deps.pacer.reserve(connection.id, address, definition.pacing, deps.clock().getTime());
    if (wait > maxPacingSleepMs) {
      await deps.jobs.postpone(job, new Date(deps.clock().getTime() + wait));
      deps.metrics.deliveries.inc({ channel, outcome: 'paced' });
      return;
    }
    if (wait > 0) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      if (deps.pacer.reserve(connection.id, address, definition.pacing, deps.clock().getTime()) > 0) {
        await deps.jobs.postpone(job, new Date(deps.clock().getTime() + wait));
        return;
      }
    }
    const outbound = await buildOutboundMessage(deps.db, {
      message,
      conversation,
      connection,
      address,
      replyTokenKey: deps.replyTokenKey,
      signMediaUrl: deps.signMediaUrl,
    });
    result = await connection.adapter.sendMessage(outbound, {
      ...connection.ctx,
      fetch: deps.fetch,
      now: deps.clock,
      realtime: deps.realtime,
    });
  } catch (err) {
    await handleFailure(deps, job, message, channel, err);
    return;
  }
  await recordSent(deps, job, message, result);
  deps.metrics.deliveries.inc({ channel, outcome: 'sent' });
}

async function recordSent(deps: DeliveryDeps, job: Job, message: Message, result: SendResult): Promise<void> {
  const ws = job.workspaceId;
  for (let attempt = 1; ; attempt++) {
    try {
      const now = deps.clock().toISOString();
      await deps.transact(async (tx) => {
        await createMessageRepository(tx, ws).advanceStatus(message.id, result.status, now, {
          providerMessageId: result.providerMessageId,
        });
        await appendEvents(tx, [
          {
            workspaceId: ws,
            type: 'message.status_changed',
            conversationId: message.conversationId,
            payload: { messageId: message.id, status: result.status },
            occurredAt: now,
          },
        ]);
        // Receipts the provider posted before this transaction recorded its id apply now, in order.
        if (message.connectionId) await applyEarlyReceipts(tx, message, message.connectionId, result.providerMessageId, now);
        await deps.jobs.complete(tx, job);
      });
      return;
    } catch (err) {
      if (err instanceof LeaseLostError || attempt >= recordAttempts) throw err;
      deps.log.warn({ err, jobId: job.id, attempt }, 'recording a sent message failed; retrying the recording only');
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

async function handleFailure(deps: DeliveryDeps, job: Job, message: Message, channel: string, err: unknown) {
  const ws = job.workspaceId;
  const channelError = err instanceof ChannelError ? err : null;
  const retryable = channelError ? channelError.retryable : true;
  const code = channelError?.code ?? 'internal_error';
  const reason = err instanceof Error ? err.message : String(err);
  const now = deps.clock();
  if (retryable && job.attempts < maxDeliveryAttempts) {
    const delay = backoffDelayMs(job.attempts, { retryAfterMs: channelError?.retryAfterMs });
    deps.log.warn({ jobId: job.id, messageId: message.id, code, attempt: job.attempts, delayMs: delay }, 'delivery failed; will retry');
    if (!(await deps.jobs.retryLater(job, new Date(now.getTime() + delay), `${code}: ${reason}`))) return;
    await appendEvents(deps.db, [
      {
        workspaceId: ws,
        type: 'delivery.retried',
        conversationId: message.conversationId,
        payload: { messageId: message.id, code, reason, attempt: job.attempts, delayMs: delay },
        occurredAt: now.toISOString(),
      },
    ]);
    deps.metrics.deliveries.inc({ channel, outcome: 'retry' });
    return;
  }
  deps.log.error({ jobId: job.id, messageId: message.id, code, reason }, 'delivery failed for good');
  const error = { code: channelError?.providerCode ? `${code}:${channelError.providerCode}` : code, message: reason.slice(0, 2000) };
  // The failed status and the dead letter are one fact: recorded together or not at all.
  await deps.transact(async (tx) => {
    await createMessageRepository(tx, ws).advanceStatus(message.id, 'failed', now.toISOString(), { error });
    await appendEvents(tx, [
      {
        workspaceId: ws,
        type: 'message.failed',
        conversationId: message.conversationId,
        payload: { messageId: message.id, ...error, attempts: job.attempts },
        occurredAt: now.toISOString(),
      },
    ]);
    await deps.jobs.bury(tx, job, `${code}: ${reason}`, now);
  });
  deps.metrics.deliveries.inc({ channel, outcome: 'failed' });
}

/** The status of the Fio-stored file a media message sends, or null when it sends none. */
async function ownMediaStatus(deps: DeliveryDeps, workspaceId: string, message: Message): Promise<'pending' | 'stored' | 'failed' | null> {
  if (message.content.kind !== 'media') return null;
  const mediaId = mediaIdFromPath(message.content.url);
  if (!mediaId) return null;
  const media = await findMediaById(deps.db, mediaId);
  return media && media.workspaceId === workspaceId ? media.status : null;
}
