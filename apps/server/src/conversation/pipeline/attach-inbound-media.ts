import type { Content } from '@fio/contracts';
import type { ConnectionRuntime } from '../../channels/connection-registry.ts';
import { createMediaRepository } from '../../media/media.repository.ts';
import { mediaIdFromPath, mediaPath } from '../../media/media-url.ts';
import { newId, type DbOrTx } from '../../storage/index.ts';

/** A file a receiver already stored (an e-mail attachment) before the ingest transaction. */
export interface StoredMedia {
  mediaId: string;
  storageKey: string;
  mimeType: string;
  filename: string | null;
  sizeBytes: number;
  sha256: string;
}

/**
 * Points an inbound media message at Fio's own copy: a file already stored is recorded as such; a
 * provider reference becomes a pending media object and a fetch job, written in the ingest transaction
 * so the file is fetched even if the process stops right after the 2xx.
 */
export async function attachInboundMedia(
  tx: DbOrTx,
  connection: ConnectionRuntime,
  content: Content,
  messageId: string,
  stored: StoredMedia | undefined,
  now: string,
): Promise<{ content: Content; fetchJob: { mediaId: string } | null }> {
  if (content.kind !== 'media') return { content, fetchJob: null };
  const media = createMediaRepository(tx, connection.workspaceId);
  if (stored) {
    await media.create(
      {
        messageId,
        status: 'stored',
        connectionId: connection.id,
        storageKey: stored.storageKey,
        mimeType: stored.mimeType,
        filename: stored.filename,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
      },
      now,
      stored.mediaId,
    );
    return {
      content: { ...content, url: mediaPath(stored.mediaId), mimeType: stored.mimeType, sizeBytes: stored.sizeBytes },
      fetchJob: null,
    };
  }
  if (!connection.adapter.fetchMedia || mediaIdFromPath(content.url)) return { content, fetchJob: null };
  const mediaId = newId('med');
  await media.create(
    {
      messageId,
      status: 'pending',
      connectionId: connection.id,
      sourceRef: content.url,
      mimeType: content.mimeType ?? null,
      filename: content.filename ?? null,
    },
    now,
    mediaId,
  );
  return { content: { ...content, url: mediaPath(mediaId) }, fetchJob: { mediaId } };
}
