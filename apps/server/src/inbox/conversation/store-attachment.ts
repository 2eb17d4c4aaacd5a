import { createHash } from 'node:crypto';
import type { MediaContent, MediaType } from '@fio/contracts';
import { createMediaRepository } from '../../media/media.repository.ts';
import { checkMedia, type MediaPolicy } from '../../media/media-policy.ts';
import { mediaStorageKey, type MediaStore } from '../../media/media-store.ts';
import { mediaPath } from '../../media/media-url.ts';
import { newId, type DbOrTx } from '../../storage/index.ts';

export type StoreAttachmentResult =
  { ok: true; content: MediaContent } | { ok: false; reason: 'body_too_large' | 'unsupported_media_type'; message: string };

/**
 * A file an agent attaches: checked against the workspace's media policy (size, allowed types), stored
 * in the media store like inbound media, and answered as media content pointing at Fio's /media path —
 * ready to send in a reply (delivery signs the link for the provider, the inbox loads it with its session).
 */
export async function storeAttachment(
  deps: { db: DbOrTx; store: MediaStore; policy: MediaPolicy; clock: () => Date },
  input: { workspaceId: string; body: Uint8Array; mimeType: string; filename: string | null; caption?: string | undefined },
): Promise<StoreAttachmentResult> {
  const mimeType = input.mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  const check = checkMedia(deps.policy, mimeType, input.body.byteLength);
  if (!check.ok)
    return {
      ok: false,
      reason: input.body.byteLength > deps.policy.maxBytes ? 'body_too_large' : 'unsupported_media_type',
      message: check.reason,
    };
  const now = deps.clock();
  const id = newId('med');
  const storageKey = mediaStorageKey(input.workspaceId, id, now);
  await deps.store.put(storageKey, input.body);
  await createMediaRepository(deps.db, input.workspaceId).create(
    {
      messageId: null,
      status: 'stored',
      storageKey,
      mimeType,
      filename: input.filename,
      sizeBytes: input.body.byteLength,
      sha256: createHash('sha256').update(input.body).digest('hex'),
    },
    now.toISOString(),
    id,
  );
  return {
    ok: true,
    content: {
      kind: 'media',
      mediaType: mediaTypeOf(mimeType),
      url: mediaPath(id),
      mimeType,
      sizeBytes: input.body.byteLength,
      ...(input.filename ? { filename: input.filename } : {}),
      ...(input.caption ? { caption: input.caption } : {}),
    },
  };
}

function mediaTypeOf(mimeType: string): MediaType {
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType.startsWith('audio/')) return 'audio';
  if (mimeType.startsWith('video/')) return 'video';
  return 'file';
}
