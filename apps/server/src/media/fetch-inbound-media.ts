import { createHash } from 'node:crypto';
import { ChannelError, type RealtimePush } from '@fio/channel-kit';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { ConnectionRegistry } from '../channels/connection-registry.ts';
import { backoffDelayMs, LeaseLostError, type Job, type JobQueue } from '../jobs/job-queue.ts';
import type { Db, Transact } from '../storage/index.ts';
import { createMediaRepository } from './media.repository.ts';
import { checkMedia, type MediaPolicy } from './media-policy.ts';
import { mediaStorageKey, type MediaStore } from './media-store.ts';
import { recordMediaOnMessage } from './record-media-on-message.ts';

const maxFetchAttempts = 6;

export interface MediaDeps {
  db: Db;
  transact: Transact;
  jobs: JobQueue;
  connections: ConnectionRegistry;
  store: MediaStore;
  policy: MediaPolicy;
  clock: () => Date;
  log: Logger;
  fetch: typeof fetch;
  realtime: RealtimePush;
}

/**
 * One media job: download what the customer sent through the provider's API (the adapter knows how),
 * check it against the size and type policy, keep it in the media store, and note its type and size
 * on the message. Provider hiccups retry with back-off; a refusal is final and recorded, so the agent
 * sees why the file is not there instead of a broken link.
 */
export async function fetchInboundMedia(deps: MediaDeps, job: Job): Promise<void> {
  const ws = job.workspaceId;
  const media = createMediaRepository(deps.db, ws);
  const row = await media.get(String(job.payload['mediaId']));
  if (!row || row.status !== 'pending' || !row.sourceRef) {
    await deps.transact((tx) => deps.jobs.complete(tx, job));
    return;
  }
  const connection = row.connectionId ? deps.connections.get(row.connectionId) : undefined;
  const fetchMedia = connection?.adapter.fetchMedia;
  if (!connection || !fetchMedia) {
    await fail(deps, job, row.id, `connection ${row.connectionId ?? '?'} cannot fetch media`);
    return;
  }

  try {
    const fetched = await fetchMedia(
      { ref: row.sourceRef, mimeType: row.mimeType ?? undefined, maxBytes: deps.policy.maxBytes },
      { ...connection.ctx, fetch: deps.fetch, now: deps.clock, realtime: deps.realtime },
    );
    const check = checkMedia(deps.policy, fetched.mimeType, fetched.body.byteLength);
    if (!check.ok) {
      await fail(deps, job, row.id, check.reason);
      return;
    }
    const now = deps.clock();
    const storageKey = mediaStorageKey(ws, row.id, now);
    await deps.store.put(storageKey, fetched.body);
    const stored = {
      storageKey,
      mimeType: fetched.mimeType,
      filename: fetched.filename ?? row.filename,
      sizeBytes: fetched.body.byteLength,
      sha256: createHash('sha256').update(fetched.body).digest('hex'),
    };
    await deps.transact(async (tx) => {
      await createMediaRepository(tx, ws).markStored(row.id, stored, now.toISOString());
      if (row.messageId) await recordMediaOnMessage(tx, ws, row.messageId, stored);
      await deps.jobs.complete(tx, job);
    });
  } catch (err) {
    if (err instanceof LeaseLostError) return;
    const retryable = err instanceof ChannelError ? err.retryable : true;
    const why = err instanceof Error ? err.message : String(err);
    if (retryable && job.attempts < maxFetchAttempts) {
      const retryAfterMs = err instanceof ChannelError ? err.retryAfterMs : undefined;
      deps.log.warn({ mediaId: row.id, attempt: job.attempts, err: why }, 'fetching inbound media failed; will retry');
      await deps.jobs.retryLater(job, new Date(deps.clock().getTime() + backoffDelayMs(job.attempts, { retryAfterMs })), why);
      return;
    }
    await fail(deps, job, row.id, why);
  }
}

async function fail(deps: MediaDeps, job: Job, mediaId: string, why: string): Promise<void> {
  deps.log.warn({ mediaId, reason: why }, 'inbound media not kept');
  await deps
    .transact(async (tx) => {
      await createMediaRepository(tx, job.workspaceId).markFailed(mediaId, why, deps.clock().toISOString());
      await deps.jobs.complete(tx, job);
    })
    .catch((err: unknown) => {
      if (!(err instanceof LeaseLostError)) throw err;
    });
}
