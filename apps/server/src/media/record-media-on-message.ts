import type { Content } from '@fio/contracts';
import { contentSchema } from '@fio/contracts';
import type { DbOrTx } from '../storage/index.ts';

/** Notes the stored file's real type, size and name on the media message that points at it. */
export async function recordMediaOnMessage(
  tx: DbOrTx,
  workspaceId: string,
  messageId: string,
  stored: { mimeType: string; filename: string | null; sizeBytes: number },
): Promise<void> {
  const row = await tx
    .selectFrom('messages')
    .select('content_json')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', messageId)
    .executeTakeFirst();
  if (!row) return;
  const parsed = contentSchema.safeParse(JSON.parse(row.content_json));
  if (!parsed.success || parsed.data.kind !== 'media') return;
  const content: Content = {
    ...parsed.data,
    mimeType: stored.mimeType,
    sizeBytes: stored.sizeBytes,
    ...(parsed.data.filename === undefined && stored.filename ? { filename: stored.filename } : {}),
  };
  await tx
    .updateTable('messages')
    .set({ content_json: JSON.stringify(content) })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', messageId)
    .execute();
}
