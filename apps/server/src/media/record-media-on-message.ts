import type { Content } from '@fio/contracts';
import { createMessageRepository } from '../conversation/message.repository.ts';
import type { DbOrTx } from '../storage/index.ts';

/** Notes the stored file's real type, size and name on the media message that points at it. */
export async function recordMediaOnMessage(
  tx: DbOrTx,
  workspaceId: string,
  messageId: string,
  stored: { mimeType: string; filename: string | null; sizeBytes: number },
): Promise<void> {
  const messages = createMessageRepository(tx, workspaceId);
  const message = await messages.get(messageId);
  if (message?.content.kind !== 'media') return;
  const content: Content = {
    ...message.content,
    mimeType: stored.mimeType,
    sizeBytes: stored.sizeBytes,
    ...(message.content.filename === undefined && stored.filename ? { filename: stored.filename } : {}),
  };
  await messages.replaceContent(messageId, content);
}
