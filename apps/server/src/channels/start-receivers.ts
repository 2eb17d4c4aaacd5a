import { createHash } from 'node:crypto';
import type { FetchedMedia, ReceiverContext, RunningReceiver } from '@fio/channel-kit';
import type { InboundEvent, InboundMessageEvent } from '@fio/contracts';
import type { FastifyBaseLogger as Logger } from 'fastify';
import { findInboundReceipt, findUnusableSender, handleInboundEvent } from '../conversation/index.ts';
import type { StoredMedia } from '../conversation/pipeline/attach-inbound-media.ts';
import type { PipelineDeps } from '../conversation/pipeline/pipeline-deps.ts';
import { applyStatusEvent } from '../delivery/index.ts';
import { checkMedia, type MediaPolicy } from '../media/media-policy.ts';
import { mediaStorageKey, type MediaStore } from '../media/media-store.ts';
import { newId } from '../storage/index.ts';
import type { ConnectionRuntime } from './connection-registry.ts';

export interface ReceiverDeps extends PipelineDeps {
  mediaStore: MediaStore;
  mediaPolicy: MediaPolicy;
}

export class ReceiverStartError extends Error {
  override readonly name = 'ReceiverStartError';
}

/**
 * Starts the receivers of connections that do not get webhooks (an SMTP listener, an IMAP poller).
 * Each gets an `ingest` that records events exactly like the webhook route does, storing carried
 * attachments first, and resolves only after the commit, so the receiver acknowledges after it.
 */
export async function startReceivers(deps: ReceiverDeps, log: Logger): Promise<{ connectionId: string; receiver: RunningReceiver }[]> {
  const running: { connectionId: string; receiver: RunningReceiver }[] = [];
  for (const connection of deps.connections.all()) {
    const start = connection.adapter.startReceiver;
    if (!start) continue;
    const receiverLog = log.child({ connectionId: connection.id, channel: connection.type });
    const ctx: ReceiverContext<unknown, unknown> = {
      ...connection.ctx,
      now: deps.clock,
      log: receiverLog,
      ingest: (events, attachments) => ingestFromReceiver(deps, connection, events, attachments ?? {}),
    };
    try {
      const receiver = await start(ctx);
      running.push({ connectionId: connection.id, receiver });
      if (receiver.address) receiverLog.info({ address: receiver.address }, `${connection.type} receiver listening`);
    } catch (err) {
      await Promise.allSettled(running.map((r) => r.receiver.stop()));
      const why = err instanceof Error ? err.message : String(err);
      throw new ReceiverStartError(`channel connection "${connection.id}" (${connection.type}) could not start receiving: ${why}`, {
        cause: err,
      });
    }
  }
  return running;
}

async function ingestFromReceiver(
  deps: ReceiverDeps,
  connection: ConnectionRuntime,
  events: InboundEvent[],
  attachments: Readonly<Record<string, FetchedMedia>>,
): Promise<void> {
  for (const event of events) {
    if (event.type === 'status') {
      await applyStatusEvent(deps.transact, connection, event, deps.clock().toISOString());
      continue;
    }
    const unusable = findUnusableSender([event]);
    if (unusable) {
      // Not a retryable failure: the sender's address itself is unusable. Acknowledged, logged, skipped.
      deps.log.warn({ connectionId: connection.id, reason: unusable }, 'inbound event skipped');
      continue;
    }
    const prepared = await storeCarriedMedia(deps, connection, event, attachments);
    await handleInboundEvent(deps, connection, prepared.event, prepared.storedMedia ? { storedMedia: prepared.storedMedia } : {});
  }
}

/** An `attachment:KEY` media event gets its bytes stored first (unless this delivery was already recorded). */
async function storeCarriedMedia(
  deps: ReceiverDeps,
  connection: ConnectionRuntime,
  event: InboundMessageEvent,
  attachments: Readonly<Record<string, FetchedMedia>>,
): Promise<{ event: InboundMessageEvent; storedMedia?: StoredMedia }> {
  const content = event.content;
  if (content.kind !== 'media' || !content.url.startsWith('attachment:')) return { event };
  if (await findInboundReceipt(deps.db, connection.id, event.providerMessageId)) return { event };

  const file = attachments[content.url.slice('attachment:'.length)];
  const name = content.filename ?? file?.filename ?? 'file';
  if (!file) return { event: { ...event, content: refused(name, 'the attachment was not carried with the message') } };
  const check = checkMedia(deps.mediaPolicy, file.mimeType, file.body.byteLength);
  if (!check.ok) return { event: { ...event, content: refused(name, check.reason) } };

  const mediaId = newId('med');
  const storageKey = mediaStorageKey(connection.workspaceId, mediaId, deps.clock());
  await deps.mediaStore.put(storageKey, file.body);
  return {
    event,
    storedMedia: {
      mediaId,
      storageKey,
      mimeType: file.mimeType,
      filename: content.filename ?? file.filename ?? null,
      sizeBytes: file.body.byteLength,
      sha256: createHash('sha256').update(file.body).digest('hex'),
    },
  };
}

function refused(name: string, reason: string) {
  return {
    kind: 'unsupported' as const,
    placeholder: `[attachment ${name} not kept: ${reason}]`.slice(0, 256),
    providerKind: 'attachment',
  };
}
