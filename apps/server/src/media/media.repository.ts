import type { DbOrTx } from '../storage/index.ts';
import { newId } from '../storage/index.ts';
import type { MediaObjectsTable } from '../storage/schema.ts';

export type MediaStatus = 'pending' | 'stored' | 'failed';

export interface MediaObject {
  id: string;
  workspaceId: string;
  messageId: string | null;
  status: MediaStatus;
  connectionId: string | null;
  sourceRef: string | null;
  storageKey: string | null;
  mimeType: string | null;
  filename: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  error: string | null;
  createdAt: string;
}

function toMediaObject(r: MediaObjectsTable): MediaObject {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    messageId: r.message_id,
    status: r.status === 'stored' || r.status === 'failed' ? r.status : 'pending',
    connectionId: r.connection_id,
    sourceRef: r.source_ref,
    storageKey: r.storage_key,
    mimeType: r.mime_type,
    filename: r.filename,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    error: r.error,
    createdAt: r.created_at,
  };
}

export interface NewMedia {
  messageId: string | null;
  status: MediaStatus;
  connectionId?: string | null;
  sourceRef?: string | null;
  storageKey?: string | null;
  mimeType?: string | null;
  filename?: string | null;
  sizeBytes?: number | null;
  sha256?: string | null;
  error?: string | null;
}

export function createMediaRepository(db: DbOrTx, workspaceId: string) {
  return {
    async create(media: NewMedia, now: string, id: string = newId('med')): Promise<MediaObject> {
      const row: MediaObjectsTable = {
        id,
        workspace_id: workspaceId,
        message_id: media.messageId,
        status: media.status,
        connection_id: media.connectionId ?? null,
        source_ref: media.sourceRef ?? null,
        storage_key: media.storageKey ?? null,
        mime_type: media.mimeType ?? null,
        filename: media.filename ?? null,
        size_bytes: media.sizeBytes ?? null,
        sha256: media.sha256 ?? null,
        error: media.error ?? null,
        created_at: now,
        updated_at: now,
      };
      await db.insertInto('media_objects').values(row).execute();
      return toMediaObject(row);
    },

    async get(id: string): Promise<MediaObject | null> {
      const row = await db
        .selectFrom('media_objects')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toMediaObject(row) : null;
    },

    async markStored(
      id: string,
      stored: { storageKey: string; mimeType: string; filename: string | null; sizeBytes: number; sha256: string },
      now: string,
    ): Promise<void> {
      await db
        .updateTable('media_objects')
        .set({
          status: 'stored',
          storage_key: stored.storageKey,
          mime_type: stored.mimeType,
          filename: stored.filename,
          size_bytes: stored.sizeBytes,
          sha256: stored.sha256,
          error: null,
          updated_at: now,
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .execute();
    },

    async markFailed(id: string, error: string, now: string): Promise<void> {
      await db
        .updateTable('media_objects')
        .set({ status: 'failed', error: error.slice(0, 2000), updated_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .execute();
    },
  };
}

/** Finds a media object by id alone (the signed /media/:id route knows no workspace yet). */
export async function findMediaById(db: DbOrTx, id: string): Promise<MediaObject | null> {
  const row = await db.selectFrom('media_objects').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMediaObject(row) : null;
}
